import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';

/**
 * Takes the lease when nobody holds it: a new fencing epoch (INCR, never reused, survives the lease) and
 * `SET value PX ttl`. Answers `{1, value, ttl}` when taken, `{0, holder, pttl}` when someone holds it.
 */
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder then return {0, holder, redis.call('PTTL', KEYS[1])} end
local epoch = redis.call('INCR', KEYS[2])
local value = ARGV[1] .. '|' .. epoch
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
return {1, value, tonumber(ARGV[2])}
`;
/** Extends the lease only while it still holds our value (compare-and-set): a lease someone else took stays theirs. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
/** Deletes the lease only while it holds our value. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface LeaseSettings {
  /** QUEUE_PREFIX: its {hash tag} keeps the lease and its epoch on one Redis Cluster slot. */
  prefix: string;
  leaseMs: number;
  /** This process, e.g. `host:pid:random`; part of the lease value, so logs and tests can tell who holds it. */
  ownerId: string;
}

/** A lease this process holds. `validUntil` is on the monotonic clock (`performance.now()`). */
export interface HeldLease {
  connectionId: string;
  /** The Redis value, `{ownerId}|{epoch}`: what renew and release compare. */
  value: string;
  /** Fencing token: grows with every new owner of the connection's channel. */
  epoch: number;
  validUntil: number;
}

export type AcquireResult = { acquired: true; lease: HeldLease } | { acquired: false; holder: string; expiresInMs: number };

export function leaseKey(prefix: string, connectionId: string): string {
  return `${prefix}:notifications:lease:${connectionId}`;
}

function epochKey(prefix: string, connectionId: string): string {
  return `${prefix}:notifications:lease-epoch:${connectionId}`;
}

/** `{ownerId}|{epoch}` → its parts (the owner id may itself contain `:` but never `|`). */
export function parseLeaseValue(value: string): { ownerId: string; epoch: number } {
  const at = value.lastIndexOf('|');
  return { ownerId: at < 0 ? value : value.slice(0, at), epoch: at < 0 ? 0 : Number(value.slice(at + 1)) };
}

/**
 * Who owns a connection's Notifications channel: one Redis key per connection, taken with "set if absent, expire
 * after NOTIFICATIONS_LEASE_MS" and kept alive by its owner (renew at a third of the lease), so exactly one worker
 * process holds the connection's sockets however many workers run, and a dead owner's connection is free again
 * when its lease runs out.
 *
 * "Never two owners" rests on the owner giving up on its own clock *before* Redis can hand the lease to someone
 * else: `validUntil` counts from the moment the acquire or renew was *sent* (not answered), minus a safety margin for
 * clock-rate drift, on the monotonic clock. Callers check `isValid` before every action (the fencing check: a
 * process that was paused — GC, SIGSTOP, a blocked event loop — wakes up with timers and socket events queued, and
 * must not act on them with a lease that ran out meanwhile) and `confirm` (a Redis round trip) before expensive ones.
 */
export class ChannelLeases {
  private readonly safetyMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly settings: LeaseSettings,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.safetyMs = Math.max(50, Math.round(settings.leaseMs * 0.02));
  }

  get ownerId(): string {
    return this.settings.ownerId;
  }

  async tryAcquire(connectionId: string): Promise<AcquireResult> {
    const sentAt = this.now();
    const [taken, value, ttl] = (await this.redis.eval(
      ACQUIRE,
      2,
      leaseKey(this.settings.prefix, connectionId),
      epochKey(this.settings.prefix, connectionId),
      this.settings.ownerId,
      String(this.settings.leaseMs),
    )) as [number, string, number];
    if (taken !== 1) return { acquired: false, holder: value, expiresInMs: Math.max(0, Number(ttl)) };
    return { acquired: true, lease: { connectionId, value, epoch: parseLeaseValue(value).epoch, validUntil: this.validFrom(sentAt) } };
  }

  /** Extends the lease; false when it is no longer ours (it expired, and perhaps someone else took it). Throws when Redis fails. */
  async renew(lease: HeldLease): Promise<boolean> {
    const sentAt = this.now();
    const renewed = (await this.redis.eval(RENEW, 1, leaseKey(this.settings.prefix, lease.connectionId), lease.value, String(this.settings.leaseMs))) as number;
    if (renewed !== 1) return false;
    lease.validUntil = Math.max(lease.validUntil, this.validFrom(sentAt));
    return true;
  }

  /** Gives the lease up (graceful shutdown, no more handovers): the next worker need not wait for it to expire. */
  async release(lease: HeldLease): Promise<void> {
    lease.validUntil = 0;
    await this.redis.eval(RELEASE, 1, leaseKey(this.settings.prefix, lease.connectionId), lease.value);
  }

  /** The local fencing check: false once the lease may have run out in Redis. */
  isValid(lease: HeldLease): boolean {
    return this.now() < lease.validUntil;
  }

  /** How long the lease is still ours by the local clock (0 when it is not). */
  remainingMs(lease: HeldLease): number {
    return Math.max(0, lease.validUntil - this.now());
  }

  /** The remote fencing check: Redis still holds our value (and the local clock agrees). */
  async confirm(lease: HeldLease): Promise<boolean> {
    if (!this.isValid(lease)) return false;
    return (await this.redis.get(leaseKey(this.settings.prefix, lease.connectionId))) === lease.value;
  }

  private validFrom(sentAt: number): number {
    return sentAt + this.settings.leaseMs - this.safetyMs;
  }
}
