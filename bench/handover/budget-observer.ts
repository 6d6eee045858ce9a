import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { budgetWindowFor } from '@genesys-bridge/genesys-client';

/**
 * Watches the gateway's shared Genesys budget from the outside, for the report: the Redis key rate-limiter-flexible
 * keeps per OAuth client (`{QUEUE_PREFIX}:genesys-rate-budget:{clientId}`, see genesys-rate-budget.ts) counts the points
 * asked for in the current short window (`budgetWindowFor`: 3 s at 300/min) and expires when the window does. A new
 * expiry means a new period: a window when it starts with a few points, a `block()` (the budget closed after a 429 for
 * Retry-After) when it starts above the limit. Read every 10 ms: times are ±10 ms.
 */
export interface BudgetPeriod {
  kind: 'window' | 'closed';
  /** Epoch ms: when the budget was closed (for a window: its end minus the longest time-to-live seen). */
  from: number;
  /** Epoch ms: when it ends (the key expires). */
  until: number;
}

export class BudgetObserver {
  readonly periods: BudgetPeriod[] = [];
  private running = true;
  private readonly loop: Promise<void>;

  constructor(redisUrl: string, queuePrefix: string, clientId: string, limitPerMinute: number) {
    const key = `${queuePrefix}:genesys-rate-budget:${clientId}`;
    const windowPoints = budgetWindowFor(limitPerMinute).points;
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    this.loop = (async () => {
      try {
        while (this.running) {
          const answer = await redis.multi().pttl(key).get(key).exec();
          const now = Date.now();
          const pttl = Number(answer?.[0]?.[1] ?? -2);
          const value = Number(answer?.[1]?.[1] ?? 0);
          if (pttl > 0) {
            const until = now + pttl;
            const last = this.periods.at(-1);
            if (!last || Math.abs(last.until - until) > 50) {
              // block() stores the window's points + 1; a window never holds more than its points.
              const kind = value > windowPoints ? 'closed' : 'window';
              // A block lasts whole seconds (Retry-After, rounded up); a window is first seen just after it opened.
              const from = kind === 'window' ? now - 10 : until - Math.ceil(pttl / 1000) * 1000;
              this.periods.push({ kind, from, until });
            }
          }
          await sleep(10);
        }
      } finally {
        redis.disconnect();
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop.catch(() => undefined);
  }
}
