import { SimApiClient } from '../testing/sim-api-client';
import { startSimFixture, TEST_CLIENT, type SimFixture } from '../testing/sim-fixture';
import { waitFor } from '../testing/wait-for';

const QUEUES = '/api/v2/routing/queues';

describe('per-token rate limit', () => {
  let fixture: SimFixture;

  afterEach(async () => {
    await fixture.close();
  });

  it('answers request 301 with the normalised 429 and Retry-After', async () => {
    fixture = await startSimFixture();
    for (let i = 1; i <= 300; i++) {
      const response = await fixture.api.call('GET', QUEUES);
      if (response.status !== 200) throw new Error(`request ${i} got ${response.status}`);
    }
    const limited = await fixture.api.call('GET', QUEUES, undefined, { 'inin-correlation-id': 'over-the-limit' });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('inin-correlation-id')).toBe('over-the-limit');
    expect(limited.body).toEqual({
      message: `Rate limit exceeded the maximum. Retry the request in [${retryAfter}] seconds`,
      code: 'too.many.requests.retry.after',
      status: 429,
      contextId: 'over-the-limit',
      details: [],
      errors: [],
    });
    expect(Object.keys(limited.body)).toEqual(['message', 'code', 'status', 'contextId', 'details', 'errors']);
  });

  it('lets requests through again once Retry-After has elapsed', async () => {
    fixture = await startSimFixture({ rateLimit: { limit: 3, windowMs: 300 } });
    for (let i = 0; i < 3; i++) expect((await fixture.api.call('GET', QUEUES)).status).toBe(200);
    const limited = await fixture.api.call('GET', QUEUES);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    // Wait exactly what Retry-After says (timers may fire a millisecond early, so do not assert on the clock here).
    await new Promise((resolve) => setTimeout(resolve, Number(limited.headers.get('retry-after')) * 1000));
    expect((await fixture.api.call('GET', QUEUES)).status).toBe(200);
  });

  it('counts each token separately, and an optional org-wide limit across tokens', async () => {
    fixture = await startSimFixture({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const other = new SimApiClient(fixture.sim.url, TEST_CLIENT.clientId, TEST_CLIENT.clientSecret);
    for (let i = 0; i < 2; i++) expect((await fixture.api.call('GET', QUEUES)).status).toBe(200);
    expect((await fixture.api.call('GET', QUEUES)).status).toBe(429);
    expect((await other.call('GET', QUEUES)).status).toBe(200);

    fixture.sim.options.rateLimit.limit = 100;
    fixture.sim.options.orgRateLimit = { limit: 1, windowMs: 60_000 };
    const third = new SimApiClient(fixture.sim.url, TEST_CLIENT.clientId, TEST_CLIENT.clientSecret);
    expect((await third.call('GET', QUEUES)).status).toBe(200);
    expect((await third.call('GET', QUEUES)).status).toBe(429);
    await waitFor(() => fixture.sim.state.apiRequests.some((request) => request.status === 429), 'a recorded 429');
  });
});
