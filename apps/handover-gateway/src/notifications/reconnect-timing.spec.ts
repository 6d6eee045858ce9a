import { FIRST_RECONNECT_JITTER_MS, MIN_RENEW_DELAY_MS, reconnectDelayMs, RECONNECT_MAX_MS, renewDelayMs } from './reconnect-timing';

const HOUR = 3_600_000;

describe('reconnectDelayMs', () => {
  it('reconnects almost at once the first time, then backs off exponentially with jitter up to 30 s', () => {
    expect(reconnectDelayMs(0, () => 0.999)).toBeLessThan(FIRST_RECONNECT_JITTER_MS);
    expect([1, 2, 3, 4].map((attempt) => reconnectDelayMs(attempt, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(reconnectDelayMs(3, () => 0.999)).toBeLessThan(4_000);
    expect(reconnectDelayMs(50, () => 0.999)).toBeLessThan(RECONNECT_MAX_MS);
    expect(reconnectDelayMs(50, () => 0)).toBe(RECONNECT_MAX_MS / 2);
  });

  it('spreads sockets that dropped together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelayMs(2)));
    expect(delays.size).toBeGreaterThan(25);
  });
});

describe('renewDelayMs', () => {
  it('renews 23 h after creation inside a 24 h channel', () => {
    expect(renewDelayMs(0, 24 * HOUR, 23 * HOUR, 0)).toBe(23 * HOUR);
  });

  it('renews shortly before an earlier expiry (the creating token ends first)', () => {
    expect(renewDelayMs(0, 2 * HOUR, 23 * HOUR, 0)).toBe(2 * HOUR - 60_000);
    // Short-lived channels keep 10 % of their life as the margin.
    expect(renewDelayMs(0, 10_000, 23 * HOUR, 0)).toBe(9_000);
  });

  it('never renews in a tight loop, whatever expires says', () => {
    expect(renewDelayMs(0, 500, 23 * HOUR, 400)).toBe(MIN_RENEW_DELAY_MS);
    expect(renewDelayMs(0, undefined, 5_000, 10_000)).toBe(MIN_RENEW_DELAY_MS);
  });
});
