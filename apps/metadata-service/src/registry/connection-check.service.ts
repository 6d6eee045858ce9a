import { Injectable } from '@nestjs/common';
import { Agent } from 'undici';
import { GenesysClient, type GenesysHosts, resolveGenesysHosts, TokenCache } from '@genesys-bridge/genesys-client';
import { type Connection, ConnectionRepository } from '@genesys-bridge/persistence';
import { checkUrlStatically, createGuardedLookup, UnsafeUrlError } from '@genesys-bridge/platform-adapters';
import { allowsPrivateUrls } from './callback-urls';
import { checkProblemOf } from './connection-check';
import type { ConnectionCheckDto } from './connection-view.dto';

export const CHECK_TIMEOUT_MS = 8_000;

/**
 * `POST /connections/{id}/check`: resolves the region, asks Genesys for a client-credentials token with a private
 * token cache (a cached token must not hide a wrong secret) and lists one queue to prove the permission. Calls go
 * through the SSRF-guarded lookup unless the connection allows private URLs, so a base URL that resolves to a
 * private address now cannot be probed through the check either.
 */
@Injectable()
export class ConnectionCheckService {
  constructor(private readonly connections: ConnectionRepository) {}

  async check(connection: Connection): Promise<ConnectionCheckDto> {
    let hosts: GenesysHosts;
    try {
      hosts = resolveGenesysHosts(
        connection.genesysApiBaseUrl && connection.genesysLoginBaseUrl ? { apiBaseUrl: connection.genesysApiBaseUrl, loginBaseUrl: connection.genesysLoginBaseUrl } : connection.genesysRegion,
      );
    } catch (error) {
      return { ok: false, problems: [{ code: 'unknown-region', message: (error as Error).message }] };
    }
    const allowPrivate = allowsPrivateUrls(connection.botPlatformSettings);
    try {
      checkUrlStatically(hosts.loginBaseUrl, allowPrivate);
      checkUrlStatically(hosts.apiBaseUrl, allowPrivate);
    } catch (error) {
      if (!(error instanceof UnsafeUrlError)) throw error;
      return { ok: false, problems: [{ code: 'unreachable', message: `${error.message.replace('allowPrivateNetworks', 'botPlatformSettings.allowPrivateCallbackUrls')}` }], ...hosts };
    }
    const { genesysClientSecret } = await this.connections.readSecrets(connection.id);
    const dispatcher = new Agent({ connect: { timeout: CHECK_TIMEOUT_MS, ...(allowPrivate ? {} : { lookup: createGuardedLookup() }) } });
    const client = new GenesysClient({
      hosts,
      credentials: { clientId: connection.genesysClientId, clientSecret: genesysClientSecret },
      tokenCache: new TokenCache(),
      dispatcher,
      timeoutMs: CHECK_TIMEOUT_MS,
    });
    try {
      await client.listQueues({ pageSize: 1 });
      return { ok: true, problems: [], ...hosts };
    } catch (error) {
      const context = { region: connection.genesysRegion, clientId: connection.genesysClientId, ...hosts };
      return { ok: false, problems: [checkProblemOf(error, context)], ...hosts };
    } finally {
      await client.close();
      await dispatcher.close();
    }
  }
}
