import { selectWorkerQueues } from './worker-queues';
import { redactRedisUrl, redisConnectionOptions } from './redis-connection';

describe('selectWorkerQueues', () => {
  const available = ['housekeeping', 'outbox-sweep'] as const;

  it('takes every queue when WORKER_QUEUES is empty', () => {
    expect(selectWorkerQueues(available, undefined)).toEqual(['housekeeping', 'outbox-sweep']);
    expect(selectWorkerQueues(available, ' ')).toEqual(['housekeeping', 'outbox-sweep']);
  });

  it('takes the listed queues only', () => {
    expect(selectWorkerQueues(available, 'outbox-sweep')).toEqual(['outbox-sweep']);
  });

  it('refuses unknown names, naming them and the valid ones', () => {
    expect(() => selectWorkerQueues(available, 'housekeeping,housekeepin')).toThrow(/unknown queue\(s\) housekeepin; this app's workers handle: housekeeping, outbox-sweep/);
  });
});

describe('redis connection options', () => {
  it('fails fast in HTTP processes and retries forever in workers', () => {
    expect(redisConnectionOptions('redis://127.0.0.1:6379', 'http')).toMatchObject({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    expect(redisConnectionOptions('redis://127.0.0.1:6379', 'worker')).toMatchObject({ maxRetriesPerRequest: null });
  });

  it('reads credentials, db and TLS from the URL and hides the password in messages', () => {
    expect(redisConnectionOptions('rediss://app:s3cr%40t@redis.internal:6380/2', 'worker')).toMatchObject({
      host: 'redis.internal',
      port: 6380,
      username: 'app',
      password: 's3cr@t',
      db: 2,
      tls: {},
    });
    expect(redactRedisUrl('redis://app:s3cret@redis.internal:6380')).toBe('redis://app:***@redis.internal:6380');
  });
});
