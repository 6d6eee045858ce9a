import { inspect } from 'node:util';
import { type CannedResponse, type LoopbackAnswer, type LoopbackServer, type LoopbackRequest, startLoopbackServer, unusedLoopbackPort, waitFor } from '@genesys-bridge/testing';
import { testTurn } from '../../__fixtures__/test-turn';
import { type BotPlatformAdapter } from '../bot-platform.adapter';
import { BotPlatformError } from '../bot-platform.error';
import { createAdapter } from '../create-adapter';
import { type PlatformHttpOptions } from './platform-http';

const SECRETS = {
  urlToken: 'cognigy-url-token-SECRET-0001',
  clientSecret: 'kore-client-secret-SECRET-0002',
  bearerToken: 'generic-bearer-SECRET-0003',
  hmacSecret: 'generic-hmac-SECRET-0004',
};

type Platform = BotPlatformAdapter['platform'];
const PLATFORMS: Platform[] = ['cognigy', 'kore', 'generic'];

function adapterFor(platform: Platform, baseUrl: string, options: PlatformHttpOptions = { allowPrivateNetworks: true }): BotPlatformAdapter {
  switch (platform) {
    case 'cognigy':
      return createAdapter({ platform, endpointBaseUrl: baseUrl, urlToken: SECRETS.urlToken, ...options });
    case 'kore':
      return createAdapter({ platform, webhookUrl: `${baseUrl}/chatbot/v2/webhook/st-1`, clientId: 'cs-1', clientSecret: SECRETS.clientSecret, pollIntervalMs: 60_000, ...options });
    case 'generic':
      return createAdapter({ platform, url: `${baseUrl}/turn`, bearerToken: SECRETS.bearerToken, hmacSecret: SECRETS.hmacSecret, ...options });
  }
}

async function failure(promise: Promise<unknown>): Promise<BotPlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BotPlatformError);
  return error as BotPlatformError;
}

/**
 * Aborts `settleMs` after the server has received the request (so the client is really waiting on the server);
 * resolves with how long after the abort the turn failed, and the error.
 */
async function abortedTurn(adapter: BotPlatformAdapter, server: LoopbackServer, settleMs = 50): Promise<{ lagMs: number; error: BotPlatformError }> {
  const controller = new AbortController();
  let abortedAt = 0;
  controller.signal.addEventListener('abort', () => (abortedAt = performance.now()));
  const outcome = failure(adapter.sendTurn(testTurn({ signal: controller.signal })));
  await waitFor(() => server.requests.length > 0, { timeoutMs: 5_000, intervalMs: 5, what: 'the request' });
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  controller.abort();
  const error = await outcome;
  return { lagMs: performance.now() - abortedAt, error };
}

describe.each(PLATFORMS)('%s adapter failure modes (loopback server)', (platform) => {
  let server: LoopbackServer;
  let answer: (request: LoopbackRequest) => LoopbackAnswer;

  beforeAll(async () => {
    server = await startLoopbackServer((request) => answer(request));
  });

  beforeEach(() => {
    server.requests.length = 0;
  });

  afterAll(() => server.close());

  it('times out within 50 ms of the abort when the server never answers', async () => {
    answer = () => 'hang';
    const { lagMs, error } = await abortedTurn(adapterFor(platform, server.baseUrl), server);
    expect(error).toMatchObject({ platform, kind: 'timeout', status: undefined });
    expect(lagMs).toBeLessThan(50);
    expect(server.requests).toHaveLength(1);
  });

  it('times out within 50 ms of the abort when the headers came but the body never ends', async () => {
    answer = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"outputStack":[', neverEnd: true });
    const { lagMs, error } = await abortedTurn(adapterFor(platform, server.baseUrl), server);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(lagMs).toBeLessThan(50);
  });

  it('fails at once, without a request, when the signal is already aborted', async () => {
    const error = await failure(adapterFor(platform, server.baseUrl).sendTurn(testTurn({ signal: AbortSignal.abort() })));
    expect(error.kind).toBe('timeout');
    expect(server.requests).toHaveLength(0);
  });

  it('maps a refused connection to unreachable', async () => {
    const port = await unusedLoopbackPort();
    const error = await failure(adapterFor(platform, `http://127.0.0.1:${port}`).sendTurn(testTurn()));
    expect(error).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED', status: undefined });
  });

  it('maps a connection dropped before any answer to unreachable', async () => {
    answer = () => 'destroy';
    expect(await failure(adapterFor(platform, server.baseUrl).sendTurn(testTurn()))).toMatchObject({ kind: 'unreachable' });
  });

  it.each<[number, string]>([
    [500, 'http'],
    [502, 'http'],
    [429, 'http'],
    [404, 'http'],
    [401, 'auth'],
    [403, 'auth'],
  ])('maps HTTP %i to %s', async (status, kind) => {
    answer = () => ({ status, body: { message: `status ${status}` } });
    const error = await failure(adapterFor(platform, server.baseUrl).sendTurn(testTurn()));
    expect(error).toMatchObject({ platform, kind, status });
    expect(error.message).toContain(`HTTP ${status}: status ${status}`);
  });

  it('does not follow redirects', async () => {
    answer = () => ({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } });
    expect(await failure(adapterFor(platform, server.baseUrl).sendTurn(testTurn()))).toMatchObject({ kind: 'http', status: 302 });
    expect(server.requests).toHaveLength(1);
  });

  it('maps a 200 that is not JSON, or too large, to invalid-response', async () => {
    answer = () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>captive portal</html>' });
    expect(await failure(adapterFor(platform, server.baseUrl).sendTurn(testTurn()))).toMatchObject({ kind: 'invalid-response', status: undefined });
    answer = () => ({ status: 200, body: { padding: 'x'.repeat(5_000) } });
    const small = adapterFor(platform, server.baseUrl, { allowPrivateNetworks: true, maxResponseBytes: 1_000 });
    expect(await failure(small.sendTurn(testTurn()))).toMatchObject({ kind: 'invalid-response', message: expect.stringContaining('larger than 1000 bytes') });
  });

  it('refuses http and loopback addresses when allowPrivateNetworks is off, before any request', async () => {
    const error = await failure(adapterFor(platform, server.baseUrl, {}).sendTurn(testTurn()));
    expect(error).toMatchObject({ kind: 'unreachable', code: 'SSRF_BLOCKED' });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a host name that resolves to loopback at connect time (https://localhost)', async () => {
    const port = new URL(server.baseUrl).port;
    const error = await failure(adapterFor(platform, `https://localhost:${port}`, {}).sendTurn(testTurn()));
    expect(error).toMatchObject({ kind: 'unreachable', code: 'SSRF_BLOCKED' });
    expect(error.message).toContain('private or reserved address');
    expect(server.requests).toHaveLength(0);
  });

  describe('secrets never appear in errors', () => {
    /** Everything a careless server could echo: the path (URL token), all headers (JWT, bearer, signature), the body. */
    const echo = (request: LoopbackRequest) => `${request.path} ${JSON.stringify(request.headers)} ${request.bodyText}`;
    const renderings = (error: BotPlatformError) => [error.message, JSON.stringify(error), String(error), inspect(error, { depth: 10 }), String(error.stack)];

    // The last case reaches the message for Kore (errors body) and generic (unknown field name), not for Cognigy.
    it.each<[string, (request: LoopbackRequest) => CannedResponse, boolean]>([
      ['a 500 echoing the request', (r) => ({ status: 500, body: { message: echo(r) } }), true],
      ['a 401 echoing it in a Kore errors body', (r) => ({ status: 401, body: { errors: [{ msg: echo(r), code: 401 }] } }), true],
      ['a non-JSON 502 echoing it', (r) => ({ status: 502, body: `<html>${encodeURIComponent(echo(r))}</html>` }), true],
      ['a 200 whose invalid body uses the echo as a field name', (r) => ({ status: 200, body: { [echo(r)]: 1, errors: [{ msg: echo(r), code: 400 }] } }), platform !== 'cognigy'],
    ])('%s', async (_, respond, echoedInMessage) => {
      let received: LoopbackRequest | undefined;
      answer = (request) => {
        received = request;
        return respond(request);
      };
      const error = await failure(adapterFor(platform, server.baseUrl).sendTurn(testTurn()));
      const jwt = String(received?.headers.authorization).split(' ')[1];
      for (const text of renderings(error)) {
        for (const secret of [...Object.values(SECRETS), ...(platform === 'kore' ? [jwt] : [])]) expect(text).not.toContain(secret);
      }
      // The echo did reach the message (redacted), so this test would catch a leak.
      if (echoedInMessage) expect(error.message).toContain('[redacted]');
    });
  });
});

describe('kore polling under the caller budget', () => {
  it('stops waiting for the next poll when the signal aborts', async () => {
    const server = await startLoopbackServer(() => ({ status: 200, body: { data: [], pollId: 'p-1' } }));
    try {
      const { lagMs, error } = await abortedTurn(adapterFor('kore', server.baseUrl), server);
      expect(error).toMatchObject({ kind: 'timeout', message: expect.stringContaining('poll') });
      expect(lagMs).toBeLessThan(50);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
