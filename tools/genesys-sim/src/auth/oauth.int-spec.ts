import { SimApiClient } from '../testing/sim-api-client';
import { waitFor } from '../testing/wait-for';
import { startSimFixture, TEST_CLIENT, type SimFixture } from '../testing/sim-fixture';

describe('OAuth client credentials and API authentication', () => {
  let fixture: SimFixture;

  beforeEach(async () => {
    fixture = await startSimFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('issues a bearer token to a known client', async () => {
    const response = await fixture.api.requestToken();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 86_400 });
    expect((response.body.access_token as string).length).toBeGreaterThan(40);
    expect(fixture.sim.state.tokensIssued).toEqual([expect.objectContaining({ clientId: TEST_CLIENT.clientId })]);
  });

  it('answers 401 invalid_client for a wrong secret or an unknown client', async () => {
    const wrongSecret = await fixture.api.requestToken('client_credentials', 'not-the-secret');
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toMatchObject({ error: 'invalid_client' });
    const unknown = await new SimApiClient(fixture.sim.url, 'nobody', 'x').requestToken();
    expect(unknown.status).toBe(401);
  });

  it('answers 400 unsupported_grant_type for another grant and 401 without Basic credentials', async () => {
    const grant = await fixture.api.requestToken('password');
    expect(grant.status).toBe(400);
    expect(grant.body).toMatchObject({ error: 'unsupported_grant_type' });
    const noCredentials = await fixture.api.raw('POST', '/oauth/token', undefined, {});
    expect(noCredentials.status).toBe(401);
  });

  it('answers 401 authentication.required on an API call without a token, in the Genesys error shape', async () => {
    const response = await fixture.api.raw('GET', '/api/v2/routing/queues', undefined, { 'inin-correlation-id': 'corr-123' });
    expect(response.status).toBe(401);
    expect(response.headers.get('inin-correlation-id')).toBe('corr-123');
    expect(response.body).toEqual({
      message: expect.any(String),
      code: 'authentication.required',
      status: 401,
      contextId: 'corr-123',
      details: [],
      errors: [],
    });
  });

  it('answers 401 bad.credentials for an unknown token and once a token expired', async () => {
    const unknown = await fixture.api.raw('GET', '/api/v2/routing/queues', undefined, { authorization: 'Bearer not-a-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ code: 'bad.credentials' });

    expect((await fixture.api.call('GET', '/api/v2/routing/queues')).status).toBe(200);
    fixture.sim.expireTokens();
    const expired = await fixture.api.call('GET', '/api/v2/routing/queues');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'bad.credentials' });
  });

  it('expires tokens after tokenLifetimeSeconds', async () => {
    fixture.sim.options.tokenLifetimeSeconds = 0.2;
    const token = await fixture.api.requestToken();
    expect(token.body.expires_in).toBe(1);
    const call = () => fixture.api.raw('GET', '/api/v2/routing/queues', undefined, { authorization: `Bearer ${token.body.access_token as string}` });
    const issuedAt = Date.now();
    expect((await call()).status).toBe(200);
    await waitFor(async () => (await call()).status === 401, 'the token to expire');
    expect(Date.now() - issuedAt).toBeGreaterThanOrEqual(190);
  });

  it('puts a fresh ININ-Correlation-Id on every response when the caller sends none', async () => {
    const first = await fixture.api.requestToken();
    const second = await fixture.api.call('GET', '/api/v2/routing/queues');
    const ids = [first.headers.get('inin-correlation-id'), second.headers.get('inin-correlation-id')];
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? ''))).toBe(true);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
