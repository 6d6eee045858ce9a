import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager, In, IsNull, LessThan, Not, type QueryDeepPartialEntity, type Repository } from 'typeorm';
import { HandoverEntity, type MessageEntity } from '../entities';
import { inTransaction, isUniqueViolation } from '../transactions';
import { MessageRepository, type NewMessage } from './message.repository';

export interface NewHandover {
  connectionId: string;
  platform: string;
  platformConversationId: string;
  platformContext: Record<string, unknown>;
  customer: Record<string, unknown>;
  attributes: Record<string, string>;
}

/** An outbox message of a handover: the conversation key and direction come from the handover. */
export type HandoverMessage = Omit<NewMessage, 'connectionId' | 'conversationKey' | 'direction'>;

export interface StartResult {
  handover: HandoverEntity;
  /** false when a handover for this platform conversation was already open: nothing new was written. */
  created: boolean;
  messages: MessageEntity[];
}

/** Handovers and their first outbox rows, written together or not at all. */
export class HandoverRepository {
  private readonly rows: Repository<HandoverEntity>;
  private readonly messages: MessageRepository;

  constructor(private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository(HandoverEntity);
    this.messages = new MessageRepository(dataSource);
  }

  /**
   * Starts a handover with its first user → agent messages (transcript, the opening message with the
   * participant data) in one transaction. Starting the same platform conversation again while it is
   * open returns the open handover (a retried request), and writes nothing.
   */
  async start(input: NewHandover, firstMessages: readonly HandoverMessage[]): Promise<StartResult> {
    const open = await this.findOpen(input.connectionId, input.platform, input.platformConversationId);
    if (open) return { handover: open, created: false, messages: [] };
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const handover = manager.create(HandoverEntity, { ...input, id: randomUUID(), status: 'starting', genesysConversationId: null, endedAt: null, endReason: null });
        await manager.insert(HandoverEntity, handover as QueryDeepPartialEntity<HandoverEntity>);
        const messages: MessageEntity[] = [];
        for (const message of firstMessages) {
          messages.push(await this.messages.appendWithin(manager, { ...message, connectionId: input.connectionId, conversationKey: handover.id, direction: 'to-genesys' }));
        }
        return { handover, created: true, messages };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.findOpen(input.connectionId, input.platform, input.platformConversationId);
      if (!raced) throw error;
      return { handover: raced, created: false, messages: [] };
    }
  }

  findById(id: string): Promise<HandoverEntity | null> {
    return this.rows.findOneBy({ id });
  }

  findOpen(connectionId: string, platform: string, platformConversationId: string): Promise<HandoverEntity | null> {
    return this.rows.findOneBy({ connectionId, platform, platformConversationId, status: Not('ended') });
  }

  /** Open handovers of one platform, oldest first (periodic jobs walk them in pages). */
  openOfPlatform(platform: string, limit: number, offset = 0): Promise<HandoverEntity[]> {
    return this.rows.find({ where: { platform, status: Not('ended') }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  /** The most recent handover of a platform conversation, open or ended. */
  findLatest(connectionId: string, platform: string, platformConversationId: string): Promise<HandoverEntity | null> {
    return this.rows.findOne({ where: { connectionId, platform, platformConversationId }, order: { createdAt: 'DESC' } });
  }

  /** Replaces the platform context of an open handover (e.g. the latest Kore request URLs). */
  async updatePlatformContext(id: string, platformContext: Record<string, unknown>): Promise<void> {
    await this.rows.update({ id, status: Not('ended') }, { platformContext } as QueryDeepPartialEntity<HandoverEntity>);
  }

  findByGenesysConversation(connectionId: string, genesysConversationId: string): Promise<HandoverEntity | null> {
    return this.rows.findOne({ where: { connectionId, genesysConversationId }, order: { createdAt: 'DESC' } });
  }

  /**
   * Records the Genesys conversation id returned by the first delivered message; the handover is active, and end
   * detection's clock starts (`lastSignalAt`: the backstop looks once it has been quiet for a while).
   */
  async attachGenesysConversation(id: string, genesysConversationId: string): Promise<void> {
    await this.rows.update({ id, status: 'starting' }, { genesysConversationId, status: 'active', lastSignalAt: new Date() });
  }

  /** End detection heard about (or looked at) these handovers' conversations at `at`; ended handovers are left alone. */
  async noteSignal(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.rows.update({ id: In([...ids]), status: Not('ended') }, { lastSignalAt: at } as QueryDeepPartialEntity<HandoverEntity>);
  }

  /** Active handovers nothing was heard of since `quietSince`, the quietest first (the end-detection backstop). */
  quietActive(quietSince: Date, limit: number): Promise<HandoverEntity[]> {
    return this.rows.find({
      where: [
        { status: 'active', lastSignalAt: LessThan(quietSince) },
        { status: 'active', lastSignalAt: IsNull() },
      ],
      order: { lastSignalAt: { direction: 'ASC', nulls: 'FIRST' }, id: 'ASC' },
      take: limit,
    });
  }

  /** Ends a handover once; returns false when it had already ended. */
  async end(id: string, reason: string): Promise<boolean> {
    const result = await this.rows.update({ id, status: Not('ended') }, { status: 'ended', endedAt: new Date(), endReason: reason.slice(0, 64) });
    return (result.affected ?? 0) > 0;
  }

  /** `end` inside a caller's transaction (e.g. together with the row that tells the bot platform). */
  async endWithin(manager: EntityManager, id: string, reason: string): Promise<boolean> {
    const result = await manager.update(HandoverEntity, { id, status: Not('ended') }, { status: 'ended', endedAt: new Date(), endReason: reason.slice(0, 64) });
    return (result.affected ?? 0) > 0;
  }
}
