import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { type GenesysClient, type GenesysCallOptions, isGenesysApiError, type OpenMessagingFrom } from '@genesys-bridge/genesys-client';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { ConnectionRepository, HandoverEntity, HandoverRepository, MessageEntity, MessageRepository } from '@genesys-bridge/persistence';
import { type DeliverConversationV1, QueueName } from '@genesys-bridge/queue-contracts';
import { RetryDeliveryLater } from '@genesys-bridge/queue-runtime';
import { EndDetection } from '../end-detection/end-detection.service';
import { endDetectionSettingsOf } from '../end-detection/end-detection-settings';
import { HandoverEndReports } from '../handovers/handover-end-reports';
import { SubscriptionHintPublisher } from '../notifications/subscription-hints';
import { DeliveryMetrics } from './delivery-metrics';
import { GenesysRateBudget } from './genesys-rate-budget';
import {
  customAttributesFor,
  customerOf,
  disconnectReason,
  InvalidPayloadError,
  OutboxKind,
  ownCustomAttributes,
  toInboundMessage,
  toStructuredResponse,
  toTypingEvent,
} from './to-genesys-message.mapper';

const DIRECTION = QueueName.ToGenesys;
/** Rows read per query; a conversation is drained batch after batch until nothing is pending. */
export const DRAIN_BATCH_SIZE = 100;
/** A typing indicator older than this is noise: skipped and marked delivered. */
export const TYPING_MAX_AGE_MS = 5_000;
/** Transient failures (5xx, 408, timeouts, network): 1 s, doubling with the row's attempts, capped. */
export const TRANSIENT_RETRY_BASE_MS = 1_000;
export const TRANSIENT_RETRY_MAX_MS = 30_000;
/** Credentials refused, or the connection lacks its Open Messaging integration: an admin may fix it, try again later. */
export const CONFIGURATION_RETRY_MS = 30_000;
/** Fallback when a 429 came without a usable Retry-After (the client already defaults it). */
const RATE_LIMITED_FALLBACK_MS = 1_000;
/** While the worker shuts down, the job goes back to its partition's head this soon. */
const SHUTDOWN_RETRY_MS = 100;

export function transientRetryDelayMs(attemptsSoFar: number): number {
  return Math.min(TRANSIENT_RETRY_MAX_MS, TRANSIENT_RETRY_BASE_MS * 2 ** Math.max(0, Math.min(attemptsSoFar, 16)));
}

/** What one drain knows about its conversation; `handover` is updated in memory as the drain changes it. */
interface Conversation {
  handover: HandoverEntity;
  /** Sequence of the conversation's (first) `disconnect` row: the user side ended the handover there. */
  endSequence: number | undefined;
  customer: OpenMessagingFrom;
  integrationId: string;
  oauthClientId: string;
  client: GenesysClient;
  /** The connection's no-agent fallback (botPlatformSettings.noAgentTimeoutMs), armed when Genesys takes the handover. */
  noAgentTimeoutMs: number | null;
}

type RowOutcome = 'sent' | 'skipped';

/**
 * Delivers a conversation's user → agent outbox rows to Genesys Open Messaging, in sequence order, one at a time
 * (perf-reliability.md §7.3). A row is marked delivered only after Genesys accepted it; the first transient failure
 * stops the drain (`RetryDeliveryLater`: the job goes back to the head of its partition) so nothing overtakes it; a
 * permanent failure marks the row failed and the drain goes on. Every Genesys call first takes a point from the
 * OAuth client's shared rate budget. Each message carries our row id as `channel.messageId` and the row's creation time
 * as `channel.time`, so a resend after a crash is the same message.
 */
@Injectable()
export class ToGenesysDelivery {
  private readonly logger = new Logger(ToGenesysDelivery.name);
  private stopping = false;
  /** Replaced in unit tests. */
  clock: () => number = Date.now;

  constructor(
    private readonly messages: MessageRepository,
    private readonly handovers: HandoverRepository,
    private readonly connections: ConnectionRepository,
    private readonly genesys: GenesysClients,
    private readonly budget: GenesysRateBudget,
    private readonly metrics: DeliveryMetrics,
    private readonly dataSource: DataSource,
    private readonly endReports: HandoverEndReports,
    private readonly endDetection: EndDetection,
    /** Tells the Notifications manager to subscribe the new conversation now (best effort; absent in unit tests). */
    @Optional() private readonly subscriptionHints?: SubscriptionHintPublisher,
  ) {}

  /** Shutting down: drains in progress stop before their next row and go back to their partition. */
  stop(): void {
    this.stopping = true;
  }

  async deliverConversation({ connectionId, conversationKey }: DeliverConversationV1): Promise<void> {
    const handled = new Set<string>();
    let conversation: Conversation | undefined;
    for (;;) {
      const rows = (await this.messages.pendingInConversation(connectionId, DIRECTION, conversationKey, DRAIN_BATCH_SIZE)).filter((row) => !handled.has(row.id));
      if (rows.length === 0) return;
      conversation ??= await this.open(connectionId, conversationKey, rows);
      if (!conversation) continue; // the rows were marked failed; look again for rows that arrived meanwhile
      for (const row of rows) {
        if (this.stopping) throw new RetryDeliveryLater(SHUTDOWN_RETRY_MS, 'worker shutting down');
        handled.add(row.id);
        await this.deliverRow(conversation, row);
      }
    }
  }

  /**
   * Loads what the drain needs. A handover or connection that no longer exists can never be delivered to: its rows are
   * marked failed (returns undefined). A connection without an Open Messaging integration waits for an admin.
   */
  private async open(connectionId: string, conversationKey: string, rows: MessageEntity[]): Promise<Conversation | undefined> {
    const [handover, connection] = await Promise.all([this.handovers.findById(conversationKey), this.connections.findById(connectionId)]);
    const missing = !connection ? `connection ${connectionId} not found` : !handover || handover.connectionId !== connectionId ? `handover ${conversationKey} not found` : undefined;
    if (missing || !handover || !connection) {
      for (const row of rows) await this.fail(row, missing ?? 'not found');
      return undefined;
    }
    if (!connection.openMessagingIntegrationId) {
      this.logger.error({ connectionId, handoverId: handover.id }, 'connection has no openMessagingIntegrationId; user messages wait until it is configured');
      throw new RetryDeliveryLater(CONFIGURATION_RETRY_MS, `connection ${connectionId} has no Open Messaging integration`);
    }
    let customer: OpenMessagingFrom;
    try {
      customer = customerOf(handover.customer);
    } catch (error) {
      if (!(error instanceof InvalidPayloadError)) throw error;
      for (const row of rows) await this.fail(row, error.message);
      return undefined;
    }
    return {
      handover,
      endSequence: handover.status === 'ended' ? await this.disconnectSequence(connectionId, conversationKey) : undefined,
      customer,
      integrationId: connection.openMessagingIntegrationId,
      oauthClientId: connection.genesysClientId,
      client: await this.genesys.forConnection(connectionId),
      noAgentTimeoutMs: endDetectionSettingsOf(connection).noAgentTimeoutMs,
    };
  }

  /** Where an ended handover's `disconnect` row sits (none when it was ended from the Genesys side). */
  private async disconnectSequence(connectionId: string, conversationKey: string): Promise<number | undefined> {
    const row = await this.dataSource.getRepository(MessageEntity).findOne({
      select: { sequence: true },
      where: { connectionId, conversationKey, direction: DIRECTION, kind: OutboxKind.Disconnect },
      order: { sequence: 'ASC' },
    });
    return row?.sequence;
  }

  private async deliverRow(conversation: Conversation, row: MessageEntity): Promise<void> {
    let outcome: RowOutcome;
    try {
      outcome = await this.send(conversation, row);
    } catch (error) {
      await this.handleFailure(conversation, row, error);
      return;
    } finally {
      if (row.kind === OutboxKind.Disconnect) conversation.endSequence ??= row.sequence;
    }
    await this.messages.markDelivered(row.id);
    this.metrics.delivered.inc({ direction: DIRECTION });
    this.logger.debug({ handoverId: conversation.handover.id, messageId: row.id, sequence: row.sequence, kind: row.kind, outcome }, 'delivered to Genesys');
  }

  private send(conversation: Conversation, row: MessageEntity): Promise<RowOutcome> {
    if (row.kind !== OutboxKind.Disconnect) {
      if (row.kind === OutboxKind.Typing && conversation.handover.status === 'ended') return Promise.resolve('skipped');
      // Stored after the user side ended the handover (a race with the end): sending it would open a new, unrouted
      // Genesys conversation. What was stored before the disconnect row still goes.
      const { endSequence } = conversation;
      if (endSequence !== undefined && row.sequence > endSequence) throw new InvalidPayloadError(`the handover ended (disconnect #${endSequence}) before this message`);
    }
    switch (row.kind) {
      case OutboxKind.Transcript:
      case OutboxKind.Text:
      case OutboxKind.Notice:
      case OutboxKind.Attachment:
        return this.sendMessage(conversation, row);
      case OutboxKind.QuickReplyAnswer:
        return this.sendQuickReplyAnswer(conversation, row);
      case OutboxKind.Typing:
        return this.sendTyping(conversation, row);
      case OutboxKind.Disconnect:
        return this.disconnect(conversation, row);
      default:
        throw new InvalidPayloadError(`unknown kind ${row.kind}`);
    }
  }

  /** The handover's participant data ride on its first message: the one that creates the Genesys conversation. */
  private customAttributes(conversation: Conversation, row: MessageEntity): Record<string, string> | undefined {
    const { handover } = conversation;
    return customAttributesFor(row, handover.attributes ?? {}, handover.genesysConversationId === null);
  }

  private async sendMessage(conversation: Conversation, row: MessageEntity): Promise<RowOutcome> {
    const message = toInboundMessage(row, conversation.customer, this.customAttributes(conversation, row));
    await this.spend(conversation);
    const response = await conversation.client.sendInboundMessage(conversation.integrationId, message, { prefetchConversationId: true, ...callOptions(row) });
    if (response.conversationId) await this.attach(conversation, response.conversationId);
    return 'sent';
  }

  private async sendQuickReplyAnswer(conversation: Conversation, row: MessageEntity): Promise<RowOutcome> {
    const response = toStructuredResponse(row, conversation.customer, this.customAttributes(conversation, row));
    await this.spend(conversation);
    await conversation.client.sendStructuredResponse(conversation.integrationId, response, callOptions(row));
    return 'sent';
  }

  /** Stale typing is noise, and typing before a Genesys conversation exists has nowhere to go: both are skipped. */
  private async sendTyping(conversation: Conversation, row: MessageEntity): Promise<RowOutcome> {
    if (this.clock() - row.createdAt.getTime() > TYPING_MAX_AGE_MS || conversation.handover.genesysConversationId === null) return 'skipped';
    const event = toTypingEvent(row, conversation.customer);
    await this.spend(conversation);
    await conversation.client.sendInboundEvent(conversation.integrationId, event, callOptions(row));
    return 'sent';
  }

  /**
   * The user side ended the handover: disconnect the customer participant (found with GET conversation), or the whole
   * conversation when no customer participant is there; then end the handover (once; a no-op when already ended).
   */
  private async disconnect(conversation: Conversation, row: MessageEntity): Promise<RowOutcome> {
    const reason = disconnectReason(row);
    const genesysConversationId = conversation.handover.genesysConversationId;
    let outcome: RowOutcome = 'skipped';
    if (genesysConversationId) {
      const { client } = conversation;
      await this.spend(conversation);
      const current = await client.getMessageConversation(genesysConversationId, callOptions(row));
      const customer = current.participants?.find((participant) => participant.purpose === 'customer');
      if (!customer) {
        await this.spend(conversation);
        await client.disconnectConversation(genesysConversationId, callOptions(row));
        outcome = 'sent';
      } else if (customer.state !== 'disconnected') {
        await this.spend(conversation);
        await client.disconnectParticipant(genesysConversationId, customer.id, callOptions(row));
        outcome = 'sent';
      }
    }
    if (await this.handovers.end(conversation.handover.id, reason)) {
      Object.assign(conversation.handover, { status: 'ended', endedAt: new Date(this.clock()), endReason: reason });
    }
    this.logger.log({ handoverId: conversation.handover.id, genesysConversationId, reason, outcome }, 'handover ended by the user side');
    return outcome;
  }

  private async attach(conversation: Conversation, genesysConversationId: string): Promise<void> {
    const { handover } = conversation;
    if (handover.genesysConversationId === null) {
      if (handover.status === 'ended') {
        // Ended (by the API) before its first message reached Genesys: keep it ended, but remember the conversation
        // so that its disconnect row, even when retried by a later job, disconnects the customer.
        await this.dataSource.getRepository(HandoverEntity).update({ id: handover.id, genesysConversationId: IsNull() }, { genesysConversationId });
      } else {
        await this.handovers.attachGenesysConversation(handover.id, genesysConversationId);
        handover.status = 'active';
        await this.armNoAgentCheck(conversation);
        void this.subscriptionHints?.publish({ connectionId: handover.connectionId, genesysConversationId });
      }
      handover.genesysConversationId = genesysConversationId;
      this.logger.log({ handoverId: handover.id, genesysConversationId }, 'Genesys conversation started');
    } else if (handover.genesysConversationId !== genesysConversationId) {
      this.logger.warn({ handoverId: handover.id, known: handover.genesysConversationId, answered: genesysConversationId }, 'Genesys answered with another conversation id');
    }
  }

  /** End detection's no-agent timer starts when Genesys took the handover; a failure to arm it never fails delivery. */
  private async armNoAgentCheck(conversation: Conversation): Promise<void> {
    if (conversation.noAgentTimeoutMs === null) return;
    const { handover } = conversation;
    await this.endDetection.armNoAgentCheck(handover.connectionId, handover.id, conversation.noAgentTimeoutMs).catch((error: unknown) => {
      this.logger.warn({ handoverId: handover.id, error: (error as Error).message }, 'could not arm the no-agent timer; the handover goes on without it');
    });
  }

  /** Takes a point from the OAuth client's shared budget, or pauses the partition until the next one (nothing sent). */
  private async spend(conversation: Conversation): Promise<void> {
    const decision = await this.budget.take(conversation.oauthClientId);
    if (decision.granted) return;
    this.metrics.throttled.inc({ direction: DIRECTION, source: 'budget' });
    throw new RetryDeliveryLater(decision.waitMs, `Genesys rate budget of OAuth client ${conversation.oauthClientId} spent; next point in ${decision.waitMs} ms`);
  }

  private async handleFailure(conversation: Conversation, row: MessageEntity, error: unknown): Promise<void> {
    if (error instanceof RetryDeliveryLater) throw error;
    if (error instanceof InvalidPayloadError) {
      await this.fail(row, `cannot send ${row.kind}: ${error.message}`);
      return;
    }
    // Anything else (database, bug) leaves the row pending; the consumer retries the conversation shortly.
    if (!isGenesysApiError(error)) throw error;
    const context = { handoverId: conversation.handover.id, messageId: row.id, sequence: row.sequence, kind: row.kind, error: error.toJSON() };
    switch (error.kind) {
      case 'permanent':
        await this.fail(row, error.message, error.toJSON());
        if (opensHandover(conversation, row)) await this.refuseHandover(conversation, row, `genesys-refused: ${error.status ?? 'error'}`);
        return;
      case 'rate-limited': {
        const waitMs = error.retryAfterMs ?? RATE_LIMITED_FALLBACK_MS;
        await this.messages.recordAttempt(row.id, error.message);
        this.metrics.throttled.inc({ direction: DIRECTION, source: 'genesys' });
        await this.budget.closeFor(conversation.oauthClientId, waitMs).catch((closeError: unknown) => {
          this.logger.warn({ ...context, closeError: String(closeError) }, 'could not close the shared Genesys rate budget');
        });
        this.logger.warn({ ...context, waitMs }, 'Genesys answered 429; waiting Retry-After');
        throw new RetryDeliveryLater(waitMs, error.message);
      }
      case 'auth':
        await this.messages.recordAttempt(row.id, error.message);
        this.logger.error(context, 'Genesys refused the connection credentials; retrying in 30 s');
        throw new RetryDeliveryLater(CONFIGURATION_RETRY_MS, error.message);
      default: {
        const waitMs = transientRetryDelayMs(row.attempts);
        await this.messages.recordAttempt(row.id, error.message);
        this.logger.warn({ ...context, attempts: row.attempts + 1, waitMs }, 'transient Genesys failure; retrying');
        throw new RetryDeliveryLater(waitMs, error.message);
      }
    }
  }

  /**
   * Genesys refused the message that carries the handover's participant data, before any conversation existed: the
   * handover cannot be routed. It ends (later rows fail as "after the end"), and the bot platform is told
   * (`error`), so the bot takes the conversation back instead of waiting for an agent forever.
   */
  private async refuseHandover(conversation: Conversation, row: MessageEntity, reason: string): Promise<void> {
    const { handover } = conversation;
    conversation.endSequence = row.sequence;
    if (await this.handovers.end(handover.id, reason)) {
      this.logger.error({ connectionId: handover.connectionId, handoverId: handover.id, reason }, 'Genesys refused the handover; the bot platform is told');
      await this.endReports.report(handover, 'error', reason);
    }
  }

  private async fail(row: MessageEntity, reason: string, error?: unknown): Promise<void> {
    await this.messages.markFailed(row.id, reason);
    this.metrics.failed.inc({ direction: DIRECTION });
    this.logger.error({ connectionId: row.connectionId, handoverId: row.conversationKey, messageId: row.id, sequence: row.sequence, kind: row.kind, reason, error }, 'message to Genesys failed permanently');
  }
}

/** The row that would create the Genesys conversation with the handover's participant data. */
function opensHandover(conversation: Conversation, row: MessageEntity): boolean {
  return conversation.handover.genesysConversationId === null && conversation.handover.status === 'starting' && ownCustomAttributes(row) !== undefined;
}

/** Our row id doubles as the correlation id Genesys logs (`inin-correlation-id`). */
function callOptions(row: MessageEntity): GenesysCallOptions {
  return { correlationId: row.id };
}
