import { inspect } from 'node:util';
import { type CannedResponse, type LoopbackRequest, startLoopbackServer, unusedLoopbackPort } from '@genesys-bridge/testing';
import { TokenCache } from './auth/token-cache';
import { GenesysApiError } from './genesys-api.error';
import { GenesysClient } from './genesys.client';

const CLIENT_ID = 'leak-client';
const CLIENT_SECRET = 'Zq9-very-private-client-secret';
const BASIC = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
const ACCESS_TOKEN = 'at-very-private-access-token';

/** Everything a careless server could echo back: the raw Authorization header, the decoded credentials, the body. */
const echo = (request: LoopbackRequest) => {
  const authorization = String(request.headers.authorization);
  const decoded = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString();
  return `${authorization} | ${decoded} | ${request.bodyText}`;
};

const LOGIN_FAILURES: ((request: LoopbackRequest) => CannedResponse)[] = [
  (r) => ({ status: 400, body: { error: echo(r), description: echo(r) } }),
  (r) => ({ status: 401, body: { code: echo(r), message: echo(r) } }),
  (r) => ({ status: 429, headers: { 'retry-after': '1' }, body: { message: echo(r) } }),
  (r) => ({ status: 500, body: { error_description: echo(r) } }),
  (r) => ({ status: 502, body: `<html>${echo(r)}</html>` }),
];

function renderings(error: unknown): string[] {
  const asError = error as Error;
  return [asError.message, JSON.stringify(error), String(error), inspect(error, { depth: 10 }), String(asError.stack)];
}

function expectNoSecrets(error: unknown): void {
  expect(error).toBeInstanceOf(GenesysApiError);
  for (const text of renderings(error)) {
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain(BASIC);
    expect(text).not.toContain(ACCESS_TOKEN);
  }
}

describe('secrets never appear in errors', () => {
  it.each(LOGIN_FAILURES.map((answer, i) => [i, answer] as const))('login failure #%i that echoes the credentials', async (_, answer) => {
    const server = await startLoopbackServer(answer);
    const client = new GenesysClient({
      hosts: { apiBaseUrl: server.baseUrl, loginBaseUrl: server.baseUrl },
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      tokenCache: new TokenCache(),
    });
    try {
      const error = await client.listQueues().catch((e: unknown) => e);
      expectNoSecrets(error);
      // The echo reached the error (redacted), so this test would catch a leak.
      expect((error as Error).message).toContain('[redacted]');
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('an API that echoes the bearer token on 401 and 400', async () => {
    let apiCalls = 0;
    const server = await startLoopbackServer((request) => {
      if (request.path === '/oauth/token') return { status: 200, body: { access_token: ACCESS_TOKEN, expires_in: 3600 } };
      apiCalls += 1;
      return { status: apiCalls <= 2 ? 401 : 400, body: { code: 'bad', message: `you sent ${request.headers.authorization}` } };
    });
    const client = new GenesysClient({
      hosts: { apiBaseUrl: server.baseUrl, loginBaseUrl: server.baseUrl },
      credentials: { clientId: CLIENT_ID, clientSecret: async () => CLIENT_SECRET },
      tokenCache: new TokenCache(),
    });
    try {
      const unauthorised = await client.listQueues().catch((e: unknown) => e);
      expect(unauthorised).toMatchObject({ kind: 'auth' });
      expectNoSecrets(unauthorised);
      const badRequest = await client.listQueues().catch((e: unknown) => e);
      expect(badRequest).toMatchObject({ kind: 'permanent' });
      expectNoSecrets(badRequest);
      expect((badRequest as Error).message).toContain('Bearer [redacted]');
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('network failures and timeouts of the token request', async () => {
    const port = await unusedLoopbackPort();
    const refused = new GenesysClient({
      hosts: { apiBaseUrl: `http://127.0.0.1:${port}`, loginBaseUrl: `http://127.0.0.1:${port}` },
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      tokenCache: new TokenCache(),
    });
    const hanging = await startLoopbackServer(() => 'hang');
    const timingOut = new GenesysClient({
      hosts: { apiBaseUrl: hanging.baseUrl, loginBaseUrl: hanging.baseUrl },
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      timeoutMs: 100,
      tokenCache: new TokenCache(),
    });
    try {
      expectNoSecrets(await refused.listQueues().catch((e: unknown) => e));
      const timeout = await timingOut.listQueues().catch((e: unknown) => e);
      expect(timeout).toMatchObject({ code: 'ETIMEDOUT' });
      expectNoSecrets(timeout);
    } finally {
      await Promise.all([refused.close(), timingOut.close()]);
      await hanging.close();
    }
  });
});
