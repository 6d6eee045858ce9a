import { FixedWindowRateLimiter } from './rate-limiter';

describe('FixedWindowRateLimiter', () => {
  let now = 0;
  const limiter = new FixedWindowRateLimiter(() => now);
  const settings = { limit: 3, windowMs: 60_000 };

  beforeEach(() => {
    now = 1_000_000;
    limiter.reset();
  });

  it('allows `limit` requests per window, then refuses with the seconds until the window frees', () => {
    expect([1, 2, 3].map(() => limiter.take('token', settings).allowed)).toEqual([true, true, true]);
    now += 20_500;
    expect(limiter.take('token', settings)).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it('frees the window once it has elapsed', () => {
    for (let i = 0; i < 4; i++) limiter.take('token', settings);
    now += 60_000;
    expect(limiter.take('token', settings)).toEqual({ allowed: true, remaining: 2 });
  });

  it('never answers a Retry-After below one second', () => {
    for (let i = 0; i < 3; i++) limiter.take('token', settings);
    now += 59_990;
    expect(limiter.take('token', settings)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('counts keys independently', () => {
    for (let i = 0; i < 3; i++) limiter.take('a', settings);
    expect(limiter.take('a', settings).allowed).toBe(false);
    expect(limiter.take('b', settings).allowed).toBe(true);
  });
});
