import { GenesysApiError } from '../genesys-api.error';
import { GenesysClient } from '../genesys.client';
import { type CannedResponse, type LoopbackServer, startLoopbackServer, waitFor } from '@genesys-bridge/testing';
import { withTokenEndpoint } from '../../__fixtures__/token-endpoint';
import { TokenCache } from './token-cache';

const CLIENT_ID = 'client-id-1';
const CLIENT_SECRET = 'S3cr3t:with+odd/chars=';
const QUEUES_PATH = '/api/v2/routing/queues';
const EMPTY_LISTING = { entities: [], pageNumber: 1, pageSize: 25, pageCount: 0, total: 0 };

describe('GenesysClient OAuth (client credentials against a loopback server)', () => {
  let server: LoopbackServer | undefined;
  const clients: GenesysClient[] = [];

  const clientFor = (baseUrl: string, options: { tokenCache?: TokenCache; secret?: string | (() => Promise<string>) } = {}) => {
    const client = new GenesysClient({
      hosts: { apiBaseUrl: baseUrl, loginBaseUrl: baseUrl },
      credentials: { clientId: CLIENT_ID, clientSecret: options.secret ?? CLIENT_SECRET },
      timeoutMs: 5_000,
      tokenCache: options.tokenCache ?? new TokenCache(),
    });
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await server?.close();
    server = undefined;
  });

  it('sends Basic auth of clientId:clientSecret and a form body to /oauth/token', async () => {
    server = await startLoopbackServer(withTokenEndpoint(() => ({ status: 200, body: EMPTY_LISTING })));
    await clientFor(server.baseUrl).listQueues();

    const [tokenRequest] = server.requestsTo('/oauth/token');
    expect(tokenRequest.method).toBe('POST');
    const expectedBasic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`, 'utf8').toString('base64')}`;
    const authorizationIndex = tokenRequest.rawHeaders.findIndex((name) => name.toLowerCase() === 'authorization');
    expect(tokenRequest.rawHeaders[authorizationIndex + 1]).toBe(expectedBasic);
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest.bodyText).toBe('grant_type=client_credentials');

    const [apiRequest] = server.requestsTo(QUEUES_PATH);
    expect(apiRequest.headers.authorization).toBe('Bearer token-1');
  });

  it('reads the secret from a callback', async () => {
    server = await startLoopbackServer(withTokenEndpoint(() => ({ status: 200, body: EMPTY_LISTING })));
    await clientFor(server.baseUrl, { secret: async () => 'from-the-secret-store' }).listQueues();
    const [tokenRequest] = server.requestsTo('/oauth/token');
    expect(tokenRequest.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:from-the-secret-store`).toString('base64')}`);
  });

  it('makes one token request for 20 concurrent calls, also across clients sharing a cache', async () => {
    let releaseToken!: () => void;
    const tokenHeld = new Promise<void>((resolve) => (releaseToken = resolve));
    server = await startLoopbackServer(async (request) => {
      if (request.path === '/oauth/token') {
        await tokenHeld;
        return { status: 200, body: { access_token: 'shared-token', expires_in: 86_400, token_type: 'bearer' } };
      }
      return { status: 200, body: EMPTY_LISTING };
    });
    const sharedCache = new TokenCache();
    const first = clientFor(server.baseUrl, { tokenCache: sharedCache });
    const second = clientFor(server.baseUrl, { tokenCache: sharedCache });
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).listQueues());
    await waitFor(() => server?.requestsTo('/oauth/token').length === 1, { timeoutMs: 5_000, intervalMs: 5, what: 'the token request' });
    releaseToken();
    await Promise.all(calls);

    expect(server.requestsTo('/oauth/token')).toHaveLength(1);
    const apiRequests = server.requestsTo(QUEUES_PATH);
    expect(apiRequests).toHaveLength(20);
    expect(new Set(apiRequests.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer shared-token']));
  });

  it('requests a new token once the cached one is about to expire', async () => {
    server = await startLoopbackServer(withTokenEndpoint(() => ({ status: 200, body: EMPTY_LISTING }), 600));
    let now = 5_000_000;
    const client = clientFor(server.baseUrl, { tokenCache: new TokenCache(() => now) });
    await client.listQueues();
    now += 600_000 - 60_000 - 1;
    await client.listQueues();
    expect(server.requestsTo('/oauth/token')).toHaveLength(1);
    now += 1;
    await client.listQueues();
    expect(server.requestsTo('/oauth/token')).toHaveLength(2);
    expect(server.requestsTo(QUEUES_PATH).map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('after a 401 invalidates the token and retries once with a fresh one', async () => {
    server = await startLoopbackServer(
      withTokenEndpoint((request) =>
        request.headers.authorization === 'Bearer token-1'
          ? { status: 401, body: { code: 'authentication.required', message: 'token revoked' } }
          : { status: 200, body: EMPTY_LISTING },
      ),
    );
    const client = clientFor(server.baseUrl);
    await expect(client.listQueues()).resolves.toEqual(EMPTY_LISTING);
    expect(server.requestsTo('/oauth/token')).toHaveLength(2);
    expect(server.requestsTo(QUEUES_PATH).map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    await client.listQueues();
    expect(server.requestsTo('/oauth/token')).toHaveLength(2);
  });

  it('throws a non-retryable auth error when the fresh token is refused too', async () => {
    server = await startLoopbackServer(
      withTokenEndpoint(() => ({ status: 401, body: { code: 'bad.credentials', message: 'Invalid login credentials.' } })),
    );
    const error = await clientFor(server.baseUrl).listQueues().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenesysApiError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false, code: 'bad.credentials' });
    expect(server.requestsTo(QUEUES_PATH)).toHaveLength(2);
    expect(server.requestsTo('/oauth/token')).toHaveLength(2);
  });

  it('reports wrong client credentials as an auth error without calling the API', async () => {
    server = await startLoopbackServer((request) =>
      request.path === '/oauth/token'
        ? { status: 401, body: { error: 'invalid_client', description: 'client not found' } }
        : { status: 200, body: EMPTY_LISTING },
    );
    const error = await clientFor(server.baseUrl).listQueues().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false, code: 'invalid_client', path: '/oauth/token' });
    expect((error as Error).message).toContain('client not found');
    expect(server.requestsTo(QUEUES_PATH)).toHaveLength(0);
  });

  it('reports a 400 invalid_client from the login endpoint as auth, and login 503/429 as retryable', async () => {
    const answers: CannedResponse[] = [
      { status: 400, body: { error: 'invalid_client' } },
      { status: 503, body: 'unavailable' },
      { status: 429, body: { message: 'Retry the request in [2] seconds' } },
    ];
    server = await startLoopbackServer((request) =>
      request.path === '/oauth/token' ? (answers.shift() ?? { status: 500 }) : { status: 200, body: EMPTY_LISTING },
    );
    const client = clientFor(server.baseUrl);
    await expect(client.listQueues()).rejects.toMatchObject({ kind: 'auth', status: 400, retryable: false });
    await expect(client.listQueues()).rejects.toMatchObject({ kind: 'transient', status: 503, retryable: true });
    await expect(client.listQueues()).rejects.toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 2000 });
  });

  it('treats a 200 without access_token as transient', async () => {
    server = await startLoopbackServer(() => ({ status: 200, body: { token_type: 'bearer' } }));
    await expect(clientFor(server.baseUrl).listQueues()).rejects.toMatchObject({ kind: 'transient', code: 'invalid.token.response' });
  });
});
