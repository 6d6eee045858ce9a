import type { Redis } from 'ioredis';
import { type CacheEntry, parseEntry, serializeEntry } from './cache-entry';
import { decodeRefreshMember, encodeRefreshMember, refreshDueKey, routingEntryKey, type RoutingCacheTarget } from './cache-keys';

/**
 * Claims up to ARGV[2] members of the refresh set due by ARGV[1] and removes them in one step, so two refreshing
 * workers never renew the same entry twice.
 */
const CLAIM_DUE = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then redis.call('ZREM', KEYS[1], unpack(due)) end
return due`;

/** The Redis side of routing lookups: one string key per resolved name, and the refresh-due set. */
export class RoutingCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(target: RoutingCacheTarget): Promise<CacheEntry | null> {
    return parseEntry(await this.redis.get(routingEntryKey(this.prefix, target)));
  }

  async put(target: RoutingCacheTarget, entry: CacheEntry, retentionMs: number): Promise<void> {
    await this.redis.set(routingEntryKey(this.prefix, target), serializeEntry(entry), 'PX', Math.max(1, Math.ceil(retentionMs)));
  }

  /** Asks the background refresh to renew this entry at `dueAt` (an earlier request for the same entry is replaced). */
  async markDue(target: RoutingCacheTarget, dueAt: number): Promise<void> {
    await this.redis.zadd(refreshDueKey(this.prefix), dueAt, encodeRefreshMember(target));
  }

  /** Takes (and removes) up to `limit` entries due by `now`, oldest first. */
  async claimDue(now: number, limit: number): Promise<RoutingCacheTarget[]> {
    const members = (await this.redis.eval(CLAIM_DUE, 1, refreshDueKey(this.prefix), String(now), String(limit))) as string[];
    return members.map(decodeRefreshMember).filter((target): target is RoutingCacheTarget => target !== null);
  }

  /** How many entries wait for a refresh (for tests and metrics). */
  pendingRefreshes(): Promise<number> {
    return this.redis.zcard(refreshDueKey(this.prefix));
  }
}
