import { type DataSource, LessThan, type QueryDeepPartialEntity, type Repository } from 'typeorm';
import { BotTurnEntity } from '../entities';
import { isUniqueViolation } from '../transactions';

export interface NewBotTurn {
  connectorId: string;
  messageId: string;
  botSessionId: string;
  apiVersion: 'v1' | 'v2';
  request: Record<string, unknown>;
}

/** Genesys turns by messageId: the first claim processes the turn, a repeat gets the stored answer. */
export class BotTurnRepository {
  private readonly rows: Repository<BotTurnEntity>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(BotTurnEntity);
  }

  /** Inserts the turn, or returns the existing one with `created: false` when the messageId was seen. */
  async claim(turn: NewBotTurn): Promise<{ turn: BotTurnEntity; created: boolean }> {
    try {
      // insert(), not save(): save() would quietly update a row with the same key.
      const row = this.rows.create({ ...turn, response: null, status: 'processing' });
      await this.rows.insert(row as QueryDeepPartialEntity<BotTurnEntity>);
      return { turn: row, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return { turn: await this.rows.findOneByOrFail({ connectorId: turn.connectorId, messageId: turn.messageId }), created: false };
    }
  }

  find(connectorId: string, messageId: string): Promise<BotTurnEntity | null> {
    return this.rows.findOneBy({ connectorId, messageId });
  }

  async answer(connectorId: string, messageId: string, response: Record<string, unknown>): Promise<void> {
    await this.rows.update({ connectorId, messageId }, { response: response as QueryDeepPartialEntity<Record<string, unknown>>, status: 'answered' });
  }

  /** Deletes turns older than `olderThan` (the de-duplication window); returns how many. */
  async purgeOlderThan(olderThan: Date): Promise<number> {
    const result = await this.rows.delete({ createdAt: LessThan(olderThan) });
    return result.affected ?? 0;
  }
}
