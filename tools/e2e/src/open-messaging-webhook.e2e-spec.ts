import { createHmac, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { deliveryQueueName, QueueName } from '@genesys-bridge/queue-contracts';
import { startPrivateRedis, type PrivateRedis, waitFor } from '@genesys-bridge/testing';
import { type AppStack, countRows, startAppStack } from './support/app-stack';
import { deeplyNested, JsonFuzzer, jsonType, pathsOf, REMOVE, seededRandom, withValueAt } from './support/json-fuzz';

/**
 * Genesys Open Messaging → handover-gateway inbox, over real HTTP against the built process, a real
 * SQLite file and Redis: signature checks on the raw bytes, idempotent storage (Genesys retries up to
 * 5 times), validation with field paths, a fuzz loop, outages (503 without the database, 200 without
 * Redis), and the simulator's own signing path.
 */

const CURRENT_SECRET = 'current-webhook-secret-0123456789';
const NEXT_SECRET = 'next-webhook-secret-0123456789';

const hmac = (body: string | Buffer, secret: string, encoding: 'base64' | 'hex' = 'base64') => createHmac('sha256', secret).update(body).digest(encoding);
const signature = (body: string | Buffer, secret: string) => `sha256=${hmac(body, secret)}`;

interface MessageRow {
  id: string;
  provider_message_id: string;
  source: string;
  direction: string;
  conversation_key: string;
  sequence: number;
  kind: string;
  status: string;
  payload: string;
}

type TestMessage = Record<string, unknown> & { id: string };

/** An agent's text message as genesys-api.md §2.5 shows it. */
function agentText(overrides: Record<string, unknown> = {}): TestMessage {
  const id = randomUUID().replace(/-/g, '');
  return {
    id,
    channel: {
      id: '5d1e7a54-3c1d-4e4a-9d3b-0c8f0e3a9b11',
      platform: 'Open',
      type: 'Private',
      messageId: id,
      to: { id: 'user@example.com', idType: 'Opaque' },
      from: { nickname: 'bridge', id: '5d1e7a54-3c1d-4e4a-9d3b-0c8f0e3a9b11', idType: 'Opaque' },
      time: new Date().toISOString(),
    },
    conversationId: 'd06cb41e-7d5b-4a5e-9d7e-2f4f9e7b6a10',
    direction: 'Outbound',
    originatingEntity: 'Human',
    type: 'Text',
    text: 'Hello World',
    content: [],
    ...overrides,
  };
}

async function rowsWhere(stack: AppStack, where: string, parameters: unknown[] = []): Promise<MessageRow[]> {
  return stack.dataSource.query(`SELECT * FROM messages WHERE ${where} ORDER BY sequence`, parameters);
}

function webhookClient(stack: AppStack, connectionId: string) {
  const url = `${stack.url}/genesys/open-messaging/${connectionId}/webhook`;
  return {
    url,
    /** POSTs exactly `body` (a string is sent as is), signed with `secret` unless `headers` say otherwise. */
    post: (body: string | object, { secret = CURRENT_SECRET as string | null, headers = {} as Record<string, string>, to = url } = {}) => {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const signed: Record<string, string> = secret === null ? {} : { 'x-hub-signature-256': signature(raw, secret) };
      return fetch(to, { method: 'POST', headers: { 'content-type': 'application/json', ...signed, ...headers }, body: raw });
    },
  };
}

describe('handover-gateway: Open Messaging webhook', () => {
  let stack: AppStack;
  let connectionId: string;
  let client: ReturnType<typeof webhookClient>;

  beforeAll(async () => {
    stack = await startAppStack('handover-gateway', {}, { worker: false });
    connectionId = (await stack.connections.create({ name: 'tenant-a', genesysRegion: 'eu-west-1', genesysClientId: 'c', genesysClientSecret: 's', botPlatform: 'generic', botPlatformSettings: {}, webhookSecret: CURRENT_SECRET })).id;
    client = webhookClient(stack, connectionId);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('stores a signed message once as a pending to-bot row, answers 200 {} at once, and wakes its delivery', async () => {
    const conversationId = randomUUID();
    const message = agentText({ conversationId });
    const started = performance.now();
    const response = await client.post(message);
    const elapsedMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(elapsedMs).toBeLessThan(1_000); // first call of a cold process; typically a few ms

    const [row, ...others] = await rowsWhere(stack, 'connection_id = ? AND conversation_key = ?', [connectionId, conversationId]);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({ source: 'genesys', provider_message_id: message.id, direction: 'to-bot', conversation_key: conversationId, sequence: 1, kind: 'text', status: 'pending' });
    expect(JSON.parse(row.payload)).toEqual(message);

    // Genesys retries (same bytes, same signature): 200 again, nothing new.
    for (let retry = 0; retry < 5; retry++) expect((await client.post(message)).status).toBe(200);
    expect(await rowsWhere(stack, 'connection_id = ? AND conversation_key = ?', [connectionId, conversationId])).toHaveLength(1);

    const second = agentText({ conversationId, text: 'second' });
    expect((await client.post(second)).status).toBe(200);
    const rows = await rowsWhere(stack, 'connection_id = ? AND conversation_key = ?', [connectionId, conversationId]);
    expect(rows.map((stored) => [stored.provider_message_id, stored.sequence])).toEqual([[message.id, 1], [second.id, 2]]);

    const queue = new Queue(deliveryQueueName(QueueName.ToBot, conversationId), { connection: { url: stack.env.REDIS_URL }, prefix: stack.env.QUEUE_PREFIX });
    try {
      const [job] = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
      expect(job?.data).toEqual({ v: 1, connectionId, conversationKey: conversationId });
    } finally {
      await queue.close();
    }
  });

  it('drops unknown fields, keeps typing events and receipts by kind, and keys a message without conversationId by its customer', async () => {
    const conversationId = randomUUID();
    const withExtras = { ...agentText({ conversationId }), addedByGenesysLater: { x: 1 } };
    expect((await client.post(withExtras)).status).toBe(200);
    const { addedByGenesysLater: _, ...expected } = withExtras;
    const [stored] = await rowsWhere(stack, 'provider_message_id = ?', [withExtras.id]);
    expect(JSON.parse(stored.payload)).toEqual(expected);

    const { originatingEntity: _o, text: _t, content: _c, ...envelope } = agentText({ conversationId });
    expect((await client.post({ ...envelope, type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }] })).status).toBe(200);
    // Two receipts for one message (Delivered, then Read) are two rows; a retry of either is not.
    const receipt = { ...envelope, id: 'acknowledged-message-1', type: 'Receipt', status: 'Delivered', isFinalReceipt: false };
    for (const body of [receipt, receipt, { ...receipt, status: 'Read', isFinalReceipt: true }]) expect((await client.post(body)).status).toBe(200);
    const kinds = (await rowsWhere(stack, 'conversation_key = ?', [conversationId])).map((row) => [row.kind, row.provider_message_id]);
    expect(kinds).toEqual([
      ['text', withExtras.id],
      ['typing', envelope.id],
      ['receipt', 'acknowledged-message-1#receipt:Delivered'],
      ['receipt', 'acknowledged-message-1#receipt:Read'],
    ]);

    const customer = `customer-${randomUUID()}@example.com`;
    const { conversationId: _id, ...withoutConversation } = agentText();
    const addressed: TestMessage = { ...withoutConversation, channel: { ...(withoutConversation.channel as object), to: { id: customer, idType: 'Email' } } };
    expect((await client.post(addressed)).status).toBe(200);
    expect(await rowsWhere(stack, 'conversation_key = ?', [customer])).toMatchObject([{ provider_message_id: addressed.id, sequence: 1 }]);
  });

  it('accepts the previous secret during a rotation and refuses every other signature with 401, storing nothing', async () => {
    const rotating = (await stack.connections.create({ name: 'tenant-rotating', genesysRegion: 'eu-west-1', genesysClientId: 'c', genesysClientSecret: 's', botPlatform: 'generic', botPlatformSettings: {}, webhookSecret: CURRENT_SECRET })).id;
    const rotatingClient = webhookClient(stack, rotating);
    await stack.connections.rotateWebhookSecret(rotating, NEXT_SECRET);
    for (const secret of [NEXT_SECRET, CURRENT_SECRET]) expect((await rotatingClient.post(agentText(), { secret })).status).toBe(200);
    expect(await rowsWhere(stack, 'connection_id = ?', [rotating])).toHaveLength(2);

    const message = agentText();
    const raw = JSON.stringify(message);
    const cases: [string, Record<string, string>, string | null][] = [
      ['another secret', {}, 'another-secret-0123456789'],
      ['a hex-encoded HMAC', { 'x-hub-signature-256': `sha256=${hmac(raw, NEXT_SECRET, 'hex')}` }, null],
      ['an HMAC over re-serialised JSON', { 'x-hub-signature-256': signature(JSON.stringify(message, null, 2), NEXT_SECRET) }, null],
      ['an HMAC of another tenant', {}, 'tenant-b-secret-0123456789'],
      ['no signature header', {}, null],
      ['an empty signature', { 'x-hub-signature-256': 'sha256=' }, null],
    ];
    for (const [name, headers, secret] of cases) {
      const response = await rotatingClient.post(raw, { secret, headers });
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expect(await response.json()).toMatchObject({ statusCode: 401, message: 'missing or invalid x-hub-signature-256 signature' });
    }
    expect(await rowsWhere(stack, 'provider_message_id = ?', [message.id])).toHaveLength(0);

    await stack.connections.clearPreviousWebhookSecret(rotating);
    expect((await rotatingClient.post(agentText(), { secret: CURRENT_SECRET })).status).toBe(401);
  });

  it('refuses every call, saying why, to a connection without a webhook secret', async () => {
    const unconfigured = (await stack.connections.create({ name: 'tenant-no-secret', genesysRegion: 'eu-west-1', genesysClientId: 'c', genesysClientSecret: 's', botPlatform: 'generic', botPlatformSettings: {} })).id;
    const response = await webhookClient(stack, unconfigured).post(agentText(), { secret: '' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toMatch(/no webhook secret is configured/);
    expect(await rowsWhere(stack, 'connection_id = ?', [unconfigured])).toHaveLength(0);
  });

  it('answers 404 to an unknown connection, also for an id that is not a uuid', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await client.post(agentText(), { to: `${stack.url}/genesys/open-messaging/${id}/webhook` });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });

  it.each([
    ['malformed JSON', '{"id": "m1", "channel":', /json/i, []],
    ['a missing id', (({ id: _, ...rest }) => rest)(agentText()), /Request validation failed/, ['id']],
    ['a bad channel', agentText({ channel: { id: 'integration', platform: 'Open', type: 'Private', to: { idType: 'Opaque' }, time: 'yesterday' } }), /Request validation failed/, ['channel.to.id', 'channel.time']],
    ['a channel that is not an object', agentText({ channel: 'Open' }), /Request validation failed/, ['channel']],
    ['an unknown type and originatingEntity', agentText({ type: 'Hologram', originatingEntity: 'Martian' }), /Request validation failed/, ['type', 'originatingEntity']],
    ['an array body', '[1,2,3]', /JSON object/, []],
  ])('refuses %s with 400 and the field paths, storing nothing', async (_case, body, message, paths) => {
    const before = await countRows(stack.dataSource, 'messages');
    const response = await client.post(body as string | object);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { message: string; errors?: { path: string }[] };
    expect(error.message).toMatch(message);
    expect((error.errors ?? []).map((problem) => problem.path)).toEqual(expect.arrayContaining(paths as string[]));
    expect(await countRows(stack.dataSource, 'messages')).toBe(before);
  });

  it('survives 200 seeded random bodies, each correctly signed: only 4xx or 200, and rows only for the 200s', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20_261_121);
    const fuzz = new JsonFuzzer(seededRandom(seed));
    const before = await countRows(stack.dataSource, 'messages');
    const outcomes: { index: number; kind: string; status: number; bytes: number }[] = [];
    for (let index = 0; index < 200; index++) {
      const [kind, body] = fuzzBody(fuzz, `fuzz-${seed}-${index}`);
      const response = await client.post(body);
      await response.arrayBuffer();
      outcomes.push({ index, kind, status: response.status, bytes: Buffer.byteLength(body) });
    }
    const unexpected = outcomes.filter((outcome) => outcome.status !== 200 && (outcome.status < 400 || outcome.status > 499));
    expect({ seed, unexpected }).toEqual({ seed, unexpected: [] });
    const accepted = outcomes.filter((outcome) => outcome.status === 200).length;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(200);
    expect(await countRows(stack.dataSource, 'messages')).toBe(before + accepted);
    expect((await fetch(`${stack.url}/health/live`)).status).toBe(200);
    expect((await client.post(agentText())).status).toBe(200);
  });

  it('publishes the endpoint in OpenAPI with its parameter, header, body and responses', async () => {
    const openApi = (await (await fetch(`${stack.url}/docs/openapi.json`)).json()) as {
      paths: Record<string, { post: { parameters: { name: string; in: string }[]; requestBody: unknown; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    };
    const operation = openApi.paths['/genesys/open-messaging/{connectionId}/webhook'].post;
    expect(operation.parameters.map((parameter) => [parameter.in, parameter.name])).toEqual(expect.arrayContaining([['path', 'connectionId'], ['header', 'x-hub-signature-256']]));
    expect(JSON.stringify(operation.requestBody)).toContain('OutboundOpenMessageDto');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '503']));
    expect(Object.keys(openApi.components.schemas)).toEqual(expect.arrayContaining(['OutboundOpenMessageDto', 'OpenMessagingChannelDto']));
  });

  it('keeps webhook secrets and signatures out of the logs', async () => {
    const output = stack.http.output();
    expect(output).toContain('"url":"/genesys/open-messaging/');
    for (const secret of [CURRENT_SECRET, NEXT_SECRET]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/sha256=[A-Za-z0-9+/]{20,}/);
  });
});

/** One fuzz case: a label (for the failure report) and the exact body text. */
function fuzzBody(fuzz: JsonFuzzer, id: string): [string, string] {
  const valid = agentText({ id });
  switch (fuzz.int(8)) {
    case 0:
      return ['random JSON value', JSON.stringify(fuzz.value(4)) ?? 'null'];
    case 1: {
      const text = JSON.stringify(valid);
      return ['truncated JSON', text.slice(0, fuzz.int(text.length))];
    }
    case 2: {
      const depth = 33 + fuzz.int(20_000);
      const nested = deeplyNested(depth, fuzz.random() < 0.5 ? 'object' : 'array');
      const where = fuzz.int(3);
      if (where === 0) return [`deep nesting (${depth}) as the body`, nested];
      const text = JSON.stringify(where === 1 ? { ...valid, extra: '__DEEP__' } : { ...valid, content: [{ contentType: 'Card', card: { nested: '__DEEP__' } }] });
      return [`deep nesting (${depth}) inside a message`, text.replace('"__DEEP__"', nested)];
    }
    case 3: {
      const size = 10_000 + fuzz.int(900_000);
      const field = fuzz.pick(['text', 'id', 'conversationId', 'channel.to.id', 'unknown']);
      const huge = 'x'.repeat(size);
      if (field === 'channel.to.id') return [`huge ${field}`, JSON.stringify(withValueAt(valid, ['channel', 'to', 'id'], huge))];
      return [`huge ${field}`, JSON.stringify({ ...valid, [field]: huge })];
    }
    case 4: {
      const paths = pathsOf(valid);
      const path = fuzz.pick(paths);
      const original = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], valid);
      return [`wrong type at ${path.join('.')} (${jsonType(original)})`, JSON.stringify(withValueAt(valid, path, fuzz.wrongType(original)))];
    }
    case 5: {
      const path = fuzz.pick(pathsOf(valid));
      return [`without ${path.join('.')}`, JSON.stringify(withValueAt(valid, path, REMOVE))];
    }
    case 6: {
      const path = fuzz.pick(pathsOf(valid).filter((candidate) => candidate[candidate.length - 1] !== 'id'));
      return [`odd string at ${path.join('.')}`, JSON.stringify(withValueAt(valid, path, fuzz.string(200)))];
    }
    default: {
      const extras = Object.fromEntries(Array.from({ length: 1 + fuzz.int(4) }, () => [fuzz.key(), fuzz.value(3)]));
      return ['valid with random extra fields', JSON.stringify({ ...extras, ...valid })];
    }
  }
}

describe('handover-gateway: Open Messaging webhook during outages', () => {
  let redis: PrivateRedis;
  let redisStopped: Promise<void> | undefined;
  // PrivateRedis.stop() waits for an exit that already happened when called twice: stop it once.
  const stopRedis = () => (redisStopped ??= redis.stop());
  let stack: AppStack;
  let connectionId: string;
  let client: ReturnType<typeof webhookClient>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    stack = await startAppStack('handover-gateway', { REDIS_URL: redis.url }, { worker: false });
    connectionId = (await stack.connections.create({ name: 'tenant-outage', genesysRegion: 'eu-west-1', genesysClientId: 'c', genesysClientSecret: 's', botPlatform: 'generic', botPlatformSettings: {}, webhookSecret: CURRENT_SECRET })).id;
    client = webhookClient(stack, connectionId);
  });

  afterAll(async () => {
    await stack?.stop();
    if (redis) await stopRedis();
  });

  it('still answers 200 with the row committed when Redis is down (the sweeper wakes it later)', async () => {
    expect((await client.post(agentText())).status).toBe(200);
    await stopRedis();
    for (let attempt = 0; attempt < 3; attempt++) {
      const message = agentText();
      const started = performance.now();
      const response = await client.post(message);
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(await rowsWhere(stack, 'provider_message_id = ?', [message.id])).toMatchObject([{ status: 'pending' }]);
    }
    await waitFor(() => stack.http.output().includes('the to-bot delivery wake-up could not be queued'), { what: 'the wake-up warning' });
  });

  it('answers 503 (never 200) when the database cannot take the message, and keeps serving', async () => {
    await stack.dataSource.query('DROP TABLE messages');
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await client.post(agentText());
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ statusCode: 503, message: 'the message could not be stored; retry later' });
    }
    expect((await fetch(`${stack.url}/health/live`)).status).toBe(200);
  });
});

describe('handover-gateway: Open Messaging webhook from the Genesys simulator', () => {
  const SIM_SECRET = 'sim-integration-secret-0123456789';
  const CLIENT = { clientId: 'bridge-client', clientSecret: 'bridge-client-secret' };
  let stack: AppStack;
  let sim: GenesysSim;
  let connectionId: string;

  beforeAll(async () => {
    [stack, sim] = await Promise.all([
      startAppStack('handover-gateway', {}, { worker: false }),
      createGenesysSim({ clients: [CLIENT], webhook: { timeoutMs: 2_000, retryIntervalMs: 50, deliverReceipts: true } }),
    ]);
    connectionId = (await stack.connections.create({ name: 'sim-org', genesysRegion: 'eu-west-1', genesysApiBaseUrl: sim.url, genesysLoginBaseUrl: sim.url, genesysClientId: CLIENT.clientId, genesysClientSecret: CLIENT.clientSecret, botPlatform: 'generic', botPlatformSettings: {}, webhookSecret: SIM_SECRET })).id;
  });

  afterAll(async () => {
    await sim?.close();
    await stack?.stop();
  });

  /** What the middleware does at handover start: an inbound message that opens a Genesys conversation. */
  async function openConversation(integrationId: string, customer: string): Promise<{ conversationId: string; inboundId: string }> {
    const token = (await (
      await fetch(`${sim.url}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const response = await fetch(`${sim.url}/api/v2/conversations/messages/${integrationId}/inbound/open/message?prefetchConversationId=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: { messageId: randomUUID(), time: new Date().toISOString(), from: { id: customer, idType: 'Email', nickname: 'Guest' } }, text: 'I need a human' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; conversationId: string };
    return { conversationId: body.conversationId, inboundId: body.id };
  }

  it('stores what a Genesys agent sends, signed by the simulator, once even when Genesys posts it twice', async () => {
    const integration = sim.addIntegration({
      name: 'bridge',
      outboundNotificationWebhookUrl: `${stack.url}/genesys/open-messaging/${connectionId}/webhook`,
      outboundNotificationWebhookSignatureSecretToken: SIM_SECRET,
      outboundTypingEnabled: true,
    });
    const customer = 'customer@example.com';
    const { conversationId, inboundId } = await openConversation(integration.id, customer);
    const agent = sim.agent(conversationId);
    agent.join({ name: 'Ann' });
    agent.startTyping(3_000);
    sim.options.faults.webhookDuplicate = { next: 1, probability: 0 };
    const hello = agent.sendText('Hi, Ann here. How can I help?');
    const quick = agent.sendQuickReplies('Is it about billing?', ['Yes', 'No']);
    await sim.idle();

    const deliveries = sim.state.webhookDeliveries;
    expect(deliveries.length).toBeGreaterThanOrEqual(5);
    expect(deliveries.filter((delivery) => delivery.status !== 'delivered')).toEqual([]);
    expect(deliveries.filter((delivery) => delivery.duplicateOf)).toHaveLength(1);

    const rows = await rowsWhere(stack, 'connection_id = ? AND conversation_key = ?', [connectionId, conversationId]);
    expect(rows.map((row) => [row.kind, row.provider_message_id, row.sequence, row.status])).toEqual([
      ['receipt', `${inboundId}#receipt:Delivered`, 1, 'pending'],
      ['typing', expect.any(String), 2, 'pending'],
      ['text', hello.id, 3, 'pending'],
      ['structured', quick.id, 4, 'pending'],
    ]);
    expect(JSON.parse(rows[2].payload)).toEqual(hello.payload);
    expect(JSON.parse(rows[3].payload)).toMatchObject({ type: 'Structured', originatingEntity: 'Human', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'Yes' } }, { contentType: 'QuickReply' }] });

    // UNCONFIRMED variants the simulator can play: no conversationId (keyed by the customer), no `sha256=` prefix.
    sim.options.webhook.includeConversationId = false;
    sim.options.webhook.signaturePrefix = '';
    const bare = agent.sendText('Still there?');
    await sim.idle();
    expect(sim.state.webhookDeliveries.at(-1)).toMatchObject({ messageId: bare.id, status: 'delivered' });
    expect(await rowsWhere(stack, 'connection_id = ? AND conversation_key = ?', [connectionId, customer])).toMatchObject([{ provider_message_id: bare.id, kind: 'text' }]);
  });
});
