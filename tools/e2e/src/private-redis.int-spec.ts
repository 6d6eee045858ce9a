import { Redis } from 'ioredis';
import { type PrivateRedis, startPrivateRedis } from '@genesys-bridge/testing';

/** The testing lib's private Redis, as the chaos run uses it: a restart is a crash and an empty start on the same port. */
describe('startPrivateRedis', () => {
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await startPrivateRedis();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('restarts on the same port with nothing kept, and stops the new server', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: (attempt) => Math.min(attempt * 50, 500) });
    client.on('error', () => undefined);
    try {
      await client.set('kept?', 'no');
      const started = Date.now();
      await redis.restart({ downForMs: 300 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      // The same client reconnects to the same address and finds an empty server.
      await expect(client.get('kept?')).resolves.toBeNull();

      await redis.stop();
      await redis.stop(); // twice is fine
      const probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      await expect(probe.connect()).rejects.toThrow();
      probe.disconnect();
    } finally {
      client.disconnect();
    }
  });
});
