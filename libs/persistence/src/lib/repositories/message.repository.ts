import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager, In, LessThan, type Repository } from 'typeorm';
import { ConversationSequenceEntity, type MessageDirection, MessageEntity, type MessageStatus } from '../entities';
import { inTransaction, isUniqueViolation } from '../transactions';

export interface NewMessage {
  connectionId: string;
  source: string;
  providerMessageId: string;
  direction: MessageDirection;
  conversationKey: string;
  kind: string;
  payload: Record<string, unknown>;
}

/** Which failed messages a dead-letter page shows; newest first (creation time, then id). */
export interface FailedMessageQuery {
  direction?: MessageDirection;
  conversationKey?: string;
  limit: number;
  /** The id of the last row of the previous page: only rows after it in the newest-first order. */
  before?: string;
}

export interface FailedMessagePage {
  rows: MessageEntity[];
  /** The `before` of the next page; null when there is none. */
  nextBefore: string | null;
}

/** A row `replayFailed` set back to pending, with the failure it had (`lastError` is kept until delivery). */
export interface ReplayedMessage {
  id: string;
  direction: MessageDirection;
  conversationKey: string;
  sequence: number;
  kind: string;
  lastError: string | null;
}

/** `not-found`: no such message on this connection (another connection's rows are as unknown as missing ones). */
export type ReplaySkipReason = 'not-found' | 'not-failed';

export interface ReplayResult {
  replayed: ReplayedMessage[];
  skipped: { id: string; reason: ReplaySkipReason }[];
}

export interface AppendResult {
  message: MessageEntity;
  /** false when the same (connection, source, provider message id) was already stored: a retry or replay. */
  created: boolean;
}

interface ReplayedRow {
  id: string;
  direction: MessageDirection;
  conversation_key: string;
  sequence: number | string;
  kind: string;
  last_error: string | null;
}

/** The outbox/inbox. Appending is idempotent and gives each conversation a gap-free sequence. */
export class MessageRepository {
  private readonly rows: Repository<MessageEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository(MessageEntity);
  }

  /**
   * Stores a message once. In one transaction: take the conversation's next sequence number (a write,
   * so SQLite takes its lock first), then insert. A duplicate rolls both back and returns the stored row.
   */
  async append(input: NewMessage): Promise<AppendResult> {
    try {
      const message = await inTransaction(this.dataSource, (manager) => this.appendWithin(manager, input));
      return { message, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.rows.findOneBy({ connectionId: input.connectionId, source: input.source, providerMessageId: input.providerMessageId });
      if (!existing) throw error;
      return { message: existing, created: false };
    }
  }

  /**
   * Appends inside a caller's transaction (e.g. a handover and its first messages together). A duplicate
   * provider message id throws the unique violation; the caller's transaction rolls back.
   */
  async appendWithin(manager: EntityManager, input: NewMessage): Promise<MessageEntity> {
    const sequence = await this.nextSequence(manager.connection, manager, input.connectionId, input.conversationKey);
    const row = manager.create(MessageEntity, { ...input, id: randomUUID(), sequence, status: 'pending', attempts: 0, lastError: null, deliveredAt: null });
    return manager.save(row);
  }

  findById(id: string): Promise<MessageEntity | null> {
    return this.rows.findOneBy({ id });
  }

  /**
   * A conversation's undelivered messages of one direction in sequence order (what a delivery job drains): a key may
   * carry rows both ways, and each drain must only ever see its own.
   */
  pendingInConversation(connectionId: string, direction: MessageDirection, conversationKey: string, limit = 100): Promise<MessageEntity[]> {
    return this.rows.find({ where: { connectionId, direction, conversationKey, status: 'pending' }, order: { sequence: 'ASC' }, take: limit });
  }

  /** Pending messages older than `olderThan`: left behind by a lost wake-up job (the sweeper's input). */
  stalePending(olderThan: Date, limit = 500): Promise<MessageEntity[]> {
    return this.rows.find({ where: { status: 'pending', createdAt: LessThan(olderThan) }, order: { createdAt: 'ASC' }, take: limit });
  }

  async markDelivered(id: string): Promise<void> {
    await this.rows.update({ id, status: 'pending' }, { status: 'delivered', deliveredAt: new Date(), lastError: null });
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.rows.update({ id, status: 'pending' }, { status: 'failed', lastError: reason.slice(0, 2_000) });
  }

  async recordAttempt(id: string, error: string | null): Promise<void> {
    await this.rows.increment({ id }, 'attempts', 1);
    if (error) await this.rows.update({ id }, { lastError: error.slice(0, 2_000) });
  }

  /**
   * The dead-letter view: a connection's failed messages, newest first, paged by keyset. The cursor row is read by
   * the database itself (a join), so the comparison uses the stored timestamps exactly as stored on either dialect; a
   * cursor that is unknown on this connection gives an empty page. ix_messages_status_created narrows the scan to failed rows.
   */
  async listFailed(connectionId: string, query: FailedMessageQuery): Promise<FailedMessagePage> {
    const select = this.rows
      .createQueryBuilder('message')
      .where('message.connectionId = :connectionId', { connectionId })
      .andWhere('message.status = :status', { status: 'failed' satisfies MessageStatus });
    if (query.direction !== undefined) select.andWhere('message.direction = :direction', { direction: query.direction });
    if (query.conversationKey !== undefined) select.andWhere('message.conversationKey = :conversationKey', { conversationKey: query.conversationKey });
    if (query.before !== undefined) {
      select
        .innerJoin(MessageEntity, 'cursor', 'cursor.id = :before AND cursor.connectionId = :connectionId', { before: query.before })
        .andWhere('(message.createdAt < cursor.createdAt OR (message.createdAt = cursor.createdAt AND message.id < cursor.id))');
    }
    const rows = await select.orderBy('message.createdAt', 'DESC').addOrderBy('message.id', 'DESC').limit(query.limit + 1).getMany();
    const page = rows.slice(0, query.limit);
    return { rows: page, nextBefore: rows.length > query.limit ? page[page.length - 1].id : null };
  }

  /**
   * Sets failed messages of this connection back to pending with their attempts reset, so their conversation's
   * delivery takes them again; everything else is skipped with the reason. One transaction that starts with the
   * write (UPDATE … RETURNING, on both dialects), so SQLite takes its write lock before anything is read.
   * `lastError` stays: it is still the last error that happened, and delivery clears it.
   */
  async replayFailed(connectionId: string, ids: readonly string[]): Promise<ReplayResult> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return { replayed: [], skipped: [] };
    return inTransaction(this.dataSource, async (manager) => {
      const table = this.dataSource.getMetadata(MessageEntity).tableName;
      const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
        `UPDATE "${table}" SET "status" = 'pending', "attempts" = 0, "delivered_at" = NULL, "updated_at" = CURRENT_TIMESTAMP
         WHERE "connection_id" = :connectionId AND "status" = 'failed' AND "id" IN (:...ids)
         RETURNING "id", "direction", "conversation_key", "sequence", "kind", "last_error"`,
        { connectionId, ids: wanted },
      );
      if (!manager.queryRunner) throw new Error('replayFailed needs the transaction query runner');
      const { records } = await manager.queryRunner.query(sql, parameters, true);
      const byId = new Map((records as ReplayedRow[]).map((row) => [row.id, row]));
      const rest = wanted.filter((id) => !byId.has(id));
      const present = rest.length === 0 ? [] : await manager.find(MessageEntity, { select: { id: true }, where: { connectionId, id: In(rest) } });
      const known = new Set(present.map((row) => row.id));
      // Both lists in the order the ids were asked for.
      const replayed = wanted.flatMap((id) => byId.get(id) ?? []).map((row) => ({
        id: row.id,
        direction: row.direction,
        conversationKey: row.conversation_key,
        sequence: Number(row.sequence),
        kind: row.kind,
        lastError: row.last_error,
      }));
      return { replayed, skipped: rest.map((id) => ({ id, reason: known.has(id) ? 'not-failed' : 'not-found' })) };
    });
  }

  /** Deletes delivered and failed messages last updated before `olderThan`; returns how many. */
  async purgeFinished(olderThan: Date, batchSize = 1_000): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.rows.find({ select: { id: true }, where: { status: In(['delivered', 'failed']), updatedAt: LessThan(olderThan) }, take: batchSize });
      if (batch.length === 0) return purged;
      await this.rows.delete({ id: In(batch.map((row) => row.id)) });
      purged += batch.length;
    }
  }

  private async nextSequence(dataSource: DataSource, manager: EntityManager, connectionId: string, conversationKey: string): Promise<number> {
    const table = dataSource.getMetadata(ConversationSequenceEntity).tableName;
    const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(
      `INSERT INTO "${table}" ("connection_id", "conversation_key", "last_sequence") VALUES (:connectionId, :conversationKey, 1)
       ON CONFLICT ("connection_id", "conversation_key") DO UPDATE SET "last_sequence" = "${table}"."last_sequence" + 1
       RETURNING "last_sequence"`,
      { connectionId, conversationKey },
    );
    const rows: { last_sequence: number }[] = await manager.query(sql, parameters);
    return Number(rows[0].last_sequence);
  }
}
