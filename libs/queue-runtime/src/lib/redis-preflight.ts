import { Redis } from 'ioredis';
import { redactRedisUrl, redisConnectionOptions } from './redis-connection';

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/**
 * Start-up check: one connection attempt with a short timeout. On failure the process should exit
 * with this message instead of starting half-alive.
 */
export async function assertRedisReachable(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new Redis({ ...redisConnectionOptions(url, 'http'), lazyConnect: true, connectTimeout: timeoutMs, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  let connectionError: NodeJS.ErrnoException | undefined;
  client.on('error', (error: NodeJS.ErrnoException) => (connectionError ??= error)); // the cause; connect() only says "closed"
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const cause = connectionError ?? (error as NodeJS.ErrnoException);
    const reason = cause.code ?? cause.message;
    throw new RedisUnavailableError(
      `Redis is not reachable at ${redactRedisUrl(url)} (${reason}). Start Redis — for example ` +
        '`redis-server --daemonize yes --maxmemory-policy noeviction` — or point REDIS_URL at a running server.',
    );
  } finally {
    client.disconnect();
  }
}

export type EvictionPolicyCheck = { ok: true; policy: 'noeviction' } | { ok: false; policy: string; warning: string };

/** BullMQ needs `maxmemory-policy noeviction`: any other policy may silently drop jobs and locks. */
export async function checkEvictionPolicy(client: Redis): Promise<EvictionPolicyCheck> {
  try {
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as string[];
    if (policy === 'noeviction') return { ok: true, policy };
    return { ok: false, policy, warning: `Redis maxmemory-policy is "${policy}": set it to "noeviction" or BullMQ may lose jobs under memory pressure` };
  } catch {
    return { ok: false, policy: 'unknown', warning: 'could not read Redis maxmemory-policy (CONFIG disabled?): make sure it is "noeviction" or BullMQ may lose jobs' };
  }
}
