import { type AccessTokenGrant, refreshMarginMs, TokenCache } from './token-cache';

class ManualClock {
  time = 1_000_000;
  readonly now = () => this.time;
  advance(ms: number) {
    this.time += ms;
  }
}

/** A grant source that hands out token-1, token-2, … and counts calls; `release()` lets pending requests finish. */
function grantSource(expiresInSeconds = 3600) {
  let issued = 0;
  const pending: (() => void)[] = [];
  let held = false;
  const source = {
    calls: 0,
    hold() {
      held = true;
    },
    release() {
      held = false;
      pending.splice(0).forEach((resolve) => resolve());
    },
    request: async (): Promise<AccessTokenGrant> => {
      source.calls += 1;
      if (held) await new Promise<void>((resolve) => pending.push(resolve));
      issued += 1;
      return { accessToken: `token-${issued}`, expiresInSeconds };
    },
  };
  return source;
}

describe('TokenCache', () => {
  it('shares one in-flight token request between 20 concurrent callers', async () => {
    const cache = new TokenCache();
    const source = grantSource();
    source.hold();
    const callers = Array.from({ length: 20 }, () => cache.getAccessToken('login|client', source.request));
    source.release();
    expect(await Promise.all(callers)).toEqual(Array(20).fill('token-1'));
    expect(source.calls).toBe(1);
    expect(await cache.getAccessToken('login|client', source.request)).toBe('token-1');
    expect(source.calls).toBe(1);
  });

  it('keeps separate tokens per key', async () => {
    const cache = new TokenCache();
    const source = grantSource();
    expect(await cache.getAccessToken('a', source.request)).toBe('token-1');
    expect(await cache.getAccessToken('b', source.request)).toBe('token-2');
    expect(await cache.getAccessToken('a', source.request)).toBe('token-1');
  });

  it('refreshes 60 s before expiry for long-lived tokens and 10 % before for short ones', async () => {
    expect(refreshMarginMs(24 * 3600_000)).toBe(60_000);
    expect(refreshMarginMs(300_000)).toBe(30_000);
    const clock = new ManualClock();
    const cache = new TokenCache(clock.now);
    const source = grantSource(3600);
    expect(await cache.getAccessToken('k', source.request)).toBe('token-1');
    clock.advance(3600_000 - 60_001);
    expect(await cache.getAccessToken('k', source.request)).toBe('token-1');
    clock.advance(1);
    expect(await cache.getAccessToken('k', source.request)).toBe('token-2');
    expect(source.calls).toBe(2);
  });

  it('requests a new token after expiry', async () => {
    const clock = new ManualClock();
    const cache = new TokenCache(clock.now);
    const source = grantSource(300);
    await cache.getAccessToken('k', source.request);
    clock.advance(301_000);
    expect(await cache.getAccessToken('k', source.request)).toBe('token-2');
  });

  it('invalidates only the token that was refused', async () => {
    const cache = new TokenCache();
    const source = grantSource();
    await cache.getAccessToken('k', source.request);
    cache.invalidate('k', 'token-0-older');
    expect(await cache.getAccessToken('k', source.request)).toBe('token-1');
    cache.invalidate('k', 'token-1');
    expect(await cache.getAccessToken('k', source.request)).toBe('token-2');
    cache.invalidate('k');
    expect(await cache.getAccessToken('k', source.request)).toBe('token-3');
  });

  it('gives every waiter the failure and tries again on the next call', async () => {
    const cache = new TokenCache();
    let calls = 0;
    const failing = async (): Promise<AccessTokenGrant> => {
      calls += 1;
      throw new Error('login down');
    };
    const results = await Promise.allSettled([cache.getAccessToken('k', failing), cache.getAccessToken('k', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await expect(cache.getAccessToken('k', failing)).rejects.toThrow('login down');
    expect(calls).toBe(2);
  });

  it('keeps using a token that has not expired yet when the early refresh fails', async () => {
    const clock = new ManualClock();
    const cache = new TokenCache(clock.now);
    await cache.getAccessToken('k', grantSource(3600).request);
    clock.advance(3600_000 - 30_000);
    const failing = async (): Promise<AccessTokenGrant> => {
      throw new Error('login down');
    };
    expect(await cache.getAccessToken('k', failing)).toBe('token-1');
    clock.advance(30_000);
    await expect(cache.getAccessToken('k', failing)).rejects.toThrow('login down');
  });
});
