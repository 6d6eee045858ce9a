import { Redis } from 'ioredis';
import { TEST_REDIS_URL, uniqueQueuePrefix } from '@genesys-bridge/testing';
import { ARRIVALS_TTL_MS, ArrivalClock } from './arrival-clock';

describe('ArrivalClock (real Redis)', () => {
  const env = { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: uniqueQueuePrefix() };
  const job = { v: 1 as const, connectionId: 'conn-1', conversationKey: 'genesys-conv-1' };
  let clock: ArrivalClock;
  let other: ArrivalClock;
  let redis: Redis;

  beforeAll(() => {
    clock = new ArrivalClock(env);
    other = new ArrivalClock(env);
    redis = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    clock.onApplicationShutdown();
    other.onApplicationShutdown();
    redis.disconnect();
  });

  it('keeps the first sighting of each row, for every worker process, per conversation', async () => {
    expect(await clock.firstSeen(job, ['row-1', 'row-2'], 1_000)).toEqual(new Map([['row-1', 1_000], ['row-2', 1_000]]));
    // Another process looks later: the first sighting stands; a new row gets its own.
    expect(await other.firstSeen(job, ['row-2', 'row-3'], 5_000)).toEqual(new Map([['row-2', 1_000], ['row-3', 5_000]]));
    expect(await clock.firstSeen({ ...job, conversationKey: 'genesys-conv-2' }, ['row-1'], 9_000)).toEqual(new Map([['row-1', 9_000]]));
    expect(await clock.firstSeen(job, [], 9_000)).toEqual(new Map());
  });

  it('keeps the times under the queue prefix (same {hash-tag}) and lets them expire', async () => {
    await clock.firstSeen(job, ['row-9'], 1_000);
    const [key] = await redis.keys(`${env.QUEUE_PREFIX}:to-bot-arrivals:*`);
    expect(key.startsWith(`${env.QUEUE_PREFIX}:`)).toBe(true);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(ARRIVALS_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(ARRIVALS_TTL_MS);
  });
});
