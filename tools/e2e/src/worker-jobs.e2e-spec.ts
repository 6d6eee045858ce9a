import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ConnectionRepository, createDataSource, MessageRepository, runMigrations } from '@genesys-bridge/persistence';
import { deliverConversationDedupId, DeliveryJob, deliveryQueueName, QueueName } from '@genesys-bridge/queue-contracts';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createTestDatabase, freePort, type RunningProcess, startProcess, TEST_REDIS_URL, type TestDatabase, uniqueQueuePrefix, waitFor } from '@genesys-bridge/testing';

/** The periodic jobs of the workers, run by the real worker processes against real Redis and SQLite. */
describe('worker jobs', () => {
  const keys = generateKeyringEntry('k1');
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let dataSource: DataSource;
  let messages: MessageRepository;
  let connectionId: string;
  let worker: RunningProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('better-sqlite3');
    dataSource = await createDataSource(database.settings).initialize();
    await runMigrations(dataSource, () => undefined);
    messages = new MessageRepository(dataSource);
    const connections = new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(keys)));
    connectionId = (
      await connections.create({ name: 'jobs', genesysRegion: 'eu-west-1', genesysClientId: 'id', genesysClientSecret: 'secret', botPlatform: 'generic', botPlatformSettings: {} })
    ).id;
  });

  afterEach(async () => {
    await worker?.stop('SIGTERM');
    worker = undefined;
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const startWorker = async (app: string, env: Record<string, string>) =>
    (worker = startProcess(`dist/apps/${app}/src/worker.js`, {
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SQLITE_PATH: database.settings.SQLITE_PATH,
      SECRETS_KEYS: keys,
      HOST: '127.0.0.1',
      WORKER_HTTP_PORT: String(await freePort()),
      ...env,
    }));

  it('handover-gateway: the outbox sweeper wakes delivery for conversations whose messages stayed pending', async () => {
    const { message } = await messages.append({
      connectionId,
      source: 'cognigy',
      providerMessageId: 'user-msg-1',
      direction: 'to-genesys',
      conversationKey: 'handover-stale-1',
      kind: 'text',
      payload: { text: 'still waiting' },
    });
    await dataSource.query(`UPDATE messages SET created_at = datetime('now', '-10 minutes') WHERE id = '${message.id}'`);
    await messages.append({ connectionId, source: 'cognigy', providerMessageId: 'fresh-1', direction: 'to-genesys', conversationKey: 'handover-fresh-1', kind: 'text', payload: {} });

    // Only the sweeper: a delivery consumer would take the wake-up job before the test can look at it.
    const sweeper = await startWorker('handover-gateway', { WORKER_QUEUES: 'outbox-sweep', OUTBOX_SWEEP_INTERVAL_MS: '1000', OUTBOX_STALE_AFTER_MS: '60000' });
    const staleQueue = new Queue(deliveryQueueName(QueueName.ToGenesys, 'handover-stale-1'), { connection: { url: TEST_REDIS_URL }, prefix });
    const freshQueue = new Queue(deliveryQueueName(QueueName.ToGenesys, 'handover-fresh-1'), { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      const [job] = await waitFor(async () => {
        const jobs = await staleQueue.getJobs(['waiting']);
        return jobs.length > 0 ? jobs : null;
      }, { timeoutMs: 20_000, what: 'a delivery wake-up job' });
      expect(job.name).toBe(DeliveryJob.DeliverConversation);
      expect(job.data).toEqual({ v: 1, connectionId, conversationKey: 'handover-stale-1' });
      expect(JSON.stringify(job.data)).not.toContain('still waiting'); // ids only, never message bodies
      expect(await staleQueue.getDeduplicationJobId(deliverConversationDedupId(job.data))).toBe(job.id);
      expect((await freshQueue.getJobs(['waiting'])).filter((j) => j.data.conversationKey === 'handover-fresh-1')).toEqual([]);
      await waitFor(() => /woke 1 conversation\(s\) with 1 stale pending message\(s\)/.test(sweeper.output()), { what: 'the sweeper log line' });
    } finally {
      await staleQueue.obliterate({ force: true });
      await Promise.all([staleQueue.close(), freshQueue.close()]);
    }
  });

  it('metadata-service: housekeeping purges finished messages past retention and keeps the rest', async () => {
    const old = await messages.append({ connectionId, source: 'genesys', providerMessageId: 'old-delivered', direction: 'to-bot', conversationKey: 'c-old', kind: 'text', payload: {} });
    const recent = await messages.append({ connectionId, source: 'genesys', providerMessageId: 'recent-delivered', direction: 'to-bot', conversationKey: 'c-recent', kind: 'text', payload: {} });
    const pending = await messages.append({ connectionId, source: 'genesys', providerMessageId: 'old-pending', direction: 'to-bot', conversationKey: 'c-pending', kind: 'text', payload: {} });
    await messages.markDelivered(old.message.id);
    await messages.markDelivered(recent.message.id);
    await dataSource.query(`UPDATE messages SET updated_at = datetime('now', '-3 days') WHERE id IN ('${old.message.id}', '${pending.message.id}')`);

    const housekeeper = await startWorker('metadata-service', { MESSAGE_RETENTION_DAYS: '2' });
    await waitFor(async () => (await messages.findById(old.message.id)) === null, { timeoutMs: 20_000, what: 'the old delivered message to be purged' });
    expect(await messages.findById(recent.message.id)).not.toBeNull();
    expect(await messages.findById(pending.message.id)).not.toBeNull();
    await waitFor(() => /purged 1 finished message\(s\) and 0 bot turn\(s\) older than 2 days, and 0 expired bot session\(s\)/.test(housekeeper.output()), { what: 'the housekeeping log line' });
  });
});
