import { type Dispatcher } from 'undici';
import { GenesysApiError, genesysErrorFromResponse } from '../genesys-api.error';
import { exchangeHttp } from '../http/http-exchange';
import { type AccessTokenGrant, type TokenCache } from './token-cache';

/** The secret as a value or as a callback (read from a secret store at each token request, so rotation works). */
export type ClientSecretSource = string | (() => string | Promise<string>);

export interface GenesysCredentials {
  clientId: string;
  clientSecret: ClientSecretSource;
}

export interface ClientCredentialsRequest {
  loginBaseUrl: string;
  clientId: string;
  clientSecret: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  userAgent: string;
}

const TOKEN_PATH = '/oauth/token';
/** Assumed when `expires_in` is missing: the shortest lifetime an OAuth client can have (§2.1: 5 min–48 h). */
const FALLBACK_TOKEN_LIFETIME_SECONDS = 300;

/**
 * Client-credentials grant (genesys-api.md §2.1): `POST {login}/oauth/token`,
 * `Authorization: Basic base64(clientId:clientSecret)`, form body `grant_type=client_credentials`.
 * Refused credentials (400/401/403) → kind `auth`; 429/5xx/network → rate-limited/transient.
 */
export async function requestClientCredentialsToken(request: ClientCredentialsRequest): Promise<AccessTokenGrant> {
  const basicCredentials = Buffer.from(`${request.clientId}:${request.clientSecret}`, 'utf8').toString('base64');
  const response = await exchangeHttp({
    dispatcher: request.dispatcher,
    baseUrl: request.loginBaseUrl,
    method: 'POST',
    path: TOKEN_PATH,
    headers: {
      authorization: `Basic ${basicCredentials}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': request.userAgent,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    timeoutMs: request.timeoutMs,
  });
  if (response.status < 200 || response.status >= 300) {
    const refused = response.status === 400 || response.status === 401 || response.status === 403;
    throw genesysErrorFromResponse({
      method: 'POST',
      path: TOKEN_PATH,
      status: response.status,
      headers: response.headers,
      bodyText: response.bodyText,
      secrets: [request.clientSecret, basicCredentials],
      kind: refused ? 'auth' : undefined,
    });
  }
  return parseGrant(response.bodyText);
}

function parseGrant(bodyText: string): AccessTokenGrant {
  let body: { access_token?: unknown; expires_in?: unknown } | undefined;
  try {
    body = JSON.parse(bodyText) as typeof body;
  } catch {
    body = undefined;
  }
  if (!body || typeof body.access_token !== 'string' || !body.access_token) {
    throw new GenesysApiError({
      kind: 'transient',
      code: 'invalid.token.response',
      method: 'POST',
      path: TOKEN_PATH,
      message: `Genesys POST ${TOKEN_PATH} failed (transient): the response has no access_token`,
    });
  }
  const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : FALLBACK_TOKEN_LIFETIME_SECONDS;
  return { accessToken: body.access_token, expiresInSeconds: expiresIn };
}

export interface GenesysAuthOptions {
  loginBaseUrl: string;
  credentials: GenesysCredentials;
  dispatcher: Dispatcher;
  tokenCache: TokenCache;
  timeoutMs: number;
  userAgent: string;
}

/** Bearer tokens for one OAuth client, cached per (login base URL, client id) in the given cache. */
export class GenesysAuth {
  private readonly cacheKey: string;

  constructor(private readonly options: GenesysAuthOptions) {
    this.cacheKey = `${options.loginBaseUrl}\n${options.credentials.clientId}`;
  }

  getAccessToken(): Promise<string> {
    return this.options.tokenCache.getAccessToken(this.cacheKey, async () =>
      requestClientCredentialsToken({
        loginBaseUrl: this.options.loginBaseUrl,
        clientId: this.options.credentials.clientId,
        clientSecret: await readClientSecret(this.options.credentials.clientSecret),
        dispatcher: this.options.dispatcher,
        timeoutMs: this.options.timeoutMs,
        userAgent: this.options.userAgent,
      }),
    );
  }

  /** Call after the API answered 401 to `staleToken`; the next getAccessToken() requests a new token. */
  invalidate(staleToken?: string): void {
    this.options.tokenCache.invalidate(this.cacheKey, staleToken);
  }
}

async function readClientSecret(source: ClientSecretSource): Promise<string> {
  return typeof source === 'function' ? source() : source;
}
