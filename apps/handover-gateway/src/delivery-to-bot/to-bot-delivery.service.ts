import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseGenesysOutboundMessage } from '@genesys-bridge/content-conversion';
import { type Connection, ConnectionRepository, type ConnectionSecrets, HandoverRepository, type MessageEntity, MessageRepository } from '@genesys-bridge/persistence';
import { type AgentMessageContent, type AgentMessageFailure, type AgentMessageSender, classifyAgentMessageFailure, type HandoverEndStatus } from '@genesys-bridge/platform-adapters';
import {
  DELIVERY_JOB_OPTIONS,
  type DeliverConversationV1,
  deliverConversationDedupId,
  DeliveryJob,
  deliveryQueueName,
  QueueName,
} from '@genesys-bridge/queue-contracts';
import { DeliveryWakeups, RetryDeliveryLater } from '@genesys-bridge/queue-runtime';
import { type HandoverSettings, handoverSettingsOf } from '../handovers/handover-settings';
import { HANDOVER_ENDED_KIND, HANDOVER_NOTICE_KIND, type HandoverEndedPayload, type HandoverNoticePayload } from '../handovers/handover-end-reports';
import { AgentMessageDestinations } from './agent-message-destination';
import { ArrivalClock } from './arrival-clock';
import { dueAtMs, type HoldWindows, orderForDelivery, originOf, retryDelayMs, sentAtMs, type StoredOutboundMessage } from './delivery-order';
import { GenesysReceipts, type ReceiptTarget } from './genesys-receipts.service';
import { ToBotDeliverySettings } from './to-bot-delivery.settings';

/** Rows read per look at a conversation (ordering by `channel.time` happens among these). */
export const PENDING_WINDOW = 100;
/** Rows one job delivers before it hands the partition to other conversations (and wakes itself again). */
export const MAX_ROWS_PER_JOB = 50;
/** Holds shorter than this are waited out inside the job; longer ones become a delayed wake-up. */
export const INLINE_HOLD_MAX_MS = 250;
/** Pause between looks for a handover that is not stored yet. */
export const HANDOVER_WAIT_MS = 1_000;
/** A typing indicator is worth little after a few seconds: a receiver that hangs does not get the full send budget. */
export const TYPING_SEND_TIMEOUT_MS = 3_000;

type Destination = { kind: 'ready'; sender: AgentMessageSender } | { kind: 'no-handover' } | { kind: 'unusable'; failure: AgentMessageFailure };

/** What one job learns once and reuses for every row it delivers. */
class Drain {
  connection?: Promise<{ connection: Connection; secrets: ConnectionSecrets } | null>;
  destination?: Destination;
  settings?: Promise<HandoverSettings>;
  /** When a worker first saw each row (from the arrival clock), for the rows looked at so far. */
  readonly firstSeen = new Map<string, number>();

  constructor(readonly job: DeliverConversationV1) {}

}

/**
 * Agent → user delivery (design.md §5, §6; perf-reliability.md §7.3): drains one conversation's pending inbox rows,
 * one at a time, in Genesys' send order, to the handover's bot platform, and reports each message back to Genesys
 * with a receipt. The job is only a wake-up; the rows are the truth.
 *
 * - Order: `channel.time`, then arrival; each row is held until TO_BOT_REORDER_WINDOW_MS after Genesys sent it and
 *   TO_BOT_ARRIVAL_HOLD_MS after a worker first saw it, so a message Genesys delivers late can still overtake later
 *   ones (see README.md in this folder).
 * - Text/structured/attachments → canonical outputs → the platform's sender; success → `delivered` + `Delivered`
 *   receipt; permanent failure (4xx other than 408/429, invalid destination) → `failed` + `Failed` receipt
 *   (`GeneralError` | `InvalidDestination`); transient (timeout, 5xx, 429, no answer) → `RetryDeliveryLater` with a
 *   capped exponential backoff: the partition pauses and nothing overtakes; after TO_BOT_MAX_ATTEMPTS it fails.
 * - No handover yet (the first agent message can race the store of the prefetched conversation id): look again
 *   1 s later, TO_BOT_HANDOVER_WAIT_ATTEMPTS times in all, then `failed` + `InvalidDestination`.
 * - Filtered, marked delivered without a send or a receipt: empty messages (no text, no content), Genesys receipts
 *   (about our own inbound messages), events other than typing, typing older than TO_BOT_TYPING_MAX_AGE_MS, and
 *   typing for platforms without typing indicators. Typing is never retried and gets no receipt.
 */
@Injectable()
export class ToBotDelivery {
  private readonly logger = new Logger(ToBotDelivery.name);
  private stopping = false;

  constructor(
    private readonly messages: MessageRepository,
    private readonly handovers: HandoverRepository,
    private readonly connections: ConnectionRepository,
    private readonly destinations: AgentMessageDestinations,
    private readonly receipts: GenesysReceipts,
    private readonly wakeups: DeliveryWakeups,
    private readonly arrivals: ArrivalClock,
    @Inject(ToBotDeliverySettings) private readonly settings: ToBotDeliverySettings,
  ) {}

  /** The to-bot partition handler: throws `RetryDeliveryLater` to pause the partition on a transient failure. */
  async deliverConversation(job: DeliverConversationV1): Promise<void> {
    const drain = new Drain(job);
    for (let handled = 0; ; ) {
      const rows = orderForDelivery(await this.messages.pendingInConversation(job.connectionId, 'to-bot', job.conversationKey, PENDING_WINDOW));
      if (rows.length === 0) return;
      const now = Date.now();
      await this.noteArrivals(drain, rows, now);
      const [row] = rows;
      const dueAt = dueAtMs(sentAtMs(row), drain.firstSeen.get(row.id) ?? now, now, this.windows());
      const holdMs = dueAt - now;
      if (holdMs > INLINE_HOLD_MAX_MS) return this.wakeLater(job, row, dueAt, holdMs);
      if (holdMs > 0) {
        await sleep(holdMs);
        continue;
      }
      if (handled === MAX_ROWS_PER_JOB || this.stopping) {
        // Yield: the rest goes in a fresh wake-up (another conversation's turn, or another worker on shutdown).
        await this.wakeups.wake(QueueName.ToBot, job);
        return;
      }
      await this.deliverRow(drain, row);
      handled += 1;
    }
  }

  private windows(): HoldWindows {
    return { sendWindowMs: this.settings.TO_BOT_REORDER_WINDOW_MS, arrivalHoldMs: this.settings.TO_BOT_ARRIVAL_HOLD_MS };
  }

  /** Records the first sighting of rows this job has not looked at yet (all pending rows, not just the head). */
  private async noteArrivals(drain: Drain, rows: readonly MessageEntity[], now: number): Promise<void> {
    if (this.settings.TO_BOT_ARRIVAL_HOLD_MS <= 0) return;
    const unknown = rows.filter((row) => !drain.firstSeen.has(row.id)).map((row) => row.id);
    if (unknown.length === 0) return;
    for (const [id, at] of await this.arrivals.firstSeen(drain.job, unknown, now)) drain.firstSeen.set(id, at);
  }

  /** Shutdown: drains in hand stop before their next row and leave a wake-up for the rest. */
  stop(): void {
    this.stopping = true;
  }

  private async deliverRow(drain: Drain, row: MessageEntity): Promise<void> {
    const message = row.payload as unknown as StoredOutboundMessage;
    switch (row.kind) {
      case 'text':
      case 'structured':
        return this.deliverMessage(drain, row, message);
      case 'typing':
        return this.deliverTyping(drain, row, message);
      case HANDOVER_ENDED_KIND: {
        const ended = row.payload as unknown as HandoverEndedPayload;
        const content: AgentMessageContent = {
          event: 'handover-ended',
          status: ended.status as HandoverEndStatus,
          ...(ended.reason ? { reason: ended.reason } : {}),
          ...(ended.disconnectType ? { disconnectType: ended.disconnectType } : {}),
        };
        return this.deliverGatewayRow(drain, row, ended.handoverId, content, 'the end of the handover');
      }
      case HANDOVER_NOTICE_KIND: {
        const notice = row.payload as unknown as HandoverNoticePayload;
        return this.deliverGatewayRow(drain, row, notice.handoverId, { outputs: [{ kind: 'text', text: notice.text }] }, `the ${notice.notice} notice`);
      }
      default:
        // Genesys receipts are about our own inbound messages; other events have no meaning for the bot platform.
        await this.messages.markDelivered(row.id);
        this.logger.debug({ connectionId: row.connectionId, genesysMessageId: message.id, kind: row.kind }, 'nothing to relay to the bot platform');
    }
  }

  private async deliverMessage(drain: Drain, row: MessageEntity, message: StoredOutboundMessage): Promise<void> {
    const settings = await this.settingsOf(drain);
    if (message.originatingEntity === 'Bot' && !settings.relayGenesysBotMessages) {
      await this.messages.markDelivered(row.id);
      this.logger.log({ connectionId: row.connectionId, genesysMessageId: message.id }, 'Genesys bot/queue flow message not relayed (relayGenesysBotMessages is off)');
      return;
    }
    const parsed = parseGenesysOutboundMessage(message);
    const outputs = settings.dropUnsupportedContent ? parsed.filter((output) => output.kind !== 'unsupported') : parsed;
    if (outputs.length === 0) {
      await this.messages.markDelivered(row.id);
      const what = parsed.length === 0 ? 'empty agent message (no text, no content)' : 'agent message with only unsupported content (dropUnsupportedContent is on)';
      this.logger.log({ connectionId: row.connectionId, genesysMessageId: message.id }, `${what} filtered: not sent`);
      return;
    }
    const destination = await this.destination(drain, message);
    if (destination.kind === 'no-handover') {
      if (row.attempts + 1 < this.settings.TO_BOT_HANDOVER_WAIT_ATTEMPTS) {
        await this.messages.recordAttempt(row.id, 'no handover for this Genesys conversation yet');
        throw new RetryDeliveryLater(HANDOVER_WAIT_MS, `no handover for Genesys conversation ${message.conversationId ?? row.conversationKey} yet`);
      }
      return this.fail(drain, row, message, { transient: false, reason: 'InvalidDestination', message: 'no handover is known for this Genesys conversation' });
    }
    if (destination.kind === 'unusable') return this.fail(drain, row, message, destination.failure);

    try {
      await destination.sender.send({
        messageId: message.id,
        from: originOf(message, settings.showAgentProfile),
        content: { outputs },
        signal: AbortSignal.timeout(this.settings.TO_BOT_SEND_TIMEOUT_MS),
        correlationId: message.id,
      });
    } catch (error) {
      const failure = classifyAgentMessageFailure(error);
      const failures = row.attempts + 1;
      if (!failure.transient || failures >= this.settings.TO_BOT_MAX_ATTEMPTS) return this.fail(drain, row, message, failure);
      await this.messages.recordAttempt(row.id, failure.message);
      const delayMs = retryDelayMs(failures, this.settings.TO_BOT_RETRY_BASE_MS, this.settings.TO_BOT_RETRY_MAX_MS);
      this.logger.warn({ connectionId: row.connectionId, genesysMessageId: message.id, attempt: failures, delayMs, error: failure.message }, 'agent message not delivered yet; retrying');
      throw new RetryDeliveryLater(delayMs, failure.message);
    }
    await this.messages.markDelivered(row.id);
    await this.receipts.delivered(await this.receiptTarget(drain), message);
  }

  private async deliverTyping(drain: Drain, row: MessageEntity, message: StoredOutboundMessage): Promise<void> {
    const age = Date.now() - sentAtMs(row);
    const destination = age > this.settings.TO_BOT_TYPING_MAX_AGE_MS ? undefined : await this.destination(drain, message);
    if (destination?.kind === 'ready' && destination.sender.supportsTyping) {
      try {
        await destination.sender.send({
          messageId: message.id,
          from: originOf(message, (await this.settingsOf(drain)).showAgentProfile),
          content: { event: 'typing' },
          signal: AbortSignal.timeout(Math.min(this.settings.TO_BOT_SEND_TIMEOUT_MS, TYPING_SEND_TIMEOUT_MS)),
          correlationId: message.id,
        });
      } catch (error) {
        this.logger.warn({ connectionId: row.connectionId, genesysMessageId: message.id, error: classifyAgentMessageFailure(error).message }, 'typing indicator not delivered; dropped');
      }
    }
    await this.messages.markDelivered(row.id);
  }

  /**
   * Our own rows, to the bot platform: the end of a handover (Cognigy inject, Kore clearAgentSession, generic event)
   * and end detection's notices for the user (a transfer, the agent leaving; shown like an agent text). After every
   * agent message before them, retried like a message, no Genesys receipt (they are ours, not Genesys').
   */
  private async deliverGatewayRow(drain: Drain, row: MessageEntity, handoverId: string, content: AgentMessageContent, what: string): Promise<void> {
    const destination = await this.destination(drain, {}, handoverId);
    if (destination.kind !== 'ready') {
      const problem = destination.kind === 'no-handover' ? 'the handover no longer exists' : destination.failure.message;
      await this.messages.markFailed(row.id, `InvalidDestination: ${problem}`);
      this.logger.warn({ connectionId: row.connectionId, handoverId, error: problem }, `${what} could not be delivered to the bot platform`);
      return;
    }
    try {
      await destination.sender.send({
        messageId: row.providerMessageId,
        from: { type: 'agent' },
        content,
        signal: AbortSignal.timeout(this.settings.TO_BOT_SEND_TIMEOUT_MS),
        correlationId: row.providerMessageId,
      });
    } catch (error) {
      const failure = classifyAgentMessageFailure(error);
      const failures = row.attempts + 1;
      if (!failure.transient || failures >= this.settings.TO_BOT_MAX_ATTEMPTS) {
        await this.messages.markFailed(row.id, `${failure.reason}: ${failure.message}`);
        this.logger.warn({ connectionId: row.connectionId, handoverId, error: failure.message }, `${what} could not be delivered to the bot platform`);
        return;
      }
      await this.messages.recordAttempt(row.id, failure.message);
      throw new RetryDeliveryLater(retryDelayMs(failures, this.settings.TO_BOT_RETRY_BASE_MS, this.settings.TO_BOT_RETRY_MAX_MS), failure.message);
    }
    await this.messages.markDelivered(row.id);
    this.logger.log({ connectionId: row.connectionId, handoverId, kind: row.kind }, `${what} reached the bot platform`);
  }

  private async settingsOf(drain: Drain): Promise<HandoverSettings> {
    drain.settings ??= this.connectionOf(drain).then(
      (loaded) => handoverSettingsOf(loaded?.connection ?? { botPlatformSettings: {} }),
      () => handoverSettingsOf({ botPlatformSettings: {} }),
    );
    return drain.settings;
  }

  private async fail(drain: Drain, row: MessageEntity, message: StoredOutboundMessage, failure: AgentMessageFailure): Promise<void> {
    await this.messages.markFailed(row.id, `${failure.reason}: ${failure.message}`);
    this.logger.warn({ connectionId: row.connectionId, genesysMessageId: message.id, reason: failure.reason, error: failure.message }, 'agent message failed; Genesys gets a Failed receipt');
    await this.receipts.failed(await this.receiptTarget(drain), message, failure.reason, failure.message);
  }

  /** Where receipts go; a connection that cannot be read falls back to the message's own integration id. */
  private async receiptTarget(drain: Drain): Promise<ReceiptTarget> {
    const loaded = await this.connectionOf(drain).catch(() => null);
    return { connectionId: drain.job.connectionId, integrationId: loaded?.connection.openMessagingIntegrationId ?? null, oauthClientId: loaded?.connection.genesysClientId ?? null };
  }

  /**
   * The handover's sender, looked up once per job; "no handover" is not remembered (it may appear any moment). By the
   * Genesys conversation, or by id for our own rows about a handover Genesys never took.
   */
  private async destination(drain: Drain, message: Pick<StoredOutboundMessage, 'conversationId'>, handoverId?: string): Promise<Destination> {
    if (drain.destination) return drain.destination;
    const byId = handoverId ? await this.handovers.findById(handoverId) : null;
    const handover = byId?.connectionId === drain.job.connectionId ? byId : await this.handovers.findByGenesysConversation(drain.job.connectionId, message.conversationId ?? drain.job.conversationKey);
    if (!handover) return { kind: 'no-handover' };
    const loaded = await this.connectionOf(drain);
    if (!loaded) return { kind: 'unusable', failure: { transient: false, reason: 'InvalidDestination', message: 'the connection no longer exists' } };
    try {
      drain.destination = { kind: 'ready', sender: this.destinations.senderFor(handover, loaded.connection, loaded.secrets) };
    } catch (error) {
      drain.destination = { kind: 'unusable', failure: classifyAgentMessageFailure(error) };
    }
    return drain.destination;
  }

  private connectionOf(drain: Drain): Promise<{ connection: Connection; secrets: ConnectionSecrets } | null> {
    drain.connection ??= (async () => {
      const connection = await this.connections.findById(drain.job.connectionId);
      return connection ? { connection, secrets: await this.connections.readSecrets(connection.id) } : null;
    })();
    return drain.connection;
  }

  /**
   * The head row is not due yet: a delayed wake-up at its due time (one per row and due time, however many jobs
   * ask), and the partition is free meanwhile. If that wake-up already ran (it fired early, e.g. clocks of two worker
   * hosts disagree), pause the partition for the rest instead.
   */
  private async wakeLater(job: DeliverConversationV1, row: MessageEntity, dueAt: number, holdMs: number): Promise<void> {
    const queue = this.wakeups.queue(deliveryQueueName(QueueName.ToBot, job.conversationKey));
    const wakeup = await queue.add(DeliveryJob.DeliverConversation, job, {
      ...DELIVERY_JOB_OPTIONS,
      jobId: `${deliverConversationDedupId(job)}-hold-${row.id}-${dueAt}`,
      delay: holdMs,
    });
    const state = await wakeup.getState();
    if (state !== 'delayed' && state !== 'waiting' && state !== 'prioritized') throw new RetryDeliveryLater(holdMs, 'holding for the reorder window');
  }
}
