import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { budgetWindowFor } from '@genesys-bridge/genesys-client';
import { redisConnectionOptions } from '@genesys-bridge/queue-runtime';

/** Never ask BullMQ to pause a partition for less than this (a 0 ms wait would spin). */
export const MIN_BUDGET_WAIT_MS = 50;

export type BudgetDecision = { granted: true } | { granted: false; waitMs: number };

/** What the budget needs from a rate-limiter-flexible limiter (RateLimiterRedis in production, RateLimiterMemory in unit tests). */
export interface BudgetLimiter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  block(key: string, secDuration: number): Promise<RateLimiterRes>;
}

export interface GenesysRateBudgetSettings {
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  GENESYS_RATE_LIMIT_PER_MINUTE: number;
}

/** Redis keys of the budget live under the queue prefix (its {hash-tag} keeps them Redis Cluster safe). */
export function budgetKeyPrefix(queuePrefix: string): string {
  return `${queuePrefix}:genesys-rate-budget`;
}

/**
 * How a `consume()` rejection reads: rate-limiter-flexible rejects with a `RateLimiterRes` when the window's points
 * are spent (wait `msBeforeNext`), and with an `Error` when the store failed (rethrown: not a budget decision).
 */
export function decisionFromRejection(rejection: unknown): BudgetDecision {
  if (rejection instanceof RateLimiterRes) return { granted: false, waitMs: Math.max(MIN_BUDGET_WAIT_MS, Math.ceil(rejection.msBeforeNext)) };
  throw rejection;
}

/**
 * One shared request budget per Genesys OAuth client, in Redis, for every worker process (design.md §6,
 * perf-reliability.md §7.4): a point is taken before each Genesys API call (messages, typing, disconnects, receipts);
 * when the window's points are spent the caller waits (`waitMs`, at most one short window) instead of sending a
 * request Genesys would answer with 429. Windows are sized by `budgetWindowFor`. A 429 that still arrives (another
 * client of the same org) closes the budget for the Retry-After, so every partition waits, not just one.
 */
export class GenesysRateBudget {
  constructor(
    private readonly limiter: BudgetLimiter,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  /** The production budget: RateLimiterRedis over its own ioredis connection (worker role: waits out Redis blips). */
  static connect(settings: GenesysRateBudgetSettings): GenesysRateBudget {
    const redis = new Redis(redisConnectionOptions(settings.REDIS_URL, 'worker'));
    redis.on('error', () => undefined); // surfaced by the failing consume() and by readiness
    const window = budgetWindowFor(settings.GENESYS_RATE_LIMIT_PER_MINUTE);
    const limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: budgetKeyPrefix(settings.QUEUE_PREFIX),
      points: window.points,
      duration: window.seconds,
    });
    return new GenesysRateBudget(limiter, async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  }

  /** Takes one request from the client's budget, or says how long to wait for the next one. */
  async take(oauthClientId: string): Promise<BudgetDecision> {
    try {
      await this.limiter.consume(oauthClientId, 1);
      return { granted: true };
    } catch (rejection) {
      return decisionFromRejection(rejection);
    }
  }

  /**
   * Genesys answered 429: nobody using this client sends anything for `waitMs` (rounded up to whole seconds). A budget
   * already spent for at least that long is left alone (blocking would start a fresh window early).
   */
  async closeFor(oauthClientId: string, waitMs: number): Promise<void> {
    const current = await this.limiter.get(oauthClientId);
    if (current && current.remainingPoints === 0 && current.msBeforeNext >= waitMs) return;
    await this.limiter.block(oauthClientId, Math.max(1, Math.ceil(waitMs / 1000)));
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
