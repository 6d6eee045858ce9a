import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type GenesysClient, GenesysClientPool } from '@genesys-bridge/genesys-client';
import { ConnectionNotFoundError, ConnectionRepository } from '@genesys-bridge/persistence';

/**
 * One GenesysClient per connection (tenant org). The client secret is read from the database when a
 * token is needed, never kept in job data; tokens are cached per OAuth client by genesys-client.
 */
@Injectable()
export class GenesysClients implements OnApplicationShutdown {
  private readonly pool: GenesysClientPool;

  constructor(connections: ConnectionRepository) {
    this.pool = new GenesysClientPool(async (connectionId) => {
      const connection = await connections.findById(connectionId);
      if (!connection) throw new ConnectionNotFoundError(connectionId);
      return {
        hosts:
          connection.genesysApiBaseUrl && connection.genesysLoginBaseUrl
            ? { apiBaseUrl: connection.genesysApiBaseUrl, loginBaseUrl: connection.genesysLoginBaseUrl }
            : connection.genesysRegion,
        credentials: { clientId: connection.genesysClientId, clientSecret: async () => (await connections.readSecrets(connectionId)).genesysClientSecret },
      };
    });
  }

  forConnection(connectionId: string): Promise<GenesysClient> {
    return this.pool.forConnection(connectionId);
  }

  onApplicationShutdown(): Promise<void> {
    return this.pool.close();
  }
}
