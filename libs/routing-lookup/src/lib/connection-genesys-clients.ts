import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type GenesysClient, GenesysClientPool, type GenesysConnectionDetails } from '@genesys-bridge/genesys-client';
import { type Connection, ConnectionNotFoundError, ConnectionRepository } from '@genesys-bridge/persistence';
import type { GenesysClientSource } from './routing-lookup';

/**
 * The Genesys client of each connection for lookups, rebuilt when the connection changed (region, hosts or client id
 * edited in the tenant registry): lookups run for as long as the process does, and only reach here on a cache miss,
 * so one database read per miss buys never asking the wrong org. The client secret is read when a token is needed.
 */
@Injectable()
export class ConnectionGenesysClients implements GenesysClientSource, OnApplicationShutdown {
  private readonly pool: GenesysClientPool;
  private readonly stamps = new Map<string, string>();

  constructor(private readonly connections: ConnectionRepository) {
    this.pool = new GenesysClientPool(async (connectionId) => this.details(await this.connection(connectionId)));
  }

  async forConnection(connectionId: string): Promise<GenesysClient> {
    const connection = await this.connection(connectionId);
    const stamp = `${connection.version}@${connection.updatedAt.getTime()}`;
    if (this.stamps.get(connectionId) !== stamp) {
      await this.pool.evict(connectionId);
      this.stamps.set(connectionId, stamp);
    }
    return this.pool.forConnection(connectionId);
  }

  onApplicationShutdown(): Promise<void> {
    return this.pool.close();
  }

  private async connection(connectionId: string): Promise<Connection> {
    const connection = await this.connections.findById(connectionId);
    if (!connection) throw new ConnectionNotFoundError(connectionId);
    return connection;
  }

  private details(connection: Connection): GenesysConnectionDetails {
    return {
      hosts:
        connection.genesysApiBaseUrl && connection.genesysLoginBaseUrl
          ? { apiBaseUrl: connection.genesysApiBaseUrl, loginBaseUrl: connection.genesysLoginBaseUrl }
          : connection.genesysRegion,
      credentials: { clientId: connection.genesysClientId, clientSecret: async () => (await this.connections.readSecrets(connection.id)).genesysClientSecret },
    };
  }
}
