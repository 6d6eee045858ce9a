import { randomUUID } from 'node:crypto';
import { type DataSource, LessThan, type Repository } from 'typeorm';
import { BotSessionEntity } from '../entities';
import { inTransaction, isUniqueViolation } from '../transactions';

export interface SessionTouch {
  connectorId: string;
  botSessionId: string;
  /** Genesys' `botSessionTimeout` in minutes: the session expires this long after its last turn. */
  timeoutMinutes: number;
  now?: Date;
}

/** Maps Genesys bot sessions to bot platform sessions and keeps per-session turn state. */
export class BotSessionRepository {
  private readonly rows: Repository<BotSessionEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository(BotSessionEntity);
  }

  /**
   * Returns the live session for `botSessionId`, or starts a new platform session when there is none
   * or it expired (`isNew` tells the adapter to start fresh). A live session is only read here; its
   * new expiry (`session.expiresAt`) is written with the turn's state by `saveTurnState`, so a turn
   * costs one session write.
   */
  async touch({ connectorId, botSessionId, timeoutMinutes, now = new Date() }: SessionTouch): Promise<{ session: BotSessionEntity; isNew: boolean }> {
    const expiresAt = new Date(now.getTime() + Math.max(1, timeoutMinutes) * 60_000);
    const existing = await this.rows.findOneBy({ connectorId, botSessionId });
    if (existing && existing.expiresAt > now) {
      existing.expiresAt = expiresAt;
      return { session: existing, isNew: false };
    }
    const fresh = this.rows.create({
      connectorId,
      botSessionId,
      platformSessionId: randomUUID(),
      userId: existing?.userId ?? `genesys-${botSessionId}`,
      lastIntent: null,
      intentStreak: 0,
      lastSlots: null,
      lastOptions: null,
      expiresAt,
    });
    try {
      if (existing) await this.rows.update({ connectorId, botSessionId }, fresh);
      else await inTransaction(this.dataSource, (manager) => manager.insert(BotSessionEntity, fresh));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.rows.findOneByOrFail({ connectorId, botSessionId });
      return { session: raced, isNew: false };
    }
    return { session: fresh, isNew: true };
  }

  async saveTurnState(
    connectorId: string,
    botSessionId: string,
    state: Partial<Pick<BotSessionEntity, 'lastIntent' | 'intentStreak' | 'lastSlots' | 'lastOptions' | 'expiresAt'>>,
  ): Promise<void> {
    await this.rows.update({ connectorId, botSessionId }, state);
  }

  /** Deletes sessions that expired before `now`; returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.rows.delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
