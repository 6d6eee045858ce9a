export interface OAuthClientInput {
  clientId: string;
  clientSecret: string;
  name?: string;
  /** Overrides the sim-wide token lifetime for this client (Genesys `accessTokenValiditySeconds`). */
  accessTokenValiditySeconds?: number;
  /**
   * The permissions its roles grant (e.g. `routing:queue:view`); a call needing another one answers 403
   * `missing.permissions`. Absent = every permission (the default, so existing setups keep working).
   */
  permissions?: string[];
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  name: string;
  accessTokenValiditySeconds?: number;
  permissions?: string[];
}

export interface AccessToken {
  token: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
}
