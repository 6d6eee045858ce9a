/**
 * Pacing a per-minute Genesys rate limit (genesys-api.md §8: 300 requests per client-credentials token per minute).
 * Pure: the handover gateway's shared Redis budget counts in these windows; benchmarks read them to explain results.
 */

/** Genesys counts requests per OAuth client token per minute (genesys-api.md §8: 300 by default). */
export const RATE_BUDGET_WINDOW_SECONDS = 60;
/** Window lengths we may count in: divisors of Genesys' minute, so a minute holds a whole number of them. */
const WINDOW_CANDIDATES_SECONDS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60] as const;

export interface BudgetWindow {
  seconds: number;
  points: number;
}

/**
 * How we count a per-minute limit so that NO 60-second span — whatever its start, so whether Genesys counts in fixed
 * windows opened by its first request or in a sliding minute (UNCONFIRMED) — can hold more than `limitPerMinute`
 * requests: short windows of `seconds` with `points` each, where a 60-second span touches at most 60/seconds + 1
 * windows, so `points × (60/seconds + 1) ≤ limit`. Among those, the one using most of the limit; ties go to the shorter
 * window (smoother, shorter waits). 300/min → 14 per 3 s: at most 294 in any minute, 280/min sustained (93%).
 *
 * A plain 60-second window (what rate-limiter-flexible counts) lets 300 go in the last second of one window and 300
 * in the first of the next, and its windows start at a different moment than Genesys' — the bench measured 19–45
 * avoidable 429s in 3 minutes that way (docs/PERFORMANCE.md, bench/handover).
 */
export function budgetWindowFor(limitPerMinute: number): BudgetWindow {
  let best: BudgetWindow = { seconds: RATE_BUDGET_WINDOW_SECONDS, points: Math.max(1, Math.floor(limitPerMinute / 2)) };
  let bestPerMinute = 0;
  for (const seconds of WINDOW_CANDIDATES_SECONDS) {
    const points = Math.floor((limitPerMinute * seconds) / (RATE_BUDGET_WINDOW_SECONDS + seconds));
    const perMinute = points * (RATE_BUDGET_WINDOW_SECONDS / seconds);
    if (points >= 1 && perMinute > bestPerMinute) {
      best = { seconds, points };
      bestPerMinute = perMinute;
    }
  }
  return best;
}
