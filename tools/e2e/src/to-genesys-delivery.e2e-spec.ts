import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createGenesysSim, type GenesysSim, type InboundMessageRecord } from '@genesys-bridge/genesys-sim';
import {
  type Connection,
  ConnectionRepository,
  createDataSource,
  type HandoverEntity,
  type HandoverMessage,
  HandoverRepository,
  MessageRepository,
  runMigrations,
} from '@genesys-bridge/persistence';
import { QueueName } from '@genesys-bridge/queue-contracts';
import { DeliveryWakeups } from '@genesys-bridge/queue-runtime';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import {
  createTestDatabase,
  freePort,
  type RunningProcess,
  startProcess,
  TEST_REDIS_URL,
  type TestDatabase,
  uniqueQueuePrefix,
  waitFor,
  waitForHttpStatus,
} from '@genesys-bridge/testing';

/**
 * User → agent delivery (queue `to-genesys`): the built handover-gateway worker process, a fresh SQLite file, the local
 * Redis under a unique queue prefix and the Genesys simulator in this process. Handovers and their outbox rows are
 * written with the repositories (as the handover API does), woken like the API wakes them, and checked on what the
 * simulator received: participant data on the first message, per-conversation order, exactly once, 429 bursts,
 * permanent 400s, the user-side disconnect, and the shared rate budget.
 */

const KEYS = generateKeyringEntry('k1');

interface Worker {
  process: RunningProcess;
  wakeups: DeliveryWakeups;
  stop(): Promise<void>;
}

interface MessageRow {
  id: string;
  conversation_key: string;
  sequence: number;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

describe('handover-gateway: user → agent delivery to Genesys', () => {
  let sim: GenesysSim;
  let integrationId: string;
  let database: TestDatabase;
  let dataSource: DataSource;
  let connections: ConnectionRepository;
  let handovers: HandoverRepository;
  let messages: MessageRepository;
  let connection: Connection;
  let worker: Worker;

  async function startWorker(extraEnv: Record<string, string> = {}): Promise<Worker> {
    const port = await freePort();
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      SQLITE_PATH: database.settings.SQLITE_PATH,
      SECRETS_KEYS: KEYS,
      HOST: '127.0.0.1',
      WORKER_HTTP_PORT: String(port),
      WORKER_QUEUES: QueueName.ToGenesys,
      // This file is about user → agent delivery: no end-detection socket spending the same API budget.
      NOTIFICATIONS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...extraEnv,
    };
    const child = startProcess('dist/apps/handover-gateway/src/worker.js', env);
    try {
      await waitForHttpStatus(`http://127.0.0.1:${port}/health/ready`);
    } catch (error) {
      await child.stop('SIGKILL');
      throw new Error(`handover-gateway worker did not become ready: ${(error as Error).message}\n${child.output()}`);
    }
    const wakeups = new DeliveryWakeups({ REDIS_URL: env.REDIS_URL, QUEUE_PREFIX: env.QUEUE_PREFIX });
    return {
      process: child,
      wakeups,
      stop: async () => {
        await wakeups.onApplicationShutdown();
        await child.stop();
      },
    };
  }

  async function createConnection(clientId: string, clientSecret: string): Promise<Connection> {
    sim.addClient({ clientId, clientSecret });
    return connections.create({
      name: `tenant-${clientId}`,
      genesysRegion: 'us-east-1',
      genesysApiBaseUrl: sim.url,
      genesysLoginBaseUrl: sim.url,
      genesysClientId: clientId,
      genesysClientSecret: clientSecret,
      openMessagingIntegrationId: integrationId,
      botPlatform: 'generic',
      botPlatformSettings: {},
    });
  }

  /** A handover as the API stores it: with its first rows, in one transaction. */
  async function startHandover(firstMessages: { kind: string; payload: Record<string, unknown> }[] = [], attributes: Record<string, string> = {}, on = connection): Promise<HandoverEntity> {
    const { handover } = await handovers.start(
      {
        connectionId: on.id,
        platform: 'generic',
        platformConversationId: `conversation-${randomUUID()}`,
        platformContext: {},
        customer: { id: `user-${randomUUID()}`, idType: 'Opaque', nickname: 'Ann' },
        attributes,
      },
      firstMessages.map((message): HandoverMessage => ({ source: 'generic', providerMessageId: randomUUID(), ...message })),
    );
    return handover;
  }

  async function append(handover: HandoverEntity, kind: string, payload: Record<string, unknown>): Promise<string> {
    const { message } = await messages.append({ connectionId: handover.connectionId, source: 'generic', providerMessageId: randomUUID(), direction: 'to-genesys', conversationKey: handover.id, kind, payload });
    return message.id;
  }

  const wake = (handover: HandoverEntity, through = worker) => through.wakeups.wake(QueueName.ToGenesys, { v: 1, connectionId: handover.connectionId, conversationKey: handover.id });

  async function rowsOf(...handoverList: HandoverEntity[]): Promise<MessageRow[]> {
    const placeholders = handoverList.map(() => '?').join(', ');
    return dataSource.query(`SELECT id, conversation_key, sequence, kind, status, attempts, last_error FROM messages WHERE conversation_key IN (${placeholders}) ORDER BY conversation_key, sequence`, handoverList.map((h) => h.id));
  }

  async function waitUntilNothingPending(handoverList: HandoverEntity[], timeoutMs = 30_000): Promise<MessageRow[]> {
    let rows: MessageRow[] = [];
    await waitFor(
      async () => {
        rows = await rowsOf(...handoverList);
        return rows.length > 0 && rows.every((row) => row.status !== 'pending');
      },
      { timeoutMs, intervalMs: 100, what: 'every outbox row to leave pending' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nrows: ${JSON.stringify(rows)}\nworker output:\n${worker.process.output().slice(-4_000)}`);
    });
    return rows;
  }

  /** What the simulator received for these rows (recognised by `channel.messageId` = our row id), in arrival order. */
  function received(rowIds: readonly string[]): InboundMessageRecord[] {
    const wanted = new Set(rowIds);
    return sim.state.inboundMessages.filter((record) => wanted.has(messageIdOf(record)));
  }

  const messageIdOf = (record: { body: unknown }) => (record.body as { channel: { messageId: string } }).channel.messageId;

  const customerOf = (conversationId: string) => sim.conversation(conversationId)?.participants.find((participant) => participant.purpose === 'customer');

  beforeAll(async () => {
    sim = await createGenesysSim({ webhook: { retryIntervalMs: 20 } });
    integrationId = sim.addIntegration({
      name: 'bridge',
      outboundNotificationWebhookUrl: 'http://127.0.0.1:9/unused',
      outboundNotificationWebhookSignatureSecretToken: 'webhook-secret-0123456789',
    }).id;
    database = await createTestDatabase('better-sqlite3');
    dataSource = await createDataSource(database.settings).initialize();
    await runMigrations(dataSource, () => undefined);
    connections = new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(KEYS)));
    handovers = new HandoverRepository(dataSource);
    messages = new MessageRepository(dataSource);
    connection = await createConnection('bridge-client', 'bridge-client-secret');
    worker = await startWorker();
  });

  afterAll(async () => {
    await worker?.stop();
    await dataSource?.destroy();
    await database?.drop();
    await sim?.close();
  });

  it('opens the Genesys conversation with the participant data on the first message only', async () => {
    const attributes = { QueueName: 'Support', language: 'en-us', skills: 'billing' };
    const handover = await startHandover(
      [
        // What the handover API stores: the transcript, then the first message with the participant data.
        { kind: 'transcript', payload: { text: 'Bot: Hello!\nUser: I want a human' } },
        { kind: 'text', payload: { text: 'I need an agent', customAttributes: attributes } },
      ],
      attributes,
    );
    await wake(handover);
    const rows = await waitUntilNothingPending([handover]);
    expect(rows.map((row) => row.status)).toEqual(['delivered', 'delivered']);

    const [first, second, ...others] = received(rows.map((row) => row.id));
    expect(others).toHaveLength(0);
    expect(first.body).toMatchObject({ channel: { messageId: rows[0].id, from: { idType: 'Opaque', nickname: 'Ann' }, metadata: { customAttributes: attributes } }, text: 'Bot: Hello!\nUser: I want a human' });
    expect((second.body as { channel: Record<string, unknown> }).channel.metadata).toBeUndefined();
    expect(second.conversationId).toBe(first.conversationId);
    expect(customerOf(first.conversationId)?.attributes).toMatchObject(attributes);

    const [stored] = await dataSource.query('SELECT genesys_conversation_id, status FROM handovers WHERE id = ?', [handover.id]);
    expect(stored).toEqual({ genesys_conversation_id: first.conversationId, status: 'active' });
    expect(sim.state.apiRequests.some((request) => request.url === `/api/v2/conversations/messages/${integrationId}/inbound/open/message?prefetchConversationId=true` && request.status === 200)).toBe(true);
  });

  it('delivers 50 messages over 5 conversations exactly once, each conversation in order', async () => {
    const conversations = await Promise.all(Array.from({ length: 5 }, () => startHandover([], { QueueName: 'Sales' })));
    const wakes: Promise<void>[] = [];
    for (let i = 0; i < 10; i++) {
      for (const handover of conversations) {
        await append(handover, 'text', { text: `message ${i}` });
        wakes.push(wake(handover));
      }
    }
    await Promise.all(wakes);
    const rows = await waitUntilNothingPending(conversations);
    expect(rows).toHaveLength(50);
    expect(rows.every((row) => row.status === 'delivered')).toBe(true);

    const records = received(rows.map((row) => row.id));
    expect(records).toHaveLength(50);
    expect(new Set(records.map(messageIdOf)).size).toBe(50);
    for (const handover of conversations) {
      const expected = rows.filter((row) => row.conversation_key === handover.id).map((row) => row.id);
      const arrived = records.filter((record) => expected.includes(messageIdOf(record)));
      expect(arrived.map(messageIdOf)).toEqual(expected);
      expect(new Set(arrived.map((record) => record.conversationId)).size).toBe(1);
    }
    expect(new Set(records.map((record) => record.conversationId)).size).toBe(5);
  });

  it('rides out a 429 burst: delayed, but nothing lost, duplicated or reordered', async () => {
    const conversations = await Promise.all(Array.from({ length: 2 }, () => startHandover([], { QueueName: 'Sales' })));
    for (let i = 0; i < 5; i++) for (const handover of conversations) await append(handover, 'text', { text: `burst ${i}` });
    const before = sim.state.apiRequests.length;
    sim.options.faults.apiError = { next: 3, probability: 0, status: 429 };
    await Promise.all(conversations.map((handover) => wake(handover)));

    const rows = await waitUntilNothingPending(conversations);
    expect(rows.every((row) => row.status === 'delivered')).toBe(true);
    expect(sim.state.apiRequests.slice(before).filter((request) => request.status === 429)).toHaveLength(3);
    expect(rows.reduce((sum, row) => sum + row.attempts, 0)).toBe(3);

    const records = received(rows.map((row) => row.id));
    expect(records.map(messageIdOf).sort()).toEqual(rows.map((row) => row.id).sort());
    for (const handover of conversations) {
      const expected = rows.filter((row) => row.conversation_key === handover.id).map((row) => row.id);
      expect(records.map(messageIdOf).filter((id) => expected.includes(id))).toEqual(expected);
    }
  });

  it('marks a row Genesys refuses (400) failed, and the later rows still go', async () => {
    const handover = await startHandover([{ kind: 'text', payload: { text: 'before' } }], { QueueName: 'Support' });
    await append(handover, 'attachment', { text: 'my file', attachments: [{ url: 'ftp://files.example.com/photo.png', mediaType: 'Image' }] });
    await append(handover, 'text', { text: 'after' });
    await wake(handover);

    const rows = await waitUntilNothingPending([handover]);
    expect(rows.map((row) => [row.kind, row.status])).toEqual([
      ['text', 'delivered'],
      ['attachment', 'failed'],
      ['text', 'delivered'],
    ]);
    expect(rows[1].last_error).toMatch(/400.*absolute http\(s\) URL/);
    expect(received(rows.map((row) => row.id)).map(messageIdOf)).toEqual([rows[0].id, rows[2].id]);
  });

  it('disconnects the customer participant for a disconnect row and ends the handover', async () => {
    const handover = await startHandover([{ kind: 'text', payload: { text: 'hello' } }], { QueueName: 'Support' });
    await wake(handover);
    await waitUntilNothingPending([handover]);
    await append(handover, 'text', { text: 'bye' });
    await append(handover, 'disconnect', { reason: 'user-left' });
    await wake(handover);

    const rows = await waitUntilNothingPending([handover]);
    expect(rows.map((row) => row.status)).toEqual(['delivered', 'delivered', 'delivered']);
    const records = received(rows.map((row) => row.id));
    expect(records.map(messageIdOf)).toEqual([rows[0].id, rows[1].id]);
    const customer = customerOf(records[0].conversationId);
    expect(customer?.state).toBe('disconnected');
    expect(sim.state.apiRequests.some((request) => request.method === 'PATCH' && request.url === `/api/v2/conversations/messages/${records[0].conversationId}/participants/${customer?.id}` && request.status < 300)).toBe(true);
    const [stored] = await dataSource.query('SELECT status, end_reason FROM handovers WHERE id = ?', [handover.id]);
    expect(stored).toEqual({ status: 'ended', end_reason: 'user-left' });
  });

  it('ended by the API before anything went: delivers what came before the end, disconnects, refuses what raced it', async () => {
    const handover = await startHandover([{ kind: 'text', payload: { text: 'hello', customAttributes: { QueueName: 'Support' } } }], { QueueName: 'Support' });
    // As the API ends a handover: the disconnect row, then the handover is marked ended; a send racing the end lands after.
    await append(handover, 'disconnect', { reason: 'user-ended' });
    await handovers.end(handover.id, 'user-ended');
    await append(handover, 'text', { text: 'raced the end' });
    await wake(handover);

    const rows = await waitUntilNothingPending([handover]);
    expect(rows.map((row) => [row.kind, row.status])).toEqual([
      ['text', 'delivered'],
      ['disconnect', 'delivered'],
      ['text', 'failed'],
    ]);
    expect(rows[2].last_error).toContain('ended');
    const records = received(rows.map((row) => row.id));
    expect(records.map(messageIdOf)).toEqual([rows[0].id]);
    expect((records[0].body as { channel: { metadata: unknown } }).channel.metadata).toEqual({ customAttributes: { QueueName: 'Support' } });
    expect(customerOf(records[0].conversationId)?.state).toBe('disconnected');
    const [stored] = await dataSource.query('SELECT status, genesys_conversation_id FROM handovers WHERE id = ?', [handover.id]);
    expect(stored).toEqual({ status: 'ended', genesys_conversation_id: records[0].conversationId });
  });

  it('drains gracefully on SIGTERM: the call in hand finishes, the rest goes with the next worker, in order, once', async () => {
    const queuePrefix = uniqueQueuePrefix();
    const first = await startWorker({ QUEUE_PREFIX: queuePrefix });
    sim.options.faults.apiLatencyMs = 150;
    try {
      const handover = await startHandover([], { QueueName: 'Support' });
      for (let i = 0; i < 20; i++) await append(handover, 'text', { text: `drain ${i}` });
      await wake(handover, first);
      await waitFor(async () => (await rowsOf(handover)).filter((row) => row.status === 'delivered').length >= 3, { timeoutMs: 10_000, what: '3 messages delivered' });

      const stopping = Date.now();
      await first.stop();
      expect(Date.now() - stopping).toBeLessThan(5_000);
      expect(first.process.output()).not.toMatch(/still busy/);
      let rows = await rowsOf(handover);
      const sent = new Set(received(rows.map((row) => row.id)).map(messageIdOf));
      // Whatever Genesys received before the exit is marked delivered; the rest waits.
      expect(rows.filter((row) => sent.has(row.id)).every((row) => row.status === 'delivered')).toBe(true);
      expect(rows.filter((row) => row.status === 'pending').length).toBeGreaterThan(0);

      sim.options.faults.apiLatencyMs = 0;
      const second = await startWorker({ QUEUE_PREFIX: queuePrefix }); // no new wake-up: the job went back to its partition
      try {
        rows = await waitUntilNothingPending([handover], 20_000);
      } finally {
        await second.stop();
      }
      expect(rows.every((row) => row.status === 'delivered')).toBe(true);
      expect(received(rows.map((row) => row.id)).map(messageIdOf)).toEqual(rows.map((row) => row.id));
    } finally {
      sim.options.faults.apiLatencyMs = 0;
      await first.stop();
    }
  });

  it('paces sends within the shared rate budget instead of drawing 429s (budget 20/min, 30 messages)', async () => {
    const budgetConnection = await createConnection('budget-client', 'budget-client-secret');
    const limitedWorker = await startWorker({ GENESYS_RATE_LIMIT_PER_MINUTE: '20' });
    const simLimit = sim.options.rateLimit;
    sim.options.rateLimit = { limit: 20, windowMs: 60_000 }; // Genesys would answer the 21st request of the minute with 429
    try {
      const conversations = await Promise.all(Array.from({ length: 3 }, () => startHandover([], { QueueName: 'Sales' }, budgetConnection)));
      for (let i = 0; i < 10; i++) for (const handover of conversations) await append(handover, 'text', { text: `budget ${i}` });
      const before = sim.state.apiRequests.length;
      await Promise.all(conversations.map((handover) => wake(handover, limitedWorker)));

      // 20/min is counted as 4 per 15 s (budgetWindowFor): 8 sent in the first two windows, the rest held back.
      const delivered = async () => (await rowsOf(...conversations)).filter((row) => row.status === 'delivered').length;
      await waitFor(async () => (await delivered()) >= 8, { timeoutMs: 40_000, what: '8 messages delivered' });

      const rows = await rowsOf(...conversations);
      const deliveredNow = rows.filter((row) => row.status === 'delivered').length;
      expect(deliveredNow).toBeLessThanOrEqual(12);
      expect(rows.filter((row) => row.status === 'pending')).toHaveLength(30 - deliveredNow);
      expect(rows.every((row) => row.attempts === 0)).toBe(true);
      const apiCalls = sim.state.apiRequests.slice(before).filter((request) => request.url.startsWith('/api/'));
      expect(apiCalls.filter((request) => request.status === 429)).toHaveLength(0);
      expect(apiCalls.length).toBeGreaterThanOrEqual(deliveredNow);
      expect(apiCalls.length).toBeLessThanOrEqual(deliveredNow + 3);
      // Order still holds: each conversation's delivered rows are a prefix of its sequence.
      for (const handover of conversations) {
        const statuses = rows.filter((row) => row.conversation_key === handover.id).map((row) => row.status);
        expect(statuses.join(',')).toMatch(/^(delivered,)*(pending,?)*$/);
      }
    } finally {
      sim.options.rateLimit = simLimit;
      await limitedWorker.stop();
    }
  });
});
