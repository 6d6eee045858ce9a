import { randomUUID } from 'node:crypto';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createTestDatabase, DIALECTS, type TestDatabase } from '@genesys-bridge/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.factory';
import { type MessageDirection, MessageEntity } from '../entities';
import { runMigrations } from '../migration-runner';
import { ConnectionRepository } from './connection.repository';
import { MessageRepository } from './message.repository';

/** The dead-letter view and replay of MessageRepository on both dialects: paging, filters, tenant isolation, replay. */
describe.each(DIALECTS)('message dead letters on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let messages: MessageRepository;
  let connectionA: string;
  let connectionB: string;

  /** A message in the given state, created at `createdAt` (seconds after a fixed instant, so the order is known). */
  async function message(connectionId: string, options: { direction?: MessageDirection; conversationKey?: string; status?: 'pending' | 'delivered' | 'failed'; createdAt?: number } = {}) {
    const { message: row } = await messages.append({
      connectionId,
      source: 'generic',
      providerMessageId: randomUUID(),
      direction: options.direction ?? 'to-genesys',
      conversationKey: options.conversationKey ?? 'conversation-1',
      kind: 'text',
      payload: { text: 'hello' },
    });
    if (options.status === 'failed') {
      await messages.recordAttempt(row.id, 'Genesys answered 503');
      await messages.markFailed(row.id, 'Genesys answered 400: text too long');
    }
    if (options.status === 'delivered') await messages.markDelivered(row.id);
    if (options.createdAt !== undefined) {
      await dataSource.getRepository(MessageEntity).update({ id: row.id }, { createdAt: new Date(Date.UTC(2025, 0, 1) + options.createdAt * 1_000) });
    }
    return row.id;
  }

  const stored = (id: string) => dataSource.getRepository(MessageEntity).findOneByOrFail({ id });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataSource = await createDataSource(database.settings).initialize();
    await runMigrations(dataSource, () => undefined);
    const connections = new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(generateKeyringEntry('k1'))));
    const connection = (name: string) => connections.create({ name, genesysRegion: 'eu-west-1', genesysClientId: 'c', genesysClientSecret: 's', botPlatform: 'generic', botPlatformSettings: {} });
    connectionA = (await connection('tenant-a')).id;
    connectionB = (await connection('tenant-b')).id;
    messages = new MessageRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  describe('listFailed', () => {
    const expected: string[] = [];
    let otherTenant: string;

    beforeAll(async () => {
      // Seven failed rows of A (two share a creation second), newest first in `expected`; noise around them.
      const created: [number, MessageDirection, string][] = [
        [10, 'to-genesys', 'conversation-1'],
        [20, 'to-bot', 'genesys-conversation-9'],
        [30, 'to-genesys', 'conversation-2'],
        [30, 'to-genesys', 'conversation-1'],
        [40, 'to-bot', 'genesys-conversation-9'],
        [50, 'to-genesys', 'conversation-1'],
        [60, 'to-genesys', 'conversation-2'],
      ];
      const ids: [number, string][] = [];
      for (const [at, direction, conversationKey] of created) ids.push([at, await message(connectionA, { direction, conversationKey, status: 'failed', createdAt: at })]);
      expected.push(...ids.sort(([atA, idA], [atB, idB]) => atB - atA || (idA < idB ? 1 : -1)).map(([, id]) => id));
      await message(connectionA, { status: 'pending', createdAt: 45 });
      await message(connectionA, { status: 'delivered', createdAt: 55 });
      otherTenant = await message(connectionB, { status: 'failed', createdAt: 35 });
    });

    it('lists only failed rows of the connection, newest first, with what a view needs', async () => {
      const page = await messages.listFailed(connectionA, { limit: 100 });
      expect(page.rows.map((row) => row.id)).toEqual(expected);
      expect(page.nextBefore).toBeNull();
      expect(page.rows[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Genesys answered 400: text too long', kind: 'text', direction: 'to-genesys' });
      expect((await messages.listFailed(connectionB, { limit: 100 })).rows.map((row) => row.id)).toEqual([otherTenant]);
    });

    it('pages by keyset without gaps or repeats, also across rows created in the same second', async () => {
      const seen: string[] = [];
      let before: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await messages.listFailed(connectionA, { limit: 2, before });
        seen.push(...page.rows.map((row) => row.id));
        if (page.nextBefore === null) break;
        expect(page.rows).toHaveLength(2);
        before = page.nextBefore;
      }
      expect(seen).toEqual(expected);
    });

    it('filters by direction and by conversation', async () => {
      const toBot = await messages.listFailed(connectionA, { direction: 'to-bot', limit: 100 });
      expect(toBot.rows.map((row) => row.conversationKey)).toEqual(['genesys-conversation-9', 'genesys-conversation-9']);
      const conversation = await messages.listFailed(connectionA, { direction: 'to-genesys', conversationKey: 'conversation-1', limit: 2 });
      expect(conversation.rows.map((row) => row.conversationKey)).toEqual(['conversation-1', 'conversation-1']);
      const rest = await messages.listFailed(connectionA, { direction: 'to-genesys', conversationKey: 'conversation-1', limit: 2, before: conversation.nextBefore ?? undefined });
      expect(rest).toEqual({ rows: [expect.objectContaining({ conversationKey: 'conversation-1' })], nextBefore: null });
      expect((await messages.listFailed(connectionA, { conversationKey: 'unknown', limit: 10 })).rows).toEqual([]);
    });

    it('gives an empty page for a cursor that is unknown on this connection', async () => {
      expect(await messages.listFailed(connectionA, { limit: 10, before: randomUUID() })).toEqual({ rows: [], nextBefore: null });
      expect(await messages.listFailed(connectionA, { limit: 10, before: otherTenant })).toEqual({ rows: [], nextBefore: null });
    });
  });

  describe('replayFailed', () => {
    it('sets failed rows back to pending with attempts reset, keeps the last error, and says what it skipped', async () => {
      const failed = await message(connectionA, { conversationKey: 'replay-1', status: 'failed' });
      const alsoFailed = await message(connectionA, { direction: 'to-bot', conversationKey: 'replay-2', status: 'failed' });
      const delivered = await message(connectionA, { conversationKey: 'replay-1', status: 'delivered' });
      const pending = await message(connectionA, { conversationKey: 'replay-1' });
      const otherTenant = await message(connectionB, { conversationKey: 'replay-1', status: 'failed' });
      const unknown = randomUUID();
      const before = await stored(failed);

      const result = await messages.replayFailed(connectionA, [alsoFailed, otherTenant, delivered, failed, unknown, pending, failed]);
      expect(result).toEqual({
        replayed: [
          { id: alsoFailed, direction: 'to-bot', conversationKey: 'replay-2', sequence: 1, kind: 'text', lastError: 'Genesys answered 400: text too long' },
          { id: failed, direction: 'to-genesys', conversationKey: 'replay-1', sequence: before.sequence, kind: 'text', lastError: 'Genesys answered 400: text too long' },
        ],
        skipped: [
          { id: otherTenant, reason: 'not-found' },
          { id: delivered, reason: 'not-failed' },
          { id: unknown, reason: 'not-found' },
          { id: pending, reason: 'not-failed' },
        ],
      });

      const after = await stored(failed);
      expect(after).toMatchObject({ status: 'pending', attempts: 0, lastError: 'Genesys answered 400: text too long', sequence: before.sequence, deliveredAt: null });
      expect(after.createdAt).toEqual(before.createdAt);
      expect((await stored(otherTenant)).status).toBe('failed');
      expect((await stored(delivered)).status).toBe('delivered');
      // The delivery drains it again, in its place in the conversation.
      expect((await messages.pendingInConversation(connectionA, 'to-genesys', 'replay-1')).map((row) => row.id)).toEqual([failed, pending]);
      expect((await messages.listFailed(connectionA, { conversationKey: 'replay-1', limit: 10 })).rows).toEqual([]);

      // A second replay finds nothing failed; delivery then clears the error.
      expect(await messages.replayFailed(connectionA, [failed])).toEqual({ replayed: [], skipped: [{ id: failed, reason: 'not-failed' }] });
      await messages.markDelivered(failed);
      expect(await stored(failed)).toMatchObject({ status: 'delivered', lastError: null });
    });

    it('does nothing for an empty list', async () => {
      expect(await messages.replayFailed(connectionA, [])).toEqual({ replayed: [], skipped: [] });
    });

    it('replays each row once when replays race', async () => {
      const ids = await Promise.all(Array.from({ length: 5 }, () => message(connectionA, { conversationKey: 'replay-race', status: 'failed' })));
      const results = await Promise.all([messages.replayFailed(connectionA, ids), messages.replayFailed(connectionA, ids), messages.replayFailed(connectionA, [...ids].reverse())]);
      expect(results.flatMap((result) => result.replayed.map((row) => row.id)).sort()).toEqual([...ids].sort());
      expect(results.flatMap((result) => result.skipped)).toHaveLength(10);
    });
  });
});
