import { randomUUID } from 'node:crypto';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { waitFor } from '@genesys-bridge/testing';
import { type AppStack, startAppStack } from './support/app-stack';

/**
 * The dead-letter view and replay of handover-gateway, end to end with its HTTP and worker processes and the Genesys
 * simulator: Genesys refuses a message permanently (400: the simulator's inbound text limit), the view lists it, the
 * cause is fixed (the limit lifted), the replay sends it again and the simulator receives it — in the same Genesys
 * conversation, after the message that was sent later. Plus the handover API keys (401, another tenant sees nothing),
 * validation with field paths, and the refusal to replay into an ended handover.
 */

const CLIENT = { clientId: 'dead-letter-client', clientSecret: 'dead-letter-client-secret' };
const KEY = 'dead-letter-key-tenant-a-0123456789';
const OTHER_TENANT_KEY = 'dead-letter-key-tenant-b-0123456789';
/** The "cause": Genesys refuses texts longer than this (the simulator answers 400, a permanent failure). */
const TEXT_LIMIT = 40;
const LONG_TEXT = `This message is longer than the limit Genesys applies, so it fails ${'!'.repeat(TEXT_LIMIT)}`;

interface DeadLetter {
  id: string;
  direction: string;
  conversationKey: string;
  sequence: number;
  kind: string;
  attempts: number;
  failure: string | null;
  providerMessageId: string;
  preview: string | null;
  createdAt: string;
  updatedAt: string;
}

interface DeadLetterPage {
  deadLetters: DeadLetter[];
  nextBefore: string | null;
}

interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: { path: string; problems: string[] }[];
}

interface MessageRow {
  id: string;
  sequence: number;
  status: string;
  attempts: number;
}

describe('handover-gateway: dead-letter view and replay', () => {
  let stack: AppStack;
  let sim: GenesysSim;
  let connectionA: string;
  let connectionB: string;

  function call(connectionId: string, key: string | null, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${stack.url}/handovers/${connectionId}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  const list = (query = '', connectionId = connectionA, key: string | null = KEY) => call(connectionId, key, 'GET', `/dead-letters${query}`);
  const replay = (body: unknown, connectionId = connectionA, key: string | null = KEY) => call(connectionId, key, 'POST', '/dead-letters/replay', body);

  async function json<T>(response: Response, status: number): Promise<T> {
    const text = await response.text();
    expect({ status: response.status, body: text }).toEqual({ status, body: expect.any(String) });
    return JSON.parse(text) as T;
  }

  async function startHandover(): Promise<string> {
    const response = await call(connectionA, KEY, 'POST', '', {
      conversationId: `conversation-${randomUUID()}`,
      customer: { id: `user-${randomUUID()}`, idType: 'Opaque' },
      queueName: 'Support',
      firstMessage: { messageId: randomUUID(), text: 'I need an agent' },
    });
    return (await json<{ handoverId: string }>(response, 202)).handoverId;
  }

  async function send(handoverId: string, text: string): Promise<void> {
    await json(await call(connectionA, KEY, 'POST', `/${handoverId}/messages`, { messageId: randomUUID(), text }), 202);
  }

  async function rows(handoverId: string): Promise<MessageRow[]> {
    return stack.dataSource.query('SELECT id, sequence, status, attempts FROM messages WHERE conversation_key = ? ORDER BY sequence', [handoverId]);
  }

  async function settled(handoverId: string, count: number): Promise<MessageRow[]> {
    let current: MessageRow[] = [];
    await waitFor(
      async () => {
        current = await rows(handoverId);
        return current.length === count && current.every((row) => row.status !== 'pending');
      },
      { timeoutMs: 20_000, intervalMs: 100, what: `${count} messages of handover ${handoverId} delivered or failed` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nrows: ${JSON.stringify(current)}\nworker:\n${stack.worker?.output().slice(-3_000) ?? ''}`);
    });
    return current;
  }

  /** What the simulator received for our message ids (`channel.messageId` = our row id), in arrival order. */
  function received(handoverRows: readonly MessageRow[]): { id: string; conversationId: string; text: string }[] {
    const ids = new Set(handoverRows.map((row) => row.id));
    return sim.state.inboundMessages
      .map((record) => ({ body: record.body as { channel: { messageId: string }; text?: string }, conversationId: record.conversationId }))
      .filter(({ body }) => ids.has(body.channel.messageId))
      .map(({ body, conversationId }) => ({ id: body.channel.messageId, conversationId, text: body.text ?? '' }));
  }

  async function createConnection(name: string, key: string): Promise<string> {
    const connection = await stack.connections.create({
      name,
      genesysRegion: 'eu-west-1',
      genesysApiBaseUrl: sim.url,
      genesysLoginBaseUrl: sim.url,
      genesysClientId: CLIENT.clientId,
      genesysClientSecret: CLIENT.clientSecret,
      openMessagingIntegrationId: integrationId,
      botPlatform: 'generic',
      botPlatformSettings: {},
      // A list (current, previous while rotating); the repository's type says string values.
      botPlatformSecrets: { handoverApiKeys: [key] } as unknown as Record<string, string>,
    });
    return connection.id;
  }

  let integrationId: string;

  beforeAll(async () => {
    [stack, sim] = await Promise.all([startAppStack('handover-gateway', { LOG_LEVEL: 'warn' }), createGenesysSim({ clients: [CLIENT] })]);
    integrationId = sim.addIntegration({
      name: 'bridge',
      outboundNotificationWebhookUrl: 'http://127.0.0.1:9/unused',
      outboundNotificationWebhookSignatureSecretToken: 'webhook-secret-0123456789',
    }).id;
    connectionA = await createConnection('tenant-a', KEY);
    connectionB = await createConnection('tenant-b', OTHER_TENANT_KEY);
  });

  afterAll(async () => {
    await stack?.stop();
    await sim?.close();
  });

  afterEach(() => {
    sim.options.maxInboundTextLength = null;
  });

  it('lists a message Genesys refused, and delivers it after the cause is fixed and it is replayed', async () => {
    sim.options.maxInboundTextLength = TEXT_LIMIT;
    const handoverId = await startHandover();
    await send(handoverId, LONG_TEXT);
    await send(handoverId, 'a later message');
    const [first, failed, later] = await settled(handoverId, 3);
    expect([first.status, failed.status, later.status]).toEqual(['delivered', 'failed', 'delivered']);

    const page = await json<DeadLetterPage>(await list(`?conversationKey=${handoverId}`), 200);
    expect(page).toEqual({
      deadLetters: [
        {
          id: failed.id,
          direction: 'to-genesys',
          conversationKey: handoverId,
          sequence: 2,
          kind: 'text',
          attempts: 0,
          failure: expect.stringMatching(/400.*at most 40 characters/),
          providerMessageId: expect.any(String),
          preview: expect.stringMatching(/^This message is longer than the limit .*…$/),
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      ],
      nextBefore: null,
    });
    expect(page.deadLetters[0].preview?.length).toBeLessThan(LONG_TEXT.length);
    expect(JSON.stringify(page)).not.toContain('customAttributes');
    expect((await json<DeadLetterPage>(await list('?direction=to-bot'), 200)).deadLetters).toEqual([]);

    // Replayed before the cause is fixed, it only fails again.
    const early = await json<{ replayed: { id: string }[] }>(await replay({ messageIds: [failed.id] }), 200);
    expect(early.replayed.map((row) => row.id)).toEqual([failed.id]);
    await waitFor(async () => (await rows(handoverId))[1].status === 'failed' && (await json<DeadLetterPage>(await list(`?conversationKey=${handoverId}`), 200)).deadLetters.length === 1, {
      timeoutMs: 20_000,
      what: 'the early replay to fail again',
    });

    // The cause fixed (Genesys takes the longer text now), the replay delivers it.
    sim.options.maxInboundTextLength = null;
    const answer = await json<{ replayed: unknown[]; skipped: unknown[] }>(await replay({ messageIds: [failed.id] }), 200);
    expect(answer).toEqual({ replayed: [{ id: failed.id, direction: 'to-genesys', conversationKey: handoverId, sequence: 2, kind: 'text' }], skipped: [] });

    const after = await settled(handoverId, 3);
    expect(after.map((row) => row.status)).toEqual(['delivered', 'delivered', 'delivered']);
    const arrived = received(after);
    // The replayed message reaches Genesys once, in the same conversation, after the message sent later.
    expect(arrived.map((message) => message.id)).toEqual([first.id, later.id, failed.id]);
    expect(arrived[2].text).toBe(LONG_TEXT);
    expect(new Set(arrived.map((message) => message.conversationId)).size).toBe(1);

    expect((await json<DeadLetterPage>(await list(`?conversationKey=${handoverId}`), 200)).deadLetters).toEqual([]);
    expect(await json(await replay({ messageIds: [failed.id] }), 200)).toEqual({ replayed: [], skipped: [{ id: failed.id, reason: 'not-failed' }] });
  });

  it('pages newest first with nextBefore', async () => {
    sim.options.maxInboundTextLength = TEXT_LIMIT;
    const handoverId = await startHandover();
    for (let i = 0; i < 3; i++) await send(handoverId, `${LONG_TEXT} #${i}`);
    const failedRows = (await settled(handoverId, 4)).filter((row) => row.status === 'failed');
    expect(failedRows).toHaveLength(3);

    const seen: DeadLetter[] = [];
    let query = `?conversationKey=${handoverId}&limit=2`;
    for (let pages = 0; pages < 3; pages++) {
      const page = await json<DeadLetterPage>(await list(query), 200);
      seen.push(...page.deadLetters);
      if (page.nextBefore === null) break;
      query = `?conversationKey=${handoverId}&limit=2&before=${page.nextBefore}`;
    }
    expect(seen.map((row) => row.id).sort()).toEqual(failedRows.map((row) => row.id).sort());
    const newestFirst = seen.map((row) => row.createdAt);
    expect([...newestFirst].sort().reverse()).toEqual(newestFirst);
  });

  it('refuses to replay a user message into an ended handover', async () => {
    sim.options.maxInboundTextLength = TEXT_LIMIT;
    const handoverId = await startHandover();
    await send(handoverId, LONG_TEXT);
    await json(await call(connectionA, KEY, 'POST', `/${handoverId}/end`, { reason: 'bot-finished' }), 202);
    const [, failed] = await settled(handoverId, 3);
    expect(failed.status).toBe('failed');

    sim.options.maxInboundTextLength = null;
    expect(await json(await replay({ messageIds: [failed.id] }), 200)).toEqual({ replayed: [], skipped: [{ id: failed.id, reason: 'handover-ended' }] });
    expect((await rows(handoverId))[1].status).toBe('failed');
  });

  it('needs the connection’s handover API key, and another tenant’s key sees and replays nothing of it', async () => {
    sim.options.maxInboundTextLength = TEXT_LIMIT;
    const handoverId = await startHandover();
    await send(handoverId, LONG_TEXT);
    const [, failed] = await settled(handoverId, 2);
    expect(failed.status).toBe('failed');

    for (const response of [await list('', connectionA, null), await replay({ messageIds: [failed.id] }, connectionA, null), await list('', connectionA, OTHER_TENANT_KEY), await replay({ messageIds: [failed.id] }, connectionA, OTHER_TENANT_KEY)]) {
      expect(await json<ErrorBody>(response, 401)).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
    // The credential is checked before the body: a bad body with no key is a 401.
    expect((await replay({ messageIds: 'nonsense' }, connectionA, null)).status).toBe(401);
    for (const response of [await list('', randomUUID()), await list('', 'not-a-uuid')]) expect(response.status).toBe(404);

    // Tenant B with its own key: its (empty) dead letters; A's message is unknown to it.
    expect(await json(await list('', connectionB, OTHER_TENANT_KEY), 200)).toEqual({ deadLetters: [], nextBefore: null });
    expect(await json(await list(`?before=${failed.id}`, connectionB, OTHER_TENANT_KEY), 200)).toEqual({ deadLetters: [], nextBefore: null });
    expect(await json(await replay({ messageIds: [failed.id] }, connectionB, OTHER_TENANT_KEY), 200)).toEqual({ replayed: [], skipped: [{ id: failed.id, reason: 'not-found' }] });
    expect((await rows(handoverId))[1].status).toBe('failed');
  });

  it.each([
    ['no messageIds', {}, ['messageIds']],
    ['an empty list', { messageIds: [] }, ['messageIds']],
    ['more than 100 ids', { messageIds: Array.from({ length: 101 }, () => randomUUID()) }, ['messageIds']],
    ['ids that are not uuids, and an unknown field', { messageIds: ['row-1'], force: true }, ['force', 'messageIds']],
  ])('refuses a replay with %s: 400 naming each field', async (_name, body, paths) => {
    const error = await json<ErrorBody>(await replay(body), 400);
    expect(error).toMatchObject({ statusCode: 400, message: 'Request validation failed' });
    expect(error.errors?.map((problem) => problem.path)).toEqual(paths);
  });

  it('refuses a body that is not a JSON object, and bad query parameters by name', async () => {
    expect((await call(connectionA, KEY, 'POST', '/dead-letters/replay')).status).toBe(400);
    expect((await replay([randomUUID()])).status).toBe(400);
    const error = await json<ErrorBody>(await list('?direction=sideways&limit=500&before=yesterday&status=failed'), 400);
    expect(error.errors?.map((problem) => problem.path).sort()).toEqual(['before', 'direction', 'limit', 'status']);
  });

  it('documents both routes in OpenAPI, with the ordering consequence of a replay', async () => {
    const document = (await (await fetch(`${stack.url}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags?: string[]; description?: string }>> };
    expect(document.paths['/handovers/{connectionId}/dead-letters']?.get?.tags).toEqual(['dead letters']);
    const replayDoc = document.paths['/handovers/{connectionId}/dead-letters/replay']?.post;
    expect(replayDoc?.tags).toEqual(['dead letters']);
    expect(replayDoc?.description).toMatch(/after messages that were sent later/);
  });
});
