import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RATE_BUDGET_WINDOW_SECONDS } from '@genesys-bridge/genesys-client';
import { budgetKeyPrefix, decisionFromRejection, GenesysRateBudget, MIN_BUDGET_WAIT_MS } from './genesys-rate-budget';

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
});
