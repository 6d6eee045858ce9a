import { HttpException, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { type Connection, HandoverEntity, MessageEntity, MessageRepository, type ReplayedMessage } from '@genesys-bridge/persistence';
import { type DeliveryDirection, QueueName } from '@genesys-bridge/queue-contracts';
import { DeliveryWakeups } from '@genesys-bridge/queue-runtime';
import { OutboxKind } from '../delivery-to-genesys/to-genesys-message.mapper';
import { DeadLetterMetrics } from './dead-letter-metrics';
import { toDeadLetterView } from './dead-letter.view';
import { DEFAULT_DEAD_LETTER_PAGE_SIZE, type DeadLetterPageDto, type DeadLetterQueryDto, type ReplayResultDto, type ReplaySkipReasonDto } from './dead-letters.dto';

/** How long a replay waits for Redis to take its wake-ups (normally ~1 ms each, sent together) before answering anyway. */
export const REPLAY_WAKE_TIMEOUT_MS = 500;

const DELIVERY_OF: Record<ReplayedMessage['direction'], DeliveryDirection> = { 'to-genesys': QueueName.ToGenesys, 'to-bot': QueueName.ToBot };

/**
 * The dead-letter view and replay: messages a delivery worker marked failed (a permanent Genesys 4xx, a bot platform
 * that refused them, a payload that can never be sent) are listed per connection, and an operator may set chosen ones
 * back to pending once the cause is fixed. Like every write of the gateway, the replay commits to the database first;
 * the wake-ups after it are only a signal, and a Redis failure never fails the request: the outbox sweeper wakes
 * conversations with old pending rows (a replayed row keeps its creation time, so it counts as old at once).
 */
@Injectable()
export class DeadLettersService {
  private readonly logger = new Logger(DeadLettersService.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly wakeups: DeliveryWakeups,
    private readonly metrics: DeadLetterMetrics,
    private readonly dataSource: DataSource,
  ) {}

  async list(connection: Connection, query: DeadLetterQueryDto): Promise<DeadLetterPageDto> {
    const page = await this.database(connection.id, 'could not read the dead letters', () =>
      this.messages.listFailed(connection.id, {
        direction: query.direction,
        conversationKey: query.conversationKey,
        before: query.before,
        limit: query.limit ?? DEFAULT_DEAD_LETTER_PAGE_SIZE,
      }),
    );
    return { deadLetters: page.rows.map(toDeadLetterView), nextBefore: page.nextBefore };
  }

  async replay(connection: Connection, messageIds: readonly string[]): Promise<ReplayResultDto> {
    const ids = [...new Set(messageIds)];
    const { replayed, skipped } = await this.database(connection.id, 'could not replay dead letters', async () => {
      const ended = await this.ofEndedHandovers(connection.id, ids);
      const result = await this.messages.replayFailed(connection.id, ids.filter((id) => !ended.has(id)));
      const reasons = new Map<string, ReplaySkipReasonDto>(result.skipped.map(({ id, reason }) => [id, reason]));
      for (const id of ended) reasons.set(id, 'handover-ended');
      // In the order the ids were given.
      return { replayed: result.replayed, skipped: ids.flatMap((id) => reasonFor(id, reasons)) };
    });
    for (const row of replayed) this.metrics.replayed.inc({ direction: row.direction });
    if (replayed.length > 0) {
      this.logger.log(
        { connectionId: connection.id, replayed: replayed.map(({ id, direction, conversationKey, sequence, lastError }) => ({ id, direction, conversationKey, sequence, failure: lastError })), skipped },
        'dead letters replayed',
      );
    }
    await this.wake(connection.id, replayed);
    return { replayed: replayed.map(({ id, direction, conversationKey, sequence, kind }) => ({ id, direction, conversationKey, sequence, kind })), skipped };
  }

  /**
   * Failed user → agent messages (other than the disconnect itself) of handovers that have ended. Delivering one now
   * would not reach the agent who had the conversation: Genesys would open a new conversation and route it to an agent
   * while the bot already has the customer back. (The delivery itself only guards rows stored after the disconnect.)
   */
  private async ofEndedHandovers(connectionId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource.getRepository(MessageEntity).find({
      select: { id: true, conversationKey: true, kind: true },
      where: { connectionId, id: In([...ids]), status: 'failed', direction: 'to-genesys' },
    });
    const candidates = rows.filter((row) => row.kind !== OutboxKind.Disconnect);
    if (candidates.length === 0) return new Set();
    const ended = await this.dataSource.getRepository(HandoverEntity).find({
      select: { id: true },
      where: { connectionId, id: In([...new Set(candidates.map((row) => row.conversationKey))]), status: 'ended' },
    });
    const endedIds = new Set(ended.map((handover) => handover.id));
    return new Set(candidates.filter((row) => endedIds.has(row.conversationKey)).map((row) => row.id));
  }

  /** One wake-up per conversation, all at once, within REPLAY_WAKE_TIMEOUT_MS; failures are logged, never thrown. */
  private async wake(connectionId: string, replayed: readonly ReplayedMessage[]): Promise<void> {
    const conversations = new Map(replayed.map((row) => [`${row.direction}\u0000${row.conversationKey}`, row]));
    if (conversations.size === 0) return;
    const wakes = [...conversations.values()].map((row) => this.wakeups.wake(DELIVERY_OF[row.direction], { v: 1, connectionId, conversationKey: row.conversationKey }));
    const outcomes = await settledWithin(wakes, REPLAY_WAKE_TIMEOUT_MS);
    const errors =
      outcomes === 'timeout'
        ? [`no answer from Redis within ${REPLAY_WAKE_TIMEOUT_MS} ms`]
        : outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)] : []));
    if (errors.length === 0) return;
    this.logger.warn({ connectionId, conversations: conversations.size, error: errors[0] }, 'replayed, but delivery wake-ups could not be queued; the outbox sweeper will wake them');
  }

  private async database<T>(connectionId: string, what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpException) throw error;
      this.logger.error({ connectionId, error: (error as Error).message }, what);
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'the database could not take the request; retry later' });
    }
  }
}

function reasonFor(id: string, reasons: ReadonlyMap<string, ReplaySkipReasonDto>): { id: string; reason: ReplaySkipReasonDto }[] {
  const reason = reasons.get(id);
  return reason ? [{ id, reason }] : [];
}

/** Every outcome, or 'timeout' when they take longer (allSettled subscribes to each, so late rejections are handled). */
async function settledWithin<T>(work: readonly Promise<T>[], timeoutMs: number): Promise<PromiseSettledResult<T>[] | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([Promise.allSettled(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
