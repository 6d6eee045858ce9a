import {
  MAX_RETRY_AFTER_MS,
  parseRetryAfterFromMessage,
  parseRetryAfterHeader,
  resolveRetryAfterMs,
} from './retry-after';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const GENESYS_429_MESSAGE = 'Rate limit exceeded the maximum. Retry the request in [7] seconds';

describe('Retry-After', () => {
  it('parses delta-seconds into milliseconds', () => {
    expect(parseRetryAfterHeader('3', NOW)).toBe(3000);
    expect(parseRetryAfterHeader(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfterHeader('1.5', NOW)).toBe(1500);
    expect(parseRetryAfterHeader(['2', '9'], NOW)).toBe(2000);
  });

  it('parses an HTTP-date relative to now, never below zero', () => {
    expect(parseRetryAfterHeader('Sat, 01 Mar 2025 12:00:10 GMT', NOW)).toBe(10_000);
    expect(parseRetryAfterHeader('Sat, 01 Mar 2025 11:59:00 GMT', NOW)).toBe(0);
  });

  it('caps huge values', () => {
    expect(parseRetryAfterHeader('86400', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfterHeader('Sun, 01 Mar 2026 12:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('returns undefined for garbage and missing values', () => {
    for (const garbage of [undefined, '', '   ', 'soon', '-5', '3 seconds', '1e3', 'NaN', 'Mon, 99 Foo 2025 99:99:99 GMT']) {
      expect(parseRetryAfterHeader(garbage, NOW)).toBeUndefined();
    }
  });

  it("falls back to the number in Genesys' 429 body message", () => {
    expect(parseRetryAfterFromMessage(GENESYS_429_MESSAGE)).toBe(7000);
    expect(parseRetryAfterFromMessage('Retry the request in 12 seconds')).toBe(12_000);
    expect(parseRetryAfterFromMessage('Rate limit exceeded')).toBeUndefined();
    expect(parseRetryAfterFromMessage(undefined)).toBeUndefined();
  });

  it('prefers the header over the body message', () => {
    expect(resolveRetryAfterMs('2', GENESYS_429_MESSAGE, NOW)).toBe(2000);
    expect(resolveRetryAfterMs('garbage', GENESYS_429_MESSAGE, NOW)).toBe(7000);
    expect(resolveRetryAfterMs(undefined, 'nothing useful', NOW)).toBeUndefined();
  });
});
