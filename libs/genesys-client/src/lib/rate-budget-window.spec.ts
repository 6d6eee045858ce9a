import { budgetWindowFor, RATE_BUDGET_WINDOW_SECONDS } from './rate-budget-window';

describe('budgetWindowFor', () => {
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
