import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, HttpException, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type AppendResult,
  type Connection,
  type HandoverEntity,
  type HandoverMessage,
  HandoverRepository,
  isUniqueViolation,
  MessageEntity,
  MessageRepository,
  type StartResult,
} from '@genesys-bridge/persistence';
import { assertPublicUrl, UnsafeUrlError } from '@genesys-bridge/platform-adapters';
import { type DeliverConversationV1, QueueName } from '@genesys-bridge/queue-contracts';
import { DeliveryWakeups } from '@genesys-bridge/queue-runtime';
import type { EndHandoverDto, HandoverMessageAcceptedDto, HandoverMessageDto, HandoverStartedDto, HandoverViewDto, StartHandoverDto } from './handover-api.dto';
import { buildHandoverAttributes } from './handover-attributes';
import { buildTranscript } from './handover-transcript';

/** The `platform` of handovers started through this API, and the `source` of their outbox rows. */
export const GENERIC_PLATFORM = 'generic';
export const DEFAULT_END_REASON = 'user-ended';
/** How long a request waits for Redis to take a wake-up (normally ~1 ms) before answering anyway. */
export const WAKE_TIMEOUT_MS = 500;

/** What a write answered: `created` false for a repeat (200 instead of 202, nothing new stored). */
export interface Outcome<T> {
  created: boolean;
  body: T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The generic handover API (design.md §5 "Handover start", "User → agent"): every write goes to the outbox in the
 * database first (the source of truth), then a wake-up job asks the to-genesys delivery of the handover to drain
 * it in sequence order. A Redis failure after the commit never fails the request: the outbox sweeper re-wakes
 * pending rows.
 */
@Injectable()
export class HandoverApiService {
  private readonly logger = new Logger(HandoverApiService.name);

  constructor(
    private readonly handovers: HandoverRepository,
    private readonly messages: MessageRepository,
    private readonly wakeups: DeliveryWakeups,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Stores the handover with its first outbox rows (optional transcript, then the first message carrying the
   * participant data) in one transaction. The same open conversation again is a retry: the stored handover.
   */
  async start(connection: Connection, request: StartHandoverDto): Promise<Outcome<HandoverStartedDto>> {
    const callbackUrl = request.callbackUrl === undefined ? undefined : await checkCallbackUrl(request.callbackUrl, connection.botPlatformSettings.allowPrivateCallbackUrls === true);
    const { attributes, warnings } = buildHandoverAttributes(request);
    const transcript = request.transcript ? buildTranscript(request.transcript) : undefined;
    if (transcript && transcript.omitted > 0) warnings.push(`transcript: the ${transcript.omitted} oldest line(s) were left out to keep the message short`);
    const firstMessages: HandoverMessage[] = [
      ...(transcript ? [{ source: GENERIC_PLATFORM, providerMessageId: `${request.firstMessage.messageId}#transcript`, kind: 'transcript', payload: { text: transcript.text } }] : []),
      { source: GENERIC_PLATFORM, providerMessageId: request.firstMessage.messageId, kind: 'text', payload: { text: request.firstMessage.text, customAttributes: attributes } },
    ];
    let result: StartResult;
    try {
      result = await this.handovers.start(
        {
          connectionId: connection.id,
          platform: GENERIC_PLATFORM,
          platformConversationId: request.conversationId,
          platformContext: callbackUrl === undefined ? {} : { callbackUrl },
          customer: plainJson(request.customer),
          attributes,
        },
        firstMessages,
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `firstMessage.messageId ${JSON.stringify(request.firstMessage.messageId)} was already used by another message of this connection` });
      }
      throw this.storeFailed(error, { connectionId: connection.id, conversationId: request.conversationId }, 'could not store a handover start');
    }
    const { handover, created } = result;
    if (created) {
      this.logger.log({ connectionId: connection.id, handoverId: handover.id, rows: result.messages.length }, 'handover started');
      if (warnings.length > 0) this.logger.warn({ connectionId: connection.id, handoverId: handover.id, warnings }, 'handover participant data adjusted');
    } else {
      this.logger.log({ connectionId: connection.id, handoverId: handover.id }, 'handover start repeated for an open conversation; nothing new stored');
    }
    // Also on a repeat: a wake-up lost the first time gets another chance (BullMQ keeps one per conversation).
    await this.wake(connection.id, handover.id);
    return { created, body: { handoverId: handover.id, status: handover.status, attributes: handover.attributes, warnings: created ? warnings : [] } };
  }

  async send(connection: Connection, handoverId: string, request: HandoverMessageDto): Promise<Outcome<HandoverMessageAcceptedDto>> {
    const handover = await this.ownedHandover(connection.id, handoverId);
    if (handover.status === 'ended') {
      // A resend of a message stored before the end is still the same message.
      const stored = await this.dataSource.getRepository(MessageEntity).findOneBy({ connectionId: connection.id, source: GENERIC_PLATFORM, providerMessageId: request.messageId });
      if (stored?.conversationKey === handover.id) return { created: false, body: { handoverId, messageId: request.messageId, sequence: stored.sequence } };
      throw ended(handover);
    }
    const kind = request.quickReply ? 'quick-reply-answer' : request.attachments ? 'attachment' : 'text';
    const result = await this.append(handover, request.messageId, kind, plainJson({ text: request.text, attachments: request.attachments, quickReply: request.quickReply }));
    if (result.message.conversationKey !== handover.id) {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `messageId ${JSON.stringify(request.messageId)} was already used in another handover` });
    }
    if (result.message.status === 'pending') await this.wake(connection.id, handover.id);
    return { created: result.created, body: { handoverId, messageId: request.messageId, sequence: result.message.sequence } };
  }

  async typing(connection: Connection, handoverId: string): Promise<HandoverMessageAcceptedDto> {
    const handover = await this.ownedHandover(connection.id, handoverId);
    if (handover.status === 'ended') throw ended(handover);
    const providerMessageId = `typing#${randomUUID()}`;
    const { message } = await this.append(handover, providerMessageId, 'typing', {});
    await this.wake(connection.id, handover.id);
    return { handoverId, messageId: providerMessageId, sequence: message.sequence };
  }

  /**
   * Ends the handover from the bot side: a `disconnect` row (after everything sent before it) tells the delivery
   * worker to disconnect the customer in Genesys, then the handover is marked ended. The row comes first and is
   * keyed by the handover, so a retry after a failure in between completes the end without a second disconnect.
   */
  async end(connection: Connection, handoverId: string, request: EndHandoverDto): Promise<Outcome<{ handoverId: string; status: 'ended' }>> {
    const handover = await this.ownedHandover(connection.id, handoverId);
    const body = { handoverId, status: 'ended' as const };
    if (handover.status === 'ended') return { created: false, body };
    const reason = request.reason ?? DEFAULT_END_REASON;
    const { message } = await this.append(handover, `${handover.id}#end`, 'disconnect', { reason });
    let endedNow: boolean;
    try {
      endedNow = await this.handovers.end(handover.id, reason);
    } catch (error) {
      throw this.storeFailed(error, { connectionId: connection.id, handoverId }, 'could not end a handover');
    }
    if (message.status === 'pending') await this.wake(connection.id, handover.id);
    if (endedNow) this.logger.log({ connectionId: connection.id, handoverId, reason }, 'handover ended by the bot platform');
    return { created: endedNow, body };
  }

  async view(connection: Connection, handoverId: string): Promise<HandoverViewDto> {
    const handover = await this.ownedHandover(connection.id, handoverId);
    return {
      handoverId: handover.id,
      status: handover.status,
      genesysConversationId: handover.genesysConversationId,
      createdAt: handover.createdAt,
      endedAt: handover.endedAt,
      endReason: handover.endReason,
      attributes: handover.attributes,
    };
  }

  /** The handover, only when it belongs to this connection: another tenant's handover is as unknown as a missing one. */
  private async ownedHandover(connectionId: string, handoverId: string): Promise<HandoverEntity> {
    const handover = UUID.test(handoverId) ? await this.handovers.findById(handoverId) : null;
    if (!handover || handover.connectionId !== connectionId) {
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown handover ${handoverId.slice(0, 64)}` });
    }
    return handover;
  }

  private async append(handover: HandoverEntity, providerMessageId: string, kind: string, payload: Record<string, unknown>): Promise<AppendResult> {
    try {
      return await this.messages.append({
        connectionId: handover.connectionId,
        source: GENERIC_PLATFORM,
        providerMessageId,
        direction: 'to-genesys',
        conversationKey: handover.id,
        kind,
        payload,
      });
    } catch (error) {
      throw this.storeFailed(error, { connectionId: handover.connectionId, handoverId: handover.id, kind }, 'could not store a handover message');
    }
  }

  /** Never fails the request: the rows are committed, and the outbox sweeper re-wakes pending rows. */
  private async wake(connectionId: string, handoverId: string): Promise<void> {
    const job: DeliverConversationV1 = { v: 1, connectionId, conversationKey: handoverId };
    try {
      await withTimeout(this.wakeups.wake(QueueName.ToGenesys, job), WAKE_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ connectionId, handoverId, error: (error as Error).message }, 'stored, but the to-genesys delivery wake-up could not be queued; the outbox sweeper will wake it');
    }
  }

  private storeFailed(error: unknown, context: Record<string, unknown>, what: string): HttpException {
    if (error instanceof HttpException) return error;
    this.logger.error({ ...context, error: (error as Error).message }, what);
    return new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'the request could not be stored; retry later' });
  }
}

/** SSRF check of the callback URL (design.md §7), answered like a validation error of the field. */
async function checkCallbackUrl(url: string, allowPrivate: boolean): Promise<string> {
  try {
    return (await assertPublicUrl(url, { allowPrivate })).toString();
  } catch (error) {
    if (!(error instanceof UnsafeUrlError)) throw error;
    const hint = allowPrivate ? '' : ' (private addresses need botPlatformSettings.allowPrivateCallbackUrls on the connection)';
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request validation failed',
      errors: [{ path: 'callbackUrl', problems: [`callbackUrl is refused: ${error.message}${hint}`] }],
    });
  }
}

function ended(handover: HandoverEntity): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message: `handover ${handover.id} has ended (${handover.endReason ?? 'ended'}); start a new one` });
}

/** A validated DTO as plain JSON (what the JSON columns store): class instances and undefined fields gone. */
function plainJson(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
  });
  // Promise.race subscribes to `work`, so its late rejection is handled, not reported as unhandled.
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
