import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { type AppendResult, MessageRepository } from '@genesys-bridge/persistence';
import { type DeliverConversationV1, QueueName } from '@genesys-bridge/queue-contracts';
import { DeliveryWakeups } from '@genesys-bridge/queue-runtime';
import { conversationKeyOf, inboxKindOf, providerMessageIdOf } from './inbox-keys';
import type { OutboundOpenMessageDto } from './outbound-message.dto';

/**
 * How long the webhook waits for Redis to take the wake-up. Normally ~1 ms; when Redis is down the
 * producer connection fails fast or (before its first connect) waits, so this bounds the answer time.
 */
export const WAKE_TIMEOUT_MS = 500;

export interface AcceptedMessage {
  /** false for a Genesys retry or replay of a message already stored. */
  created: boolean;
  sequence: number;
}

/**
 * Where Genesys' Open Messaging webhook messages enter (design.md §5 "Agent → user", perf-reliability.md
 * §7.1): one idempotent insert into the inbox (the row is the source of truth), then a wake-up for the
 * to-bot delivery of its conversation. The database decides the answer: no committed row, no 200.
 */
@Injectable()
export class OpenMessagingInbox {
  private readonly logger = new Logger(OpenMessagingInbox.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly wakeups: DeliveryWakeups,
  ) {}

  async accept(connectionId: string, message: OutboundOpenMessageDto): Promise<AcceptedMessage> {
    let result: AppendResult;
    try {
      result = await this.messages.append({
        connectionId,
        source: 'genesys',
        providerMessageId: providerMessageIdOf(message),
        direction: 'to-bot',
        conversationKey: conversationKeyOf(message),
        kind: inboxKindOf(message),
        payload: toPlainJson(message),
      });
    } catch (error) {
      this.logger.error({ connectionId, genesysMessageId: message.id, error: (error as Error).message }, 'could not store an Open Messaging webhook message; answering 503 so Genesys retries');
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'the message could not be stored; retry later' });
    }
    const stored = result.message;
    if (!result.created) this.logger.log({ connectionId, genesysMessageId: message.id, messageId: stored.id }, 'Genesys resent a stored message; nothing new stored');
    // Also on a resend while still pending: a wake-up lost the first time gets another chance.
    if (stored.status === 'pending') await this.wake(connectionId, stored.conversationKey, message.id);
    return { created: result.created, sequence: stored.sequence };
  }

  /** Never fails the request: the row is committed, and the outbox sweeper re-wakes pending rows. */
  private async wake(connectionId: string, conversationKey: string, genesysMessageId: string): Promise<void> {
    const job: DeliverConversationV1 = { v: 1, connectionId, conversationKey };
    try {
      await withTimeout(this.wakeups.wake(QueueName.ToBot, job), WAKE_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(
        { connectionId, genesysMessageId, error: (error as Error).message },
        'message stored, but the to-bot delivery wake-up could not be queued; the outbox sweeper will wake it',
      );
    }
  }
}

/** The validated DTO as plain JSON (what the payload column stores): class instances and undefined fields gone. */
function toPlainJson(message: OutboundOpenMessageDto): Record<string, unknown> {
  return JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
  });
  // Promise.race subscribes to `work`, so its late rejection is handled, not reported as unhandled.
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
