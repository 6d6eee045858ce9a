import { timingSafeEqual } from 'node:crypto';
import type { OAuthClient, OAuthClientInput } from './oauth-client.model';

export class OAuthClientRegistry {
  private readonly clients = new Map<string, OAuthClient>();

  add(input: OAuthClientInput): OAuthClient {
    if (!input.clientId || !input.clientSecret) throw new Error('an OAuth client needs a clientId and a clientSecret');
    const client: OAuthClient = {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      name: input.name ?? input.clientId,
      accessTokenValiditySeconds: input.accessTokenValiditySeconds,
      permissions: input.permissions ? [...input.permissions] : undefined,
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  /** The client if the id exists and the secret matches (constant-time), else undefined. */
  authenticate(clientId: string, clientSecret: string): OAuthClient | undefined {
    const client = this.clients.get(clientId);
    if (!client) return undefined;
    const expected = Buffer.from(client.clientSecret, 'utf8');
    const given = Buffer.from(clientSecret, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given) ? client : undefined;
  }

  get(clientId: string): OAuthClient | undefined {
    return this.clients.get(clientId);
  }

  list(): OAuthClient[] {
    return [...this.clients.values()];
  }
}
