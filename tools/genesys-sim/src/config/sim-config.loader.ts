import type { GenesysSimOptionsInput } from './sim-options';

export type Env = Record<string, string | undefined>;

export const DEFAULT_PORT = 9090;
export const DEFAULT_HOST = '127.0.0.1';

/** Seed used when the config file provides none, so `npm run sim` is usable at once. */
export const DEFAULT_SEED = {
  clientId: 'sim-client',
  clientSecret: 'sim-client-secret',
  integrationId: '8f0b5c6e-3d2a-4b8e-9c1f-000000000001',
  webhookUrl: 'http://127.0.0.1:3000/genesys/open-messaging/default/webhook',
  webhookSecret: 'sim-webhook-secret-change-me',
  queues: ['Support', 'Sales', 'Billing', 'Support VIP'],
  skills: ['Billing', 'Technical', 'Retention'],
  languages: ['English', 'French', 'German', 'Spanish'],
};

/**
 * Standalone configuration: `SIM_CONFIG` (a JSON file of GenesysSimOptions, partial) overlaid with
 * `SIM_HOST` / `SIM_PORT`, and the default seed for any seed list the file leaves out.
 */
export function loadSimConfig(env: Env, readFile: (path: string) => string): GenesysSimOptionsInput {
  const fromFile = env.SIM_CONFIG ? parseConfigFile(env.SIM_CONFIG, readFile(env.SIM_CONFIG)) : {};
  return {
    ...fromFile,
    host: env.SIM_HOST ?? fromFile.host ?? DEFAULT_HOST,
    port: env.SIM_PORT ? parsePort(env.SIM_PORT) : (fromFile.port ?? DEFAULT_PORT),
    clients: fromFile.clients ?? [
      { clientId: env.SIM_CLIENT_ID ?? DEFAULT_SEED.clientId, clientSecret: env.SIM_CLIENT_SECRET ?? DEFAULT_SEED.clientSecret },
    ],
    integrations: fromFile.integrations ?? [
      {
        id: DEFAULT_SEED.integrationId,
        name: 'genesys-bridge (sim)',
        outboundNotificationWebhookUrl: env.SIM_WEBHOOK_URL ?? DEFAULT_SEED.webhookUrl,
        outboundNotificationWebhookSignatureSecretToken: env.SIM_WEBHOOK_SECRET ?? DEFAULT_SEED.webhookSecret,
        outboundTypingEnabled: true,
      },
    ],
    queues: fromFile.queues ?? DEFAULT_SEED.queues.map((name) => ({ name })),
    skills: fromFile.skills ?? DEFAULT_SEED.skills.map((name) => ({ name })),
    languages: fromFile.languages ?? DEFAULT_SEED.languages.map((name) => ({ name })),
  };
}

function parseConfigFile(path: string, text: string): GenesysSimOptionsInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`SIM_CONFIG ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`SIM_CONFIG ${path} must hold a JSON object`);
  return parsed as GenesysSimOptionsInput;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`SIM_PORT must be a port number, got ${value}`);
  return port;
}
