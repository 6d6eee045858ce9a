import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createTestDatabase, DIALECTS, type TestDatabase } from '@genesys-bridge/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source.factory';
import { pendingMigrations, runMigrations } from './migration-runner';
import { BotConnectorRepository } from './repositories/bot-connector.repository';
import { BotSessionRepository } from './repositories/bot-session.repository';
import { BotTurnRepository } from './repositories/bot-turn.repository';
import { ConnectionRepository, type NewConnection } from './repositories/connection.repository';
import { HandoverRepository } from './repositories/handover.repository';
import { MessageRepository, type NewMessage } from './repositories/message.repository';

const CLIENT_SECRET = 'genesys-client-secret-VALUE-123';
const WEBHOOK_SECRET = 'webhook-signature-secret-456';
const PLATFORM_KEY = 'cognigy-api-key-789';

const newConnection = (name = 'acme'): NewConnection => ({
  name,
  genesysRegion: 'eu-west-1',
  genesysClientId: 'client-id',
  genesysClientSecret: CLIENT_SECRET,
  webhookSecret: WEBHOOK_SECRET,
  botPlatform: 'cognigy',
  botPlatformSettings: { endpointUrl: 'https://bots.example/endpoint' },
  botPlatformSecrets: { apiKey: PLATFORM_KEY },
});

describe.each(DIALECTS)('persistence on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const activeKey = generateKeyringEntry('k1');
  let connections: ConnectionRepository;
  let messages: MessageRepository;
  const log: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataSource = await createDataSource(database.settings).initialize();
    expect(await pendingMigrations(dataSource)).toEqual(['InitialSchema1763700000000', 'BotConnector1763800000000', 'Handovers1763900000000', 'TenantRegistry1764000000000', 'EndDetection1764100000000']);
    await runMigrations(dataSource, (line) => log.push(line));
    connections = new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(activeKey)));
    messages = new MessageRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('migrates with a progress line per step and leaves nothing pending', async () => {
    expect(log).toEqual([
      `migrate: 5 pending migration(s) on ${dialect}`,
      'migrate: applied InitialSchema1763700000000',
      'migrate: applied BotConnector1763800000000',
      'migrate: applied Handovers1763900000000',
      'migrate: applied TenantRegistry1764000000000',
      'migrate: applied EndDetection1764100000000',
      'migrate: schema is up to date',
    ]);
    expect(await pendingMigrations(dataSource)).toEqual([]);
    expect((await runMigrations(dataSource, () => undefined)).applied).toEqual([]);
  });

  it("leaves exactly the schema the entities describe (no drift between the dialects' migrations and the entities)", async () => {
    const diff = await dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('stores ciphertext, not secrets, and decrypts them for the code that needs them', async () => {
    const created = await connections.create(newConnection());
    expect(JSON.stringify(created)).not.toMatch(/secret-VALUE|webhook-signature|api-key/);

    const [row] = await dataSource.query(`SELECT * FROM connections WHERE id = '${created.id}'`);
    const stored = JSON.stringify(row);
    for (const secret of [CLIENT_SECRET, WEBHOOK_SECRET, PLATFORM_KEY]) expect(stored).not.toContain(secret);
    expect(row.genesys_client_secret).toMatch(/^gbs1\.k1\./);

    expect(await connections.readSecrets(created.id)).toEqual({
      genesysClientSecret: CLIENT_SECRET,
      webhookSecret: WEBHOOK_SECRET,
      webhookSecretPrevious: null,
      botPlatformSecrets: { apiKey: PLATFORM_KEY },
    });
  });

  it('binds each ciphertext to its row and column', async () => {
    const a = await connections.create(newConnection('row-a'));
    const b = await connections.create(newConnection('row-b'));
    const [rowA] = await dataSource.query(`SELECT genesys_client_secret FROM connections WHERE id = '${a.id}'`);
    await dataSource.query(`UPDATE connections SET genesys_client_secret = '${rowA.genesys_client_secret}' WHERE id = '${b.id}'`);
    await expect(connections.readSecrets(b.id)).rejects.toThrow(/could not be decrypted/);
    await dataSource.query(`DELETE FROM connections WHERE id = '${b.id}'`);
  });

  it('rotates the webhook secret keeping the previous one, and re-encrypts after a key rotation', async () => {
    const created = await connections.create(newConnection('rotating'));
    await connections.rotateWebhookSecret(created.id, 'next-webhook-secret-000');
    expect(await connections.readSecrets(created.id)).toMatchObject({ webhookSecret: 'next-webhook-secret-000', webhookSecretPrevious: WEBHOOK_SECRET });

    const rotated = new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(`${generateKeyringEntry('k2')},${activeKey}`)));
    const progress: string[] = [];
    expect(await rotated.reencryptAll((done, total) => progress.push(`${done}/${total}`))).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatch(/^(\d+)\/\1$/);
    const [row] = await dataSource.query(`SELECT genesys_client_secret, webhook_secret, webhook_secret_previous FROM connections WHERE id = '${created.id}'`);
    for (const value of Object.values(row)) expect(String(value)).toMatch(/^gbs1\.k2\./);
    expect((await rotated.readSecrets(created.id)).webhookSecret).toBe('next-webhook-secret-000');
  });

  describe('messages', () => {
    let connectionId: string;
    const message = (providerMessageId: string, conversationKey = 'conv-1'): NewMessage => ({
      connectionId,
      source: 'genesys',
      providerMessageId,
      direction: 'to-bot',
      conversationKey,
      kind: 'text',
      payload: { text: `hello ${providerMessageId}` },
    });

    beforeAll(async () => {
      connectionId = (await connections.create(newConnection('messages'))).id;
    });

    it('absorbs retries and replays: the same provider message id is stored once', async () => {
      const first = await messages.append(message('gen-1'));
      const retry = await messages.append(message('gen-1'));
      expect(first.created).toBe(true);
      expect(retry.created).toBe(false);
      expect(retry.message.id).toBe(first.message.id);
      const [{ count }] = await dataSource.query(`SELECT COUNT(*) AS count FROM messages WHERE provider_message_id = 'gen-1'`);
      expect(Number(count)).toBe(1);
    });

    it('numbers a conversation gap-free under concurrent appends with duplicates, per conversation', async () => {
      const ids = Array.from({ length: 30 }, (_, i) => `burst-${i}`);
      const results = await Promise.all([...ids, ...ids.slice(0, 10)].map((id) => messages.append(message(id, 'conv-burst'))));
      expect(results.filter((result) => result.created)).toHaveLength(30);
      const stored = await messages.pendingInConversation(connectionId, 'to-bot', 'conv-burst');
      expect(stored.map((row) => row.sequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      // A drain of the other direction never sees them, whatever the key.
      expect(await messages.pendingInConversation(connectionId, 'to-genesys', 'conv-burst')).toEqual([]);
      expect((await messages.append(message('other-1', 'conv-other'))).message.sequence).toBe(1);
    });

    it('moves a message to delivered once, and purges finished messages after retention', async () => {
      const { message: row } = await messages.append(message('deliver-1', 'conv-deliver'));
      await messages.recordAttempt(row.id, 'HTTP 503');
      await messages.markDelivered(row.id);
      await messages.markFailed(row.id, 'too late'); // only pending rows change state
      const stored = await messages.findById(row.id);
      expect(stored).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
      expect(stored?.deliveredAt).toBeInstanceOf(Date);

      expect(await messages.purgeFinished(new Date(Date.now() - 60_000))).toBe(0);
      expect(await messages.purgeFinished(new Date(Date.now() + 60_000))).toBe(1);
      expect(await messages.findById(row.id)).toBeNull();
      expect((await messages.append(message('deliver-2', 'conv-deliver'))).message.sequence).toBe(2);
    });

    it('finds pending messages left behind for the sweeper', async () => {
      const { message: row } = await messages.append(message('stale-1', 'conv-stale'));
      expect((await messages.stalePending(new Date(Date.now() + 60_000))).map((m) => m.id)).toContain(row.id);
      expect((await messages.stalePending(new Date(Date.now() - 60_000))).map((m) => m.id)).not.toContain(row.id);
    });
  });

  describe('bot connectors, sessions and turns', () => {
    let connectorId: string;
    const VERIFY_TOKEN = 'verify-token-value-0001';

    beforeAll(async () => {
      const connection = await connections.create(newConnection('bot-connector-org'));
      const connector = await new BotConnectorRepository(dataSource, new SecretCipher(parseKeyring(activeKey))).create({
        connectionId: connection.id,
        name: 'cognigy-sales',
        settings: { platform: 'cognigy', timeBudgetMs: 7000 },
        secrets: { verifyToken: VERIFY_TOKEN },
      });
      connectorId = connector.id;
    });

    it('stores connector secrets sealed and settings readable', async () => {
      const repository = new BotConnectorRepository(dataSource, new SecretCipher(parseKeyring(activeKey)));
      const [row] = await dataSource.query(`SELECT * FROM bot_connectors WHERE id = '${connectorId}'`);
      expect(JSON.stringify(row)).not.toContain(VERIFY_TOKEN);
      expect((await repository.findById(connectorId))?.settings).toEqual({ platform: 'cognigy', timeBudgetMs: 7000 });
      expect(await repository.readSecrets(connectorId)).toEqual({ verifyToken: VERIFY_TOKEN });
    });

    it('keeps a platform session while turns keep coming and starts a new one after expiry', async () => {
      const sessions = new BotSessionRepository(dataSource);
      const t0 = new Date('2026-01-01T10:00:00Z');
      const first = await sessions.touch({ connectorId, botSessionId: 'gen-session-1', timeoutMinutes: 60, now: t0 });
      const again = await sessions.touch({ connectorId, botSessionId: 'gen-session-1', timeoutMinutes: 60, now: new Date(t0.getTime() + 59 * 60_000) });
      await sessions.saveTurnState(connectorId, 'gen-session-1', { expiresAt: again.session.expiresAt }); // the turn's write
      expect((await sessions.touch({ connectorId, botSessionId: 'gen-session-1', timeoutMinutes: 60, now: new Date(t0.getTime() + 118 * 60_000) })).isNew).toBe(false);
      const late = await sessions.touch({ connectorId, botSessionId: 'gen-session-1', timeoutMinutes: 60, now: new Date(t0.getTime() + 240 * 60_000) });
      expect(first.isNew).toBe(true);
      expect(again).toMatchObject({ isNew: false, session: { platformSessionId: first.session.platformSessionId } });
      expect(late.isNew).toBe(true);
      expect(late.session.platformSessionId).not.toBe(first.session.platformSessionId);
      await sessions.saveTurnState(connectorId, 'gen-session-1', { lastIntent: 'Escalate', intentStreak: 2, lastSlots: '{}', lastOptions: [{ number: 1, title: 'Yes', payload: 'yes' }] });
      const stored = await sessions.touch({ connectorId, botSessionId: 'gen-session-1', timeoutMinutes: 60, now: new Date(t0.getTime() + 241 * 60_000) });
      expect(stored.session).toMatchObject({ lastIntent: 'Escalate', intentStreak: 2, lastOptions: [{ number: 1, title: 'Yes', payload: 'yes' }] });
      expect(await sessions.purgeExpired(new Date(t0.getTime() + 1_000 * 60_000))).toBe(1);
    });

    it('claims a messageId once; the repeat sees the stored answer', async () => {
      const turns = new BotTurnRepository(dataSource);
      const request = { messageId: 'msg-1', inputMessage: { type: 'Text', text: 'hi' } };
      const first = await turns.claim({ connectorId, messageId: 'msg-1', botSessionId: 's', apiVersion: 'v1', request });
      await turns.answer(connectorId, 'msg-1', { botState: 'MoreData', replyMessages: [] });
      const repeat = await turns.claim({ connectorId, messageId: 'msg-1', botSessionId: 's', apiVersion: 'v1', request });
      expect(first.created).toBe(true);
      expect(repeat).toMatchObject({ created: false, turn: { status: 'answered', response: { botState: 'MoreData', replyMessages: [] }, request } });
    });
  });

  describe('handovers', () => {
    let connectionId: string;
    const newHandover = (platformConversationId: string) => ({
      connectionId,
      platform: 'generic',
      platformConversationId,
      platformContext: { callbackUrl: 'https://bot.example/agent-messages' },
      customer: { id: 'user-1', idType: 'Opaque' },
      attributes: { QueueName: 'Billing' },
    });
    const opening = (id: string) => ({ source: 'generic', providerMessageId: id, kind: 'text', payload: { text: 'I need help' } });

    beforeAll(async () => {
      connectionId = (await connections.create(newConnection('handover-org'))).id;
    });

    it('stores a handover and its first messages together, in order, keyed by the handover', async () => {
      const handovers = new HandoverRepository(dataSource);
      const started = await handovers.start(newHandover('conv-a'), [opening('a-transcript'), opening('a-first')]);
      expect(started.created).toBe(true);
      expect(started.handover.status).toBe('starting');
      expect(started.messages.map((m) => [m.conversationKey, m.direction, m.sequence])).toEqual([
        [started.handover.id, 'to-genesys', 1],
        [started.handover.id, 'to-genesys', 2],
      ]);
      const again = await handovers.start(newHandover('conv-a'), [opening('a-transcript-2')]);
      expect(again).toMatchObject({ created: false, handover: { id: started.handover.id }, messages: [] });
      expect(await messages.findById(started.messages[0].id)).not.toBeNull();
    });

    it('writes nothing when a first message cannot be stored', async () => {
      const handovers = new HandoverRepository(dataSource);
      await messages.append({ connectionId, source: 'generic', providerMessageId: 'taken-id', direction: 'to-genesys', conversationKey: 'other', kind: 'text', payload: {} });
      await expect(handovers.start(newHandover('conv-b'), [opening('b-ok'), opening('taken-id')])).rejects.toThrow();
      expect(await handovers.findOpen(connectionId, 'generic', 'conv-b')).toBeNull();
      const [{ count }] = await dataSource.query(`SELECT COUNT(*) AS count FROM messages WHERE provider_message_id = 'b-ok'`);
      expect(Number(count)).toBe(0);
    });

    it('attaches the Genesys conversation, ends once, and lets the platform conversation hand over again', async () => {
      const handovers = new HandoverRepository(dataSource);
      const { handover } = await handovers.start(newHandover('conv-c'), [opening('c-first')]);
      await handovers.attachGenesysConversation(handover.id, 'genesys-conv-c');
      expect(await handovers.findByGenesysConversation(connectionId, 'genesys-conv-c')).toMatchObject({ id: handover.id, status: 'active' });
      expect(await handovers.end(handover.id, 'user-left')).toBe(true);
      expect(await handovers.end(handover.id, 'agent-left')).toBe(false);
      expect(await handovers.findById(handover.id)).toMatchObject({ status: 'ended', endReason: 'user-left' });
      const next = await handovers.start(newHandover('conv-c'), [opening('c-second')]);
      expect(next.created).toBe(true);
      expect(next.handover.id).not.toBe(handover.id);
    });

    it('remembers when end detection last heard of a conversation, and finds the quiet active ones, quietest first', async () => {
      const handovers = new HandoverRepository(dataSource);
      const started = await Promise.all(['conv-q1', 'conv-q2', 'conv-q3'].map((id) => handovers.start(newHandover(id), [opening(`${id}-first`)])));
      const [q1, q2, q3] = started.map((result) => result.handover.id);
      const before = Date.now();
      for (const [index, id] of [q1, q2, q3].entries()) await handovers.attachGenesysConversation(id, `genesys-conv-q${index + 1}`);
      expect((await handovers.findById(q1))?.lastSignalAt?.getTime()).toBeGreaterThanOrEqual(before - 1_000);
      await handovers.noteSignal([q2], new Date(before - 60_000));
      await handovers.noteSignal([q1], new Date(before - 30_000));
      const quiet = await handovers.quietActive(new Date(before - 10_000), 10);
      expect(quiet.map((handover) => handover.id).filter((id) => [q1, q2, q3].includes(id))).toEqual([q2, q1]);
      expect((await handovers.quietActive(new Date(before - 10_000), 1)).map((handover) => handover.id)).toEqual([q2]);
      await handovers.end(q2, 'agent-ended');
      await handovers.noteSignal([q2], new Date(before - 90_000));
      expect((await handovers.findById(q2))?.lastSignalAt?.getTime()).toBe(before - 60_000);
      expect((await handovers.quietActive(new Date(before - 10_000), 10)).map((handover) => handover.id)).not.toContain(q2);
    });
  });
});
