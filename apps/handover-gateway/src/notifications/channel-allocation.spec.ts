import { allocateChannels } from './channel-allocation';

describe('allocateChannels', () => {
  it('gives each connection the channels its conversations need', () => {
    const { channels, shortfalls } = allocateChannels(
      [
        { connectionId: 'a', oauthClientId: 'client-1', conversations: 1 },
        { connectionId: 'b', oauthClientId: 'client-1', conversations: 450 },
        { connectionId: 'c', oauthClientId: 'client-2', conversations: 200 },
      ],
      200,
      20,
    );
    expect(Object.fromEntries(channels)).toEqual({ a: 1, b: 3, c: 1 });
    expect(shortfalls).toEqual([]);
  });

  it('shares an OAuth client’s channels among its connections: one each first, then the extra ones in connection order', () => {
    const { channels, shortfalls } = allocateChannels(
      [
        { connectionId: 'c', oauthClientId: 'shared', conversations: 1_000 },
        { connectionId: 'a', oauthClientId: 'shared', conversations: 1_000 },
        { connectionId: 'b', oauthClientId: 'shared', conversations: 10 },
        { connectionId: 'z', oauthClientId: 'other', conversations: 1_000 },
      ],
      200,
      6,
    );
    expect(Object.fromEntries(channels)).toEqual({ a: 4, b: 1, c: 1, z: 5 });
    expect(shortfalls).toEqual([
      { oauthClientId: 'shared', connectionId: 'a', wanted: 5, granted: 4 },
      { oauthClientId: 'shared', connectionId: 'c', wanted: 5, granted: 1 },
    ]);
  });

  it('leaves the connections beyond the limit without a channel, and says so', () => {
    const demands = Array.from({ length: 4 }, (_, i) => ({ connectionId: `k${i}`, oauthClientId: 'small', conversations: 5 }));
    const { channels, shortfalls } = allocateChannels(demands, 200, 3);
    expect(Object.fromEntries(channels)).toEqual({ k0: 1, k1: 1, k2: 1, k3: 0 });
    expect(shortfalls).toEqual([{ oauthClientId: 'small', connectionId: 'k3', wanted: 1, granted: 0 }]);
  });

  it('ignores connections without conversations', () => {
    expect(allocateChannels([{ connectionId: 'idle', oauthClientId: 'c', conversations: 0 }], 200, 20).channels.size).toBe(0);
  });
});
