/** What the OAuth endpoint granted: `access_token` and `expires_in` (genesys-api.md §2.1). */
export interface AccessTokenGrant {
  accessToken: string;
  expiresInSeconds: number;
}

interface CachedToken {
  accessToken?: string;
  refreshAt: number;
  expiresAt: number;
  inFlight?: Promise<string>;
}

/** Refresh 60 s before expiry, or 10 % of the lifetime for short-lived tokens, whichever is smaller. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs * 0.1);
}

/**
 * Access tokens by key (login base URL + client id), shared by every caller in the process:
 * the 300 requests/minute budget is per token (§8), so one token per OAuth client is used everywhere.
 * Concurrent callers share one in-flight token request.
 */
export class TokenCache {
  private readonly entries = new Map<string, CachedToken>();

  constructor(private readonly now: () => number = Date.now) {}

  async getAccessToken(key: string, requestGrant: () => Promise<AccessTokenGrant>): Promise<string> {
    const entry = this.entries.get(key);
    if (entry?.accessToken && this.now() < entry.refreshAt) return entry.accessToken;
    if (entry?.inFlight) return entry.inFlight;
    const inFlight = this.refresh(key, requestGrant);
    this.entries.set(key, { ...(entry ?? { refreshAt: 0, expiresAt: 0 }), inFlight });
    return inFlight;
  }

  /** Forgets the token after the API refused it; a token other than `staleToken` (already refreshed) is kept. */
  invalidate(key: string, staleToken?: string): void {
    const entry = this.entries.get(key);
    if (!entry || (staleToken !== undefined && entry.accessToken !== staleToken)) return;
    this.entries.set(key, { inFlight: entry.inFlight, refreshAt: 0, expiresAt: 0 });
  }

  clear(): void {
    this.entries.clear();
  }

  private async refresh(key: string, requestGrant: () => Promise<AccessTokenGrant>): Promise<string> {
    try {
      const grant = await requestGrant();
      const obtainedAt = this.now();
      const lifetimeMs = grant.expiresInSeconds * 1000;
      this.entries.set(key, {
        accessToken: grant.accessToken,
        refreshAt: obtainedAt + lifetimeMs - refreshMarginMs(lifetimeMs),
        expiresAt: obtainedAt + lifetimeMs,
      });
      return grant.accessToken;
    } catch (error) {
      const entry = this.entries.get(key);
      if (entry) this.entries.set(key, { ...entry, inFlight: undefined });
      // An early refresh that fails still leaves a token that has not expired: keep using it.
      if (entry?.accessToken && this.now() < entry.expiresAt) return entry.accessToken;
      throw error;
    }
  }
}

/** The process-wide cache every GenesysClient uses unless given its own. */
export const sharedTokenCache = new TokenCache();
