import type { GenesysCredentials } from './auth/genesys-auth';
import { GenesysClient } from './genesys.client';
import type { GenesysHosts } from './regions';

export interface GenesysConnectionDetails {
  /** Resolved hosts, or an AWS region id / domain. */
  hosts: GenesysHosts | string;
  credentials: GenesysCredentials;
}

/**
 * One GenesysClient per tenant connection, created on first use from `resolve` (which reads the
 * connection; the client secret may be a callback so it is read only when a token is needed).
 */
export class GenesysClientPool {
  private readonly clients = new Map<string, Promise<GenesysClient>>();

  constructor(private readonly resolve: (connectionId: string) => Promise<GenesysConnectionDetails>) {}

  forConnection(connectionId: string): Promise<GenesysClient> {
    let client = this.clients.get(connectionId);
    if (!client) {
      client = this.resolve(connectionId).then((details) => new GenesysClient(details));
      client.catch(() => this.clients.delete(connectionId));
      this.clients.set(connectionId, client);
    }
    return client;
  }

  /** Forgets a connection's client (after its settings changed). */
  async evict(connectionId: string): Promise<void> {
    const client = this.clients.get(connectionId);
    this.clients.delete(connectionId);
    await client?.then((c) => c.close(), () => undefined);
  }

  async close(): Promise<void> {
    const clients = await Promise.allSettled([...this.clients.values()]);
    this.clients.clear();
    await Promise.all(clients.flatMap((result) => (result.status === 'fulfilled' ? [result.value.close()] : [])));
  }
}
