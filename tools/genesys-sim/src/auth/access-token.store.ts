import { newAccessTokenValue } from '../support/ids';
import type { AccessToken, OAuthClient } from './oauth-client.model';

export type TokenLookup = { kind: 'valid'; token: AccessToken } | { kind: 'expired' } | { kind: 'unknown' };

export class AccessTokenStore {
  private readonly tokens = new Map<string, AccessToken>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(client: OAuthClient, lifetimeSeconds: number): AccessToken {
    const issuedAt = this.now();
    const token: AccessToken = {
      token: newAccessTokenValue(),
      clientId: client.clientId,
      issuedAt,
      expiresAt: issuedAt + lifetimeSeconds * 1000,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  lookup(value: string): TokenLookup {
    const token = this.tokens.get(value);
    if (!token) return { kind: 'unknown' };
    if (this.now() >= token.expiresAt) return { kind: 'expired' };
    return { kind: 'valid', token };
  }

  /** Test helper: every token issued so far is expired from now on. */
  expireAll(): void {
    const now = this.now();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }
}
