import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL, uniqueQueuePrefix } from '@genesys-bridge/testing';
import { ChannelLeases, type HeldLease, leaseKey, parseLeaseValue } from './channel-lease';

/** The connection-channel lease against the machine's Redis (each test under its own key prefix). */
describe('ChannelLeases (real Redis)', () => {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  let prefix: string;
  const leases = (ownerId: string, leaseMs: number) => new ChannelLeases(redis, { prefix, leaseMs, ownerId });

  beforeEach(() => {
    prefix = uniqueQueuePrefix();
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('lets exactly one of many simultaneous contenders take a free lease', async () => {
    for (let round = 0; round < 20; round++) {
      const contenders = Array.from({ length: 5 }, (_, i) => leases(`worker-${i}`, 5_000));
      const results = await Promise.all(contenders.map((contender) => contender.tryAcquire(`connection-${round}`)));
      const winners = results.filter((result) => result.acquired);
      expect(winners).toHaveLength(1);
      const winner = winners[0] as { lease: HeldLease };
      for (const result of results) {
        if (!result.acquired) {
          expect(result.holder).toBe(winner.lease.value);
          expect(result.expiresInMs).toBeGreaterThan(4_000);
        }
      }
      expect(await redis.get(leaseKey(prefix, `connection-${round}`))).toBe(winner.lease.value);
    }
  });

  it('renews and releases only its own lease (compare-and-set)', async () => {
    const a = leases('worker-a', 5_000);
    const b = leases('worker-b', 5_000);
    const taken = await a.tryAcquire('connection-1');
    if (!taken.acquired) throw new Error('not acquired');
    const forged: HeldLease = { ...taken.lease, value: 'worker-b|1' };
    expect(await b.renew(forged)).toBe(false);
    await b.release(forged);
    expect(await redis.get(leaseKey(prefix, 'connection-1'))).toBe(taken.lease.value);

    expect(await a.renew(taken.lease)).toBe(true);
    expect(await a.confirm(taken.lease)).toBe(true);
    await a.release(taken.lease);
    expect(await redis.get(leaseKey(prefix, 'connection-1'))).toBeNull();
    expect(a.isValid(taken.lease)).toBe(false);
    expect((await b.tryAcquire('connection-1')).acquired).toBe(true);
  });

  it('hands a lease its owner stopped renewing to the next contender once it expired, with a higher fencing epoch', async () => {
    const a = leases('worker-a', 400);
    const b = leases('worker-b', 400);
    const first = await a.tryAcquire('connection-1');
    if (!first.acquired) throw new Error('not acquired');
    const refused = await b.tryAcquire('connection-1');
    expect(refused).toMatchObject({ acquired: false, holder: first.lease.value });

    // The owner is "paused": no renewals. The contender retries when the lease should have expired.
    await sleep((refused as { expiresInMs: number }).expiresInMs + 20);
    const second = await b.tryAcquire('connection-1');
    if (!second.acquired) throw new Error(`not handed over: ${JSON.stringify(second)}`);
    expect(second.lease.epoch).toBeGreaterThan(first.lease.epoch);
    expect(parseLeaseValue(second.lease.value)).toEqual({ ownerId: 'worker-b', epoch: second.lease.epoch });

    // The paused owner wakes up: its own clock already says the lease is gone, and Redis agrees.
    expect(a.isValid(first.lease)).toBe(false);
    expect(await a.confirm(first.lease)).toBe(false);
    expect(await a.renew(first.lease)).toBe(false);
    expect(await redis.get(leaseKey(prefix, 'connection-1'))).toBe(second.lease.value);
  });

  it('never lets two contenders believe they own the lease at the same time (renewing, pausing, competing for 3 s)', async () => {
    const leaseMs = 300;
    const until = performance.now() + 3_000;
    /** [from, to] on the monotonic clock while a contender believed it was the owner. */
    const beliefs: { owner: string; from: number; to: number }[] = [];
    const contend = async (ownerId: string, pauseEvery: number) => {
      const leasesOf = leases(ownerId, leaseMs);
      let renewals = 0;
      while (performance.now() < until) {
        const result = await leasesOf.tryAcquire('contended');
        if (!result.acquired) {
          await sleep(Math.min(result.expiresInMs, 50) + Math.random() * 10);
          continue;
        }
        const { lease } = result;
        const from = performance.now();
        // Owner loop: renew at a third of the lease; sometimes "pause" far past the lease (no renewals, then wake up).
        for (;;) {
          renewals += 1;
          await sleep(renewals % pauseEvery === 0 ? leaseMs * 2 : leaseMs / 3);
          if (!leasesOf.isValid(lease)) break; // the fencing check on waking up
          const renewed = await leasesOf.renew(lease).catch(() => false);
          if (!renewed || performance.now() >= until) break;
        }
        beliefs.push({ owner: ownerId, from, to: Math.min(performance.now(), lease.validUntil) });
        if (performance.now() < until) await leasesOf.release(lease).catch(() => undefined);
      }
    };
    await Promise.all([contend('worker-a', 5), contend('worker-b', 7), contend('worker-c', 11)]);

    expect(beliefs.length).toBeGreaterThan(3);
    expect(new Set(beliefs.map((belief) => belief.owner)).size).toBeGreaterThan(1);
    const sorted = [...beliefs].sort((x, y) => x.from - y.from);
    for (let i = 1; i < sorted.length; i++) {
      expect({ overlapMs: Math.max(0, sorted[i - 1].to - sorted[i].from), between: [sorted[i - 1].owner, sorted[i].owner] }).toEqual({
        overlapMs: 0,
        between: [sorted[i - 1].owner, sorted[i].owner],
      });
    }
  });
});
