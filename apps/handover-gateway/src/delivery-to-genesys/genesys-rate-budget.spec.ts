import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { budgetKeyPrefix, budgetWindowFor, decisionFromRejection, GenesysRateBudget, MIN_BUDGET_WAIT_MS, RATE_BUDGET_WINDOW_SECONDS } from './genesys-rate-budget';

const memoryBudget = (points: number) => new GenesysRateBudget(new RateLimiterMemory({ points, duration: RATE_BUDGET_WINDOW_SECONDS }));

describe('GenesysRateBudget', () => {
  it('grants the configured points per minute, then says how long to wait, without sending anything', async () => {
    const budget = memoryBudget(3);
    for (let i = 0; i < 3; i++) expect(await budget.take('client-a')).toEqual({ granted: true });
    const refused = await budget.take('client-a');
    expect(refused.granted).toBe(false);
    if (refused.granted) return;
    expect(refused.waitMs).toBeGreaterThan(RATE_BUDGET_WINDOW_SECONDS * 1000 - 5_000);
    expect(refused.waitMs).toBeLessThanOrEqual(RATE_BUDGET_WINDOW_SECONDS * 1000);
  });

  it('keeps one budget per OAuth client', async () => {
    const budget = memoryBudget(1);
    expect(await budget.take('client-a')).toEqual({ granted: true });
    expect((await budget.take('client-a')).granted).toBe(false);
    expect(await budget.take('client-b')).toEqual({ granted: true });
  });

  it('closes the budget for a Retry-After (whole seconds, rounded up)', async () => {
    const budget = memoryBudget(300);
    await budget.closeFor('client-a', 1_200);
    const refused = await budget.take('client-a');
    expect(refused.granted).toBe(false);
    if (refused.granted) return;
    expect(refused.waitMs).toBeGreaterThan(1_200);
    expect(refused.waitMs).toBeLessThanOrEqual(2_000);
    expect(await budget.take('client-b')).toEqual({ granted: true });
  });

  it('does not shorten a wait that is already longer than the Retry-After', async () => {
    const budget = memoryBudget(1);
    await budget.take('client-a');
    await budget.closeFor('client-a', 1_000);
    const refused = await budget.take('client-a');
    expect(refused.granted).toBe(false);
    if (!refused.granted) expect(refused.waitMs).toBeGreaterThan(50_000);
  });

  it('reads a spent window as a wait of at least a few milliseconds, and rethrows store failures', () => {
    expect(decisionFromRejection(new RateLimiterRes(0, 1_234.2, 301, false))).toEqual({ granted: false, waitMs: 1_235 });
    expect(decisionFromRejection(new RateLimiterRes(0, 0, 301, false))).toEqual({ granted: false, waitMs: MIN_BUDGET_WAIT_MS });
    const failure = new Error('Redis connection is not ready');
    expect(() => decisionFromRejection(failure)).toThrow(failure);
  });

  it('keeps its Redis keys under the queue prefix (one Redis Cluster slot)', () => {
    expect(budgetKeyPrefix('{genesys-bridge}')).toBe('{genesys-bridge}:genesys-rate-budget');
  });

  it('counts 300/min as 14 per 3 s: at most 294 in any minute, 280 sustained', () => {
    expect(budgetWindowFor(300)).toEqual({ seconds: 3, points: 14 });
  });

  it.each([1, 5, 30, 60, 100, 300, 301, 1_000, 3_000, 10_000])('never lets a 60-second span hold more than %i requests, and uses most of it', (limit) => {
    const { seconds, points } = budgetWindowFor(limit);
    expect(RATE_BUDGET_WINDOW_SECONDS % seconds).toBe(0);
    // A greedy sender: every window's points at its very start. The worst 60-second span, over every start (10 ms steps).
    const sends = Array.from({ length: Math.ceil(300 / seconds) }, (_, window) => Array.from({ length: points }, () => window * seconds * 1_000)).flat();
    let worst = 0;
    for (let start = 0; start <= 120_000; start += 10) worst = Math.max(worst, sends.filter((at) => at >= start && at < start + 60_000).length);
    expect(worst).toBeLessThanOrEqual(limit);
    if (limit >= 30) expect((points * RATE_BUDGET_WINDOW_SECONDS) / seconds / limit).toBeGreaterThanOrEqual(limit >= 300 ? 0.9 : 0.8);
  });
});
