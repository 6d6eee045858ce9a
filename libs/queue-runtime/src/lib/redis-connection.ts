import type { RedisOptions } from 'ioredis';

export type ProcessRole = 'http' | 'worker';

/** `redis://user:pass@host:port/db` with the password hidden, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

/**
 * ioredis options for BullMQ by process role (BullMQ "going to production"): HTTP processes only
 * produce jobs and must fail fast so a webhook answers 503 instead of hanging; workers keep
 * retrying forever (`maxRetriesPerRequest: null`, which BullMQ requires for blocking commands).
 */
export function redisConnectionOptions(url: string, role: ProcessRole): RedisOptions {
  const parsed = new URL(url);
  const base: RedisOptions = {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  };
  return role === 'http'
    ? { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1 }
    : { ...base, enableOfflineQueue: true, maxRetriesPerRequest: null };
}
