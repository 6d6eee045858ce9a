export interface OAuthClientInput {
  clientId: string;
  clientSecret: string;
  name?: string;
  /** Overrides the sim-wide token lifetime for this client (Genesys `accessTokenValiditySeconds`). */
  accessTokenValiditySeconds?: number;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  name: string;
  accessTokenValiditySeconds?: number;
}

export interface AccessToken {
  token: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
}
