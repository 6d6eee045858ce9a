import { type CannedResponse, type LoopbackServer, startLoopbackServer, unusedLoopbackPort } from '@genesys-bridge/testing';
import { withTokenEndpoint } from '../../__fixtures__/token-endpoint';
import { TokenCache } from '../auth/token-cache';
import { GenesysApiError } from '../genesys-api.error';
import { GenesysClient } from '../genesys.client';

const CONVERSATION_PATH = '/api/v2/conversations/messages/conv-1';

describe('GenesysClient error mapping (loopback server)', () => {
  let server: LoopbackServer;
  let client: GenesysClient;
  let answer: CannedResponse | 'hang';

  beforeAll(async () => {
    server = await startLoopbackServer(withTokenEndpoint(() => answer));
    client = new GenesysClient({
      hosts: { apiBaseUrl: server.baseUrl, loginBaseUrl: server.baseUrl },
      credentials: { clientId: 'errors-client', clientSecret: 'errors-secret' },
      timeoutMs: 300,
      tokenCache: new TokenCache(),
    });
  });

  afterAll(async () => {
    await client.close();
    await server.close();
  });

  const failure = async (): Promise<GenesysApiError> => {
    const error = await client.getMessageConversation('conv-1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GenesysApiError);
    return error as GenesysApiError;
  };

  it.each([
    [400, 'permanent', false, 'bad.request'],
    [401, 'auth', false, 'authentication.required'],
    [403, 'permanent', false, 'missing.permissions'],
    [404, 'permanent', false, 'not.found'],
    [408, 'transient', true, 'request.timeout'],
    [500, 'transient', true, 'internal.server.error'],
    [503, 'transient', true, 'service.unavailable'],
  ] as const)('maps %i to %s (retryable %s) with code and correlation id', async (status, kind, retryable, code) => {
    answer = { status, headers: { 'inin-correlation-id': `corr-${status}` }, body: { code, message: `status ${status}`, status } };
    const error = await failure();
    expect(error).toMatchObject({ status, kind, retryable, code, correlationId: `corr-${status}`, method: 'GET', path: CONVERSATION_PATH });
    expect(error.message).toContain(`status ${status}`);
  });

  it("maps Genesys' normalised 429 to rate-limited with Retry-After in milliseconds", async () => {
    answer = {
      status: 429,
      headers: { 'retry-after': '3', 'inin-correlation-id': 'corr-429' },
      body: {
        message: 'Rate limit exceeded the maximum. Retry the request in [3] seconds',
        code: 'too.many.requests.retry.after',
        status: 429,
        contextId: 'ctx-1',
        details: [],
        errors: [],
      },
    };
    expect(await failure()).toMatchObject({
      kind: 'rate-limited',
      retryable: true,
      retryAfterMs: 3000,
      code: 'too.many.requests.retry.after',
      correlationId: 'corr-429',
    });
  });

  it('maps a 2xx with a body that is not JSON to a transient error', async () => {
    answer = { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>captive portal</html>' };
    expect(await failure()).toMatchObject({ kind: 'transient', code: 'invalid.json.response', status: 200 });
  });

  it('maps a response that does not complete within timeoutMs to a transient ETIMEDOUT', async () => {
    answer = 'hang';
    const started = Date.now();
    const error = await failure();
    expect(error).toMatchObject({ kind: 'transient', retryable: true, status: undefined, code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('also times out when the headers arrive but the body never ends', async () => {
    answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"conv-1",', neverEnd: true };
    expect(await failure()).toMatchObject({ kind: 'transient', code: 'ETIMEDOUT' });
  });

  it('maps a refused connection to a transient network error', async () => {
    const port = await unusedLoopbackPort();
    const unreachable = new GenesysClient({
      hosts: { apiBaseUrl: `http://127.0.0.1:${port}`, loginBaseUrl: `http://127.0.0.1:${port}` },
      credentials: { clientId: 'refused-client', clientSecret: 'refused-secret' },
      tokenCache: new TokenCache(),
    });
    try {
      const error = await unreachable.listQueues().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GenesysApiError);
      expect(error).toMatchObject({ kind: 'transient', retryable: true, status: undefined, code: 'ECONNREFUSED', path: '/oauth/token' });
    } finally {
      await unreachable.close();
    }
  });

  it('refuses the API host too when the token came from elsewhere', async () => {
    const port = await unusedLoopbackPort();
    const splitHosts = new GenesysClient({
      hosts: { apiBaseUrl: `http://127.0.0.1:${port}`, loginBaseUrl: server.baseUrl },
      credentials: { clientId: 'split-client', clientSecret: 'split-secret' },
      tokenCache: new TokenCache(),
    });
    try {
      await expect(splitHosts.getMessageConversation('conv-1')).rejects.toMatchObject({
        kind: 'transient',
        code: 'ECONNREFUSED',
        path: CONVERSATION_PATH,
      });
    } finally {
      await splitHosts.close();
    }
  });
});
