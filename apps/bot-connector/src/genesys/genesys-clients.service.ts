import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { GenesysClient } from '@genesys-bridge/genesys-client';
import { ConnectionNotFoundError, ConnectionRepository } from '@genesys-bridge/persistence';

/**
 * One GenesysClient per connection (tenant org). The client secret is read from the database when a
 * token is needed, never kept in job data; tokens are cached per OAuth client by genesys-client.
 */
@Injectable()
export class GenesysClients implements OnApplicationShutdown {
  private readonly clients = new Map<string, Promise<GenesysClient>>();

  constructor(private readonly connections: ConnectionRepository) {}

  forConnection(connectionId: string): Promise<GenesysClient> {
    let client = this.clients.get(connectionId);
    if (!client) {
      client = this.create(connectionId);
      client.catch(() => this.clients.delete(connectionId));
      this.clients.set(connectionId, client);
    }
    return client;
  }

  private async create(connectionId: string): Promise<GenesysClient> {
    const connection = await this.connections.findById(connectionId);
    if (!connection) throw new ConnectionNotFoundError(connectionId);
    const hosts =
      connection.genesysApiBaseUrl && connection.genesysLoginBaseUrl
        ? { apiBaseUrl: connection.genesysApiBaseUrl, loginBaseUrl: connection.genesysLoginBaseUrl }
        : connection.genesysRegion;
    return new GenesysClient({
      hosts,
      credentials: { clientId: connection.genesysClientId, clientSecret: async () => (await this.connections.readSecrets(connectionId)).genesysClientSecret },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const clients = await Promise.allSettled([...this.clients.values()]);
    await Promise.all(clients.flatMap((result) => (result.status === 'fulfilled' ? [result.value.close()] : [])));
  }
}
