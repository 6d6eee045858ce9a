import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager, In, LessThan, type Repository } from 'typeorm';
import { ConversationSequenceEntity, type MessageDirection, MessageEntity } from '../entities';
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

export interface AppendResult {
  message: MessageEntity;
  /** false when the same (connection, source, provider message id) was already stored: a retry or replay. */
  created: boolean;
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

  /** A conversation's undelivered messages in sequence order (what a delivery job drains). */
  pendingInConversation(connectionId: string, conversationKey: string, limit = 100): Promise<MessageEntity[]> {
    return this.rows.find({ where: { connectionId, conversationKey, status: 'pending' }, order: { sequence: 'ASC' }, take: limit });
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
