import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { deliveryQueueName, QueueName } from '@genesys-bridge/queue-contracts';
import { type PrivateRedis, startPrivateRedis, waitFor } from '@genesys-bridge/testing';
import { type AppStack, countRows, startAppStack } from './support/app-stack';

/**
 * The generic handover REST API of handover-gateway, over real HTTP against the built HTTP process, a fresh
 * SQLite file and Redis (no worker, so wake-up jobs stay in their partition queue to be looked at): one
 * transaction per start (handover + transcript + first message), idempotent retries, per-tenant API keys,
 * strict validation with field paths, the SSRF check of the callback URL, and a Redis outage.
 */

const KEY = 'handover-key-current-0123456789';
const PREVIOUS_KEY = 'handover-key-previous-0123456789';
const OTHER_TENANT_KEY = 'handover-key-tenant-b-0123456789';
/** A public IP literal: passes the SSRF check without DNS. */
const PUBLIC_CALLBACK = 'https://93.184.215.14/agent-messages';

interface HandoverRow {
  id: string;
  connection_id: string;
  platform: string;
  platform_conversation_id: string;
  platform_context: string;
  customer: string;
  status: string;
  attributes: string;
  end_reason: string | null;
}

interface MessageRow {
  provider_message_id: string;
  source: string;
  direction: string;
  conversation_key: string;
  sequence: number;
  kind: string;
  status: string;
  payload: string;
}

interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: { path: string; problems: string[] }[];
}

function api(stack: AppStack, connectionId: string, key: string | null = KEY) {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}/handovers/${connectionId}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    start: (body: unknown, headers?: Record<string, string>) => call('POST', '', body, headers),
    message: (handoverId: string, body: unknown) => call('POST', `/${handoverId}/messages`, body),
    typing: (handoverId: string) => call('POST', `/${handoverId}/typing`),
    end: (handoverId: string, body?: unknown) => call('POST', `/${handoverId}/end`, body),
    view: (handoverId: string) => call('GET', `/${handoverId}`),
  };
}

function startBody(overrides: Record<string, unknown> = {}) {
  return {
    conversationId: `conv-${randomUUID()}`,
    customer: { id: 'ada@example.com', idType: 'Email', firstName: 'Ada', lastName: 'Lovelace' },
    queueName: 'Billing',
    skills: ['billing', 'english'],
    language: 'en-us',
    priority: 5,
    genesysMetaData: JSON.stringify({ customer: { tier: 'gold', accountId: 42 }, intent: 'refund' }),
    customAttributes: { caseId: 'C-123' },
    sendProfile: true,
    transcript: [
      { from: 'user', text: 'I want a refund', time: '2024-05-01T13:00:00Z' },
      { from: 'bot', text: 'Let me get someone who can help.' },
    ],
    firstMessage: { messageId: `first-${randomUUID()}`, text: 'Customer asks for a refund' },
    callbackUrl: PUBLIC_CALLBACK,
    ...overrides,
  };
}

async function handoverRows(stack: AppStack, connectionId: string): Promise<HandoverRow[]> {
  return stack.dataSource.query('SELECT * FROM handovers WHERE connection_id = ? ORDER BY created_at', [connectionId]);
}

async function messageRows(stack: AppStack, handoverId: string): Promise<MessageRow[]> {
  return stack.dataSource.query('SELECT * FROM messages WHERE conversation_key = ? ORDER BY sequence', [handoverId]);
}

async function wakeJobs(stack: AppStack, handoverId: string): Promise<unknown[]> {
  const queue = new Queue(deliveryQueueName(QueueName.ToGenesys, handoverId), { connection: { url: stack.env.REDIS_URL }, prefix: stack.env.QUEUE_PREFIX });
  try {
    return (await queue.getJobs(['waiting', 'delayed', 'prioritized'])).map((job) => ({ name: job.name, data: job.data }));
  } finally {
    await queue.close();
  }
}

async function createConnection(stack: AppStack, name: string, keys: string[] | null, botPlatformSettings: Record<string, unknown> = {}): Promise<string> {
  const connection = await stack.connections.create({
    name,
    genesysRegion: 'eu-west-1',
    genesysClientId: 'c',
    genesysClientSecret: 's',
    botPlatform: 'generic',
    botPlatformSettings,
    // A list (current, previous while rotating); the repository's type says string values.
    ...(keys ? { botPlatformSecrets: { handoverApiKeys: keys } as unknown as Record<string, string> } : {}),
  });
  return connection.id;
}

describe('handover-gateway: generic handover API', () => {
  let stack: AppStack;
  let connectionId: string;
  let client: ReturnType<typeof api>;

  beforeAll(async () => {
    stack = await startAppStack('handover-gateway', {}, { worker: false });
    connectionId = await createConnection(stack, 'tenant-a', [KEY, PREVIOUS_KEY]);
    client = api(stack, connectionId);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('starts a handover: 202, the handover, the transcript and the first message with the participant data, and a wake-up', async () => {
    const body = startBody();
    const response = await client.start(body);
    expect(response.status).toBe(202);
    const started = (await response.json()) as { handoverId: string; status: string; attributes: Record<string, string>; warnings: string[] };
    const expectedAttributes = {
      QueueName: 'Billing',
      Skills: 'billing,english',
      Language: 'en-us',
      Priority: '5',
      caseId: 'C-123',
      'customer.firstName': 'Ada',
      'customer.lastName': 'Lovelace',
      intent: 'refund',
      'customer.accountId': '42',
      'customer.tier': 'gold',
    };
    expect(started).toEqual({ handoverId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'starting', attributes: expectedAttributes, warnings: [] });

    const [handover, ...otherHandovers] = await handoverRows(stack, connectionId);
    expect(otherHandovers).toHaveLength(0);
    expect(handover).toMatchObject({ id: started.handoverId, platform: 'generic', platform_conversation_id: body.conversationId, status: 'starting' });
    expect(JSON.parse(handover.platform_context)).toEqual({ callbackUrl: PUBLIC_CALLBACK });
    expect(JSON.parse(handover.customer)).toEqual(body.customer);
    expect(JSON.parse(handover.attributes)).toEqual(expectedAttributes);

    const rows = await messageRows(stack, started.handoverId);
    expect(rows.map((row) => [row.sequence, row.kind, row.provider_message_id, row.source, row.direction, row.status])).toEqual([
      [1, 'transcript', `${body.firstMessage.messageId}#transcript`, 'generic', 'to-genesys', 'pending'],
      [2, 'text', body.firstMessage.messageId, 'generic', 'to-genesys', 'pending'],
    ]);
    expect(JSON.parse(rows[0].payload)).toEqual({
      text: 'Conversation with the bot before the handover:\nCustomer: I want a refund\nBot: Let me get someone who can help.',
    });
    expect(JSON.parse(rows[1].payload)).toEqual({ text: 'Customer asks for a refund', customAttributes: expectedAttributes });

    expect(await wakeJobs(stack, started.handoverId)).toEqual([
      { name: 'deliver-conversation', data: { v: 1, connectionId, conversationKey: started.handoverId } },
    ]);

    // The bot platform retries (same conversation, still open): the same handover, nothing new.
    const counts = [await countRows(stack.dataSource, 'handovers'), await countRows(stack.dataSource, 'messages')];
    for (const retry of [body, { ...body, firstMessage: { messageId: `other-${randomUUID()}`, text: 'again' } }]) {
      const repeated = await client.start(retry);
      expect(repeated.status).toBe(200);
      expect(await repeated.json()).toEqual({ handoverId: started.handoverId, status: 'starting', attributes: expectedAttributes, warnings: [] });
    }
    expect([await countRows(stack.dataSource, 'handovers'), await countRows(stack.dataSource, 'messages')]).toEqual(counts);

    const view = await client.view(started.handoverId);
    expect(view.status).toBe(200);
    expect(await view.json()).toEqual({
      handoverId: started.handoverId,
      status: 'starting',
      genesysConversationId: null,
      createdAt: expect.any(String),
      endedAt: null,
      endReason: null,
      attributes: expectedAttributes,
    });
  });

  it('reports what the participant-data limits changed, and starts without transcript or callback', async () => {
    const body = startBody({
      transcript: undefined,
      callbackUrl: undefined,
      sendProfile: undefined,
      genesysMetaData: { note: 'x'.repeat(300), QueueName: 'FromMeta' },
      priority: 99_999_999,
    });
    const response = await client.start(body);
    expect(response.status).toBe(202);
    const started = (await response.json()) as { handoverId: string; attributes: Record<string, string>; warnings: string[] };
    expect(started.attributes).toMatchObject({ QueueName: 'Billing', Priority: '25000000' });
    expect(started.attributes.note).toHaveLength(256);
    expect(started.warnings).toEqual(
      expect.arrayContaining(['priority 99999999 sent as 25000000', expect.stringMatching(/^value of "note" cut from 300 to 256/), expect.stringMatching(/^metadata "QueueName" replaced/)]),
    );
    const rows = await messageRows(stack, started.handoverId);
    expect(rows.map((row) => [row.sequence, row.kind])).toEqual([[1, 'text']]);
    expect(JSON.parse((await handoverRows(stack, connectionId)).find((row) => row.id === started.handoverId)?.platform_context ?? '')).toEqual({});
  });

  it('relays messages, quick-reply answers and typing in order, idempotently; ends once; refuses writes after the end', async () => {
    const body = startBody({ transcript: undefined });
    const { handoverId } = (await (await client.start(body)).json()) as { handoverId: string };

    const text = { messageId: `m-${randomUUID()}`, text: 'Are you there?' };
    const first = await client.message(handoverId, text);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ handoverId, messageId: text.messageId, sequence: 2 });
    const repeated = await client.message(handoverId, text);
    expect(repeated.status).toBe(200);
    expect(await repeated.json()).toEqual({ handoverId, messageId: text.messageId, sequence: 2 });

    const attachment = { messageId: `m-${randomUUID()}`, text: 'my receipt', attachments: [{ url: 'https://cdn.example.com/r.png', mediaType: 'Image', mime: 'image/png', filename: 'r.png' }] };
    expect((await client.message(handoverId, attachment)).status).toBe(202);
    const quickReply = { messageId: `m-${randomUUID()}`, quickReply: { text: 'Yes', payload: 'YES', originatingMessageId: 'genesys-msg-1' } };
    expect((await client.message(handoverId, quickReply)).status).toBe(202);
    const typing = await client.typing(handoverId);
    expect(typing.status).toBe(202);
    expect(await typing.json()).toMatchObject({ handoverId, sequence: 5 });

    const end = await client.end(handoverId, { reason: 'bot-finished' });
    expect(end.status).toBe(202);
    expect(await end.json()).toEqual({ handoverId, status: 'ended' });
    const again = await client.end(handoverId);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ handoverId, status: 'ended' });

    const rows = await messageRows(stack, handoverId);
    expect(rows.map((row) => [row.sequence, row.kind, row.provider_message_id])).toEqual([
      [1, 'text', body.firstMessage.messageId],
      [2, 'text', text.messageId],
      [3, 'attachment', attachment.messageId],
      [4, 'quick-reply-answer', quickReply.messageId],
      [5, 'typing', expect.stringMatching(/^typing#/)],
      [6, 'disconnect', `${handoverId}#end`],
    ]);
    expect(JSON.parse(rows[1].payload)).toEqual({ text: 'Are you there?' });
    expect(JSON.parse(rows[2].payload)).toEqual({ text: attachment.text, attachments: attachment.attachments });
    expect(JSON.parse(rows[3].payload)).toEqual({ quickReply: quickReply.quickReply });
    expect(JSON.parse(rows[5].payload)).toEqual({ reason: 'bot-finished' });
    expect(await wakeJobs(stack, handoverId)).toEqual([{ name: 'deliver-conversation', data: { v: 1, connectionId, conversationKey: handoverId } }]);

    const view = (await (await client.view(handoverId)).json()) as { status: string; endReason: string; endedAt: string };
    expect(view).toMatchObject({ status: 'ended', endReason: 'bot-finished', endedAt: expect.any(String) });

    // After the end: a resend of a stored message is still 200; anything new is 409, and nothing is stored.
    expect((await client.message(handoverId, text)).status).toBe(200);
    const late = await client.message(handoverId, { messageId: `m-${randomUUID()}`, text: 'late' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as ErrorBody).message).toMatch(/has ended/);
    expect((await client.typing(handoverId)).status).toBe(409);
    expect(await messageRows(stack, handoverId)).toHaveLength(6);

    // The conversation can be handed over again: a new handover; reusing the old first message id is a conflict.
    const reused = await client.start({ ...body });
    expect(reused.status).toBe(409);
    const restarted = await client.start({ ...body, firstMessage: { messageId: `first-${randomUUID()}`, text: 'again' } });
    expect(restarted.status).toBe(202);
    expect(((await restarted.json()) as { handoverId: string }).handoverId).not.toBe(handoverId);
  });

  it('refuses a messageId of another handover, unknown handovers, and handovers of another tenant', async () => {
    const { handoverId: one } = (await (await client.start(startBody())).json()) as { handoverId: string };
    const { handoverId: two } = (await (await client.start(startBody())).json()) as { handoverId: string };
    const shared = { messageId: `m-${randomUUID()}`, text: 'hi' };
    expect((await client.message(one, shared)).status).toBe(202);
    expect((await client.message(two, shared)).status).toBe(409);

    const tenantB = await createConnection(stack, 'tenant-b', [OTHER_TENANT_KEY]);
    const clientB = api(stack, tenantB, OTHER_TENANT_KEY);
    for (const id of [one, randomUUID(), 'not-a-uuid']) {
      for (const response of [await clientB.view(id), await clientB.message(id, { messageId: 'x', text: 'x' }), await clientB.typing(id), await clientB.end(id)]) {
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
      }
    }
    expect((await messageRows(stack, one)).map((row) => row.kind)).toEqual(['transcript', 'text', 'text']);
  });

  it('authenticates with the current or previous key (Bearer or x-api-key) and refuses anything else with 401, storing nothing', async () => {
    expect((await api(stack, connectionId, PREVIOUS_KEY).start(startBody())).status).toBe(202);
    expect((await api(stack, connectionId, null).start(startBody(), { 'x-api-key': KEY })).status).toBe(202);

    const before = [await countRows(stack.dataSource, 'handovers'), await countRows(stack.dataSource, 'messages')];
    const cases: [string, string | null, Record<string, string>][] = [
      ['no key', null, {}],
      ['a wrong key', 'wrong-key', {}],
      ['another tenant’s key', OTHER_TENANT_KEY, {}],
      ['a wrong x-api-key', null, { 'x-api-key': 'wrong-key' }],
      ['the key without Bearer', null, { authorization: KEY }],
      ['an empty Bearer', null, { authorization: 'Bearer ' }],
    ];
    for (const [name, key, headers] of cases) {
      const response = await api(stack, connectionId, key).start(startBody(), headers);
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
    // The credential is checked before the body: a bad body with a bad key is a 401, not a 400.
    expect((await api(stack, connectionId, 'wrong-key').start({ nonsense: true })).status).toBe(401);
    expect([await countRows(stack.dataSource, 'handovers'), await countRows(stack.dataSource, 'messages')]).toEqual(before);

    const keyless = await createConnection(stack, 'tenant-no-keys', null);
    const refused = await api(stack, keyless).start(startBody());
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as ErrorBody).message).toMatch(/no handover API key is configured/);
  });

  it('answers 404 to an unknown connection, also for an id that is not a uuid', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await api(stack, id).start(startBody());
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });

  it.each([
    ['unknown fields', { ...startBody(), botName: 'x', customer: { id: 'ada@example.com', idType: 'Email', age: 36 } }, ['botName', 'customer.age']],
    ['missing required fields', { queueName: 'Billing' }, ['conversationId', 'customer', 'firstMessage']],
    [
      'bad nested fields',
      startBody({ customer: { id: 'not-an-email', idType: 'Email' }, transcript: [{ from: 'agent', text: 'x' }], firstMessage: { messageId: 'm', text: '' } }),
      ['customer.id', 'transcript.0.from', 'firstMessage.text'],
    ],
    ['wrong types', startBody({ priority: 'high', skills: 'billing', sendProfile: 'yes', customAttributes: { n: 1 } }), ['skills', 'priority', 'customAttributes', 'sendProfile']],
    ['GenesysMetaData that is not a JSON object', startBody({ genesysMetaData: '{not json' }), ['genesysMetaData']],
  ])('refuses a start with %s: 400 naming each field, nothing stored', async (_name, body, paths) => {
    const before = [await countRows(stack.dataSource, 'handovers'), await countRows(stack.dataSource, 'messages')];
    const response = await client.start(body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as ErrorBody;
    expect(error).toMatchObject({ statusCode: 400, message: 'Request validation failed' });
    expect(error.errors?.map((problem) => problem.path)).toEqual(paths);
    expect([await countRows(stack.dataSource, 'handovers'), await countRows(stack.dataSource, 'messages')]).toEqual(before);
  });

  it('refuses malformed JSON, a body that is not an object, an over-deep body and bad messages with 400', async () => {
    expect((await client.start('{"conversationId":')).status).toBe(400);
    expect((await client.start('[1,2]')).status).toBe(400);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const tooDeep = await client.start(startBody({ genesysMetaData: deep }));
    expect(tooDeep.status).toBe(400);
    expect(((await tooDeep.json()) as ErrorBody).message).toMatch(/nested deeper/);

    const { handoverId } = (await (await client.start(startBody())).json()) as { handoverId: string };
    const bad: [unknown, string[]][] = [
      [{ messageId: 'm-empty' }, ['text']],
      [{ messageId: 'm-both', text: 'x', quickReply: { text: 'Yes', payload: 'Y', originatingMessageId: 'g' } }, ['quickReply']],
      [{ messageId: 'm-att', attachments: [{ url: 'not a url', mediaType: 'Picture' }] }, ['attachments.0.url', 'attachments.0.mediaType']],
      [{ text: 'no id', extra: true }, ['extra', 'messageId']],
    ];
    for (const [body, paths] of bad) {
      const response = await client.message(handoverId, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).errors?.map((problem) => problem.path)).toEqual(paths);
    }
    const badEnd = await client.end(handoverId, { reason: 'x'.repeat(65), why: 'unknown field' });
    expect(badEnd.status).toBe(400);
    expect(((await badEnd.json()) as ErrorBody).errors?.map((problem) => problem.path)).toEqual(['why', 'reason']);
    expect((await messageRows(stack, handoverId)).map((row) => row.kind)).toEqual(['transcript', 'text']);
  });

  it('refuses private, loopback and plain-http callback URLs unless the connection allows private callback URLs', async () => {
    const before = [await countRows(stack.dataSource, 'handovers'), await countRows(stack.dataSource, 'messages')];
    for (const callbackUrl of ['https://10.0.0.5/agent', 'https://127.0.0.1:8443/agent', 'https://[::1]/agent', 'https://localhost/agent', 'http://93.184.215.14/agent', 'not a url']) {
      const response = await client.start(startBody({ callbackUrl }));
      expect({ callbackUrl, status: response.status }).toEqual({ callbackUrl, status: 400 });
      const error = (await response.json()) as ErrorBody;
      expect(error.errors?.map((problem) => problem.path)).toEqual(['callbackUrl']);
    }
    expect([await countRows(stack.dataSource, 'handovers'), await countRows(stack.dataSource, 'messages')]).toEqual(before);

    const internal = await createConnection(stack, 'tenant-internal-bot', [KEY], { allowPrivateCallbackUrls: true });
    const response = await api(stack, internal).start(startBody({ callbackUrl: 'http://127.0.0.1:9/agent' }));
    expect(response.status).toBe(202);
    const [row] = await handoverRows(stack, internal);
    expect(JSON.parse(row.platform_context)).toEqual({ callbackUrl: 'http://127.0.0.1:9/agent' });
  });

  it('documents the API in OpenAPI under "handover API"', async () => {
    const document = (await (await fetch(`${stack.url}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const [path, method] of [
      ['/handovers/{connectionId}', 'post'],
      ['/handovers/{connectionId}/{handoverId}/messages', 'post'],
      ['/handovers/{connectionId}/{handoverId}/typing', 'post'],
      ['/handovers/{connectionId}/{handoverId}/end', 'post'],
      ['/handovers/{connectionId}/{handoverId}', 'get'],
    ]) {
      expect({ path, method, tags: document.paths[path]?.[method]?.tags }).toEqual({ path, method, tags: ['handover API'] });
    }
  });
});

describe('handover-gateway: generic handover API while Redis is down', () => {
  let redis: PrivateRedis;
  let redisStopped: Promise<void> | undefined;
  // PrivateRedis.stop() waits for an exit that already happened when called twice: stop it once.
  const stopRedis = () => (redisStopped ??= redis.stop());
  let stack: AppStack;
  let connectionId: string;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    stack = await startAppStack('handover-gateway', { REDIS_URL: redis.url }, { worker: false });
    connectionId = await createConnection(stack, 'tenant-outage', [KEY]);
  });

  afterAll(async () => {
    await stack?.stop();
    if (redis) await stopRedis();
  });

  it('still answers 202 with the rows committed (the outbox sweeper wakes them later)', async () => {
    await stopRedis();
    const client = api(stack, connectionId);
    const started = performance.now();
    const response = await client.start(startBody());
    expect(response.status).toBe(202);
    expect(performance.now() - started).toBeLessThan(3_000);
    const { handoverId } = (await response.json()) as { handoverId: string };
    expect((await messageRows(stack, handoverId)).map((row) => [row.sequence, row.status])).toEqual([
      [1, 'pending'],
      [2, 'pending'],
    ]);
    expect((await client.message(handoverId, { messageId: 'during-outage', text: 'hi' })).status).toBe(202);
    await waitFor(() => stack.http.output().includes('the to-genesys delivery wake-up could not be queued'), { what: 'the wake-up warning' });
  });
});
