import { type BotPlatformAdapter } from './bot-platform.adapter';
import { CognigyRestAdapter, type CognigyRestAdapterOptions } from './cognigy/cognigy-rest.adapter';
import { GenericWebhookAdapter, type GenericWebhookAdapterOptions } from './generic/generic-webhook.adapter';
import { KoreWebhookAdapter, type KoreWebhookAdapterOptions } from './kore/kore-webhook.adapter';

/** One bot connection's adapter settings, told apart by `platform`. */
export type AdapterConfig =
  | ({ platform: 'cognigy' } & CognigyRestAdapterOptions)
  | ({ platform: 'kore' } & KoreWebhookAdapterOptions)
  | ({ platform: 'generic' } & GenericWebhookAdapterOptions);

/** Builds the adapter for a configuration. Throws a `TypeError` (without secrets) when the configuration is malformed. */
export function createAdapter(config: AdapterConfig): BotPlatformAdapter {
  switch (config.platform) {
    case 'cognigy':
      return new CognigyRestAdapter(config);
    case 'kore':
      return new KoreWebhookAdapter(config);
    case 'generic':
      return new GenericWebhookAdapter(config);
    default:
      throw new TypeError(`unknown bot platform ${JSON.stringify((config as { platform: unknown }).platform)}`);
  }
}
