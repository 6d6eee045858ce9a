import type { Connection, ConnectionSecrets } from '@genesys-bridge/persistence';
import { KoreBotKitClient } from '@genesys-bridge/platform-adapters';
import { botKitSecrets } from './botkit-token.guard';

/** The connection's BotKit SDK client (`botKitClientId`, current `botKitClientSecret`); null when it has none. */
export function botKitClientOf(connection: Pick<Connection, 'botPlatformSettings'>, secrets: ConnectionSecrets): KoreBotKitClient | null {
  const settings = connection.botPlatformSettings ?? {};
  const clientId = settings['botKitClientId'];
  const [clientSecret] = botKitSecrets(secrets);
  if (typeof clientId !== 'string' || clientId === '' || !clientSecret) return null;
  const allowPrivateNetworks = settings['allowPrivateCallbackUrls'] === true || settings['allowPrivateNetworks'] === true;
  return new KoreBotKitClient({ clientId, clientSecret, allowPrivateNetworks });
}
