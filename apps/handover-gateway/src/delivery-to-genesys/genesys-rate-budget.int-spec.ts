import { Redis } from 'ioredis';
import { TEST_REDIS_URL, uniqueQueuePrefix } from '@genesys-bridge/testing';
import { budgetWindowFor } from '@genesys-bridge/genesys-client';
import { budgetKeyPrefix, GenesysRateBudget } from './genesys-rate-budget';

/** The budget against the local Redis: two budget instances stand for two worker processes sharing one bucket. */
describe('GenesysRateBudget on Redis', () => {
  const QUEUE_PREFIX = uniqueQueuePrefix();
  // 300/min counts as 14 per 3 s (budgetWindowFor): 14 points shared by both processes, then a wait of at most 3 s.
  const settings = { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX, GENESYS_RATE_LIMIT_PER_MINUTE: 300 };
  let workerA: GenesysRateBudget;
  let workerB: GenesysRateBudget;
  let redis: Redis;

  beforeAll(() => {
    workerA = GenesysRateBudget.connect(settings);
    workerB = GenesysRateBudget.connect(settings);
    redis = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${budgetKeyPrefix(QUEUE_PREFIX)}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await Promise.all([workerA.close(), workerB.close(), redis.quit()]);
  });

  it('shares one budget per OAuth client between processes, and says how long to wait once it is spent', async () => {
    const decisions = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? workerA : workerB).take('oauth-shared')));
    expect(budgetWindowFor(300)).toEqual({ seconds: 3, points: 14 });
    expect(decisions.filter((decision) => decision.granted)).toHaveLength(14);
    for (const decision of decisions.filter((candidate) => !candidate.granted)) {
      expect(decision).toEqual({ granted: false, waitMs: expect.any(Number) });
      if (!decision.granted) {
        expect(decision.waitMs).toBeGreaterThan(0);
        expect(decision.waitMs).toBeLessThanOrEqual(3_000);
      }
    }
    // Another OAuth client has its own budget.
    expect(await workerB.take('oauth-other')).toEqual({ granted: true });
    // The bucket lives under the queue prefix, with its window as its TTL.
    const key = `${budgetKeyPrefix(QUEUE_PREFIX)}:oauth-shared`;
    expect(Number(await redis.get(key))).toBeGreaterThanOrEqual(14);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    expect(await redis.pttl(key)).toBeLessThanOrEqual(3_000);
  });

  it('closes the budget for every process after a 429, for the Retry-After', async () => {
    expect(await workerA.take('oauth-429')).toEqual({ granted: true });
    await workerA.closeFor('oauth-429', 1_000);
    const refused = await workerB.take('oauth-429');
    expect(refused.granted).toBe(false);
    if (!refused.granted) expect(refused.waitMs).toBeLessThanOrEqual(1_000);
    await new Promise((resolve) => setTimeout(resolve, refused.granted ? 0 : refused.waitMs + 50));
    expect(await workerB.take('oauth-429')).toEqual({ granted: true });
  });
});
