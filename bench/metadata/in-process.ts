import type { Redis } from 'ioredis';
import type { RoutingLookup } from '@genesys-bridge/routing-lookup';

export interface Percentiles {
  calls: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Microseconds → percentiles in milliseconds. */
export function percentiles(samplesUs: number[]): Percentiles {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) / 1000;
  return { calls: sorted.length, p50: at(0.5), p99: at(0.99), mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length / 1000 };
}

/**
 * `RoutingLookup.resolve` with a warm cache against a raw Redis GET of the same key, one call at a time, in alternating
 * batches so both see the same machine load. Each call is timed on its own (hrtime).
 */
export async function measureInProcess(lookup: RoutingLookup, redis: Redis, target: { connectionId: string; name: string; key: string }, calls: number) {
  const resolveUs: number[] = [];
  const getUs: number[] = [];
  const batch = 500;
  for (let done = 0; done < calls; done += batch) {
    for (let i = 0; i < batch; i++) {
      const start = process.hrtime.bigint();
      await lookup.resolve(target.connectionId, 'queue', target.name);
      resolveUs.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    for (let i = 0; i < batch; i++) {
      const start = process.hrtime.bigint();
      await redis.get(target.key);
      getUs.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  return { resolve: percentiles(resolveUs), redisGet: percentiles(getUs) };
}
