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
import type { HandoverMessageAcceptedDto, HandoverStartedDto, HandoverViewDto } from '../handover-api/handover-api.dto';
import { buildHandoverAttributes, type HandoverAttributeInput } from './handover-attributes';
import { handoverSettingsOf } from './handover-settings';
import { QueueResolutionStep } from './queue-resolution.step';
import { buildTranscript, type TranscriptLine } from './handover-transcript';

/** The bot platforms a handover can come from: its `platform`, and the `source` of its outbox rows. */
export type HandoverPlatform = 'generic' | 'cognigy' | 'kore';
export const DEFAULT_END_REASON = 'user-ended';
/** How long a request waits for Redis to take a wake-up (normally ~1 ms) before answering anyway. */
export const WAKE_TIMEOUT_MS = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a write answered: `created` false for a repeat (200 instead of 202, nothing new stored). */
export interface Outcome<T> {
  created: boolean;
  body: T;
}

/** A handover request as every intake (generic API, Cognigy, Kore) hands it over, already validated. */
export interface HandoverStartRequest extends Omit<HandoverAttributeInput, 'customer'> {
  /** The bot platform's id for the conversation; one open handover per conversation. */
  conversationId: string;
  customer: { id: string; idType: string; firstName?: string; lastName?: string; nickname?: string; email?: string };
  transcript?: readonly TranscriptLine[];
  /** The message that opens the Genesys conversation and carries the participant data. */
  firstMessage: { messageId: string; text: string };
}

/** A customer message for the agent: text, attachments, or a quick-reply answer alone. */
export interface HandoverUserMessage {
  messageId: string;
  text?: string;
  attachments?: ReadonlyArray<{ url: string; mediaType: string; mime?: string; filename?: string }>;
  quickReply?: { text: string; payload: string; originatingMessageId: string };
}

/**
 * Handovers, whatever intake they came from (design.md §5 "Handover start", "User → agent"): every write goes to
 * the outbox in the database first (the source of truth), then a wake-up job asks the to-genesys delivery of the
 * handover to drain it in sequence order. A Redis failure after the commit never fails the request: the outbox
 * sweeper re-wakes pending rows. Outbox rows carry the handover's platform as `source`, so message ids are unique
 * per connection and platform.
 */
@Injectable()
export class HandoverService {
  private readonly logger = new Logger(HandoverService.name);

  constructor(
    private readonly handovers: HandoverRepository,
    private readonly messages: MessageRepository,
    private readonly wakeups: DeliveryWakeups,
    private readonly dataSource: DataSource,
    private readonly queueResolution: QueueResolutionStep,
  ) {}

  /**
   * Stores the handover with its first outbox rows (optional transcript, the first message carrying the
   * participant data, the optional "user joined" notice) in one transaction. The same open conversation again is a
   * retry: the stored handover.
   */
  async start(
    connection: Connection,
    platform: HandoverPlatform,
    request: HandoverStartRequest,
    platformContext: Record<string, unknown> = {},
  ): Promise<Outcome<HandoverStartedDto>> {
    const settings = handoverSettingsOf(connection);
    const attributeInput = { ...request, sendProfile: request.sendProfile ?? settings.sendProfile };
    // With botPlatformSettings.resolveQueues: QueueId (+ QueueResolvedBy) from QueueName; never fails the start.
    const { attributes, warnings } = await this.queueResolution.apply(connection, buildHandoverAttributes(attributeInput), (extra) =>
      buildHandoverAttributes({ ...attributeInput, customAttributes: { ...attributeInput.customAttributes, ...extra } }),
    );
    const transcript = request.transcript ? buildTranscript(request.transcript) : undefined;
    if (transcript && transcript.omitted > 0) warnings.push(`transcript: the ${transcript.omitted} oldest line(s) were left out to keep the message short`);
    const firstId = request.firstMessage.messageId;
    const firstMessages: HandoverMessage[] = [
      ...(transcript ? [{ source: platform, providerMessageId: `${firstId}#transcript`, kind: 'transcript', payload: { text: transcript.text } }] : []),
      { source: platform, providerMessageId: firstId, kind: 'text', payload: { text: request.firstMessage.text, customAttributes: attributes } },
      ...(settings.notices.userJoined ? [{ source: platform, providerMessageId: `${firstId}#joined`, kind: 'notice', payload: { text: settings.notices.userJoined } }] : []),
    ];
    let result: StartResult;
    try {
      result = await this.handovers.start(
        {
          connectionId: connection.id,
          platform,
          platformConversationId: request.conversationId,
          platformContext,
          customer: plainJson(request.customer),
          attributes,
        },
        firstMessages,
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `firstMessage.messageId ${JSON.stringify(firstId)} was already used by another message of this connection` });
      }
      throw this.storeFailed(error, { connectionId: connection.id, platform }, 'could not store a handover start');
    }
    const { handover, created } = result;
    if (created) {
      this.logger.log({ connectionId: connection.id, handoverId: handover.id, platform, rows: result.messages.length }, 'handover started');
      if (warnings.length > 0) this.logger.warn({ connectionId: connection.id, handoverId: handover.id, warnings }, 'handover participant data adjusted');
    } else {
      this.logger.log({ connectionId: connection.id, handoverId: handover.id, platform }, 'handover start repeated for an open conversation; nothing new stored');
    }
    // Also on a repeat: a wake-up lost the first time gets another chance (BullMQ keeps one per conversation).
    await this.wake(connection.id, handover.id);
    return { created, body: { handoverId: handover.id, status: handover.status, attributes: handover.attributes, warnings: created ? warnings : [] } };
  }

  async send(handover: HandoverEntity, request: HandoverUserMessage): Promise<Outcome<HandoverMessageAcceptedDto>> {
    const handoverId = handover.id;
    if (handover.status === 'ended') {
      // A resend of a message stored before the end is still the same message.
      const stored = await this.dataSource
        .getRepository(MessageEntity)
        .findOneBy({ connectionId: handover.connectionId, source: handover.platform, providerMessageId: request.messageId });
      if (stored?.conversationKey === handover.id) return { created: false, body: { handoverId, messageId: request.messageId, sequence: stored.sequence } };
      throw ended(handover);
    }
    const kind = request.quickReply ? 'quick-reply-answer' : request.attachments ? 'attachment' : 'text';
    const result = await this.append(handover, request.messageId, kind, plainJson({ text: request.text, attachments: request.attachments, quickReply: request.quickReply }));
    if (result.message.conversationKey !== handover.id) {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `messageId ${JSON.stringify(request.messageId)} was already used in another handover` });
    }
    if (result.message.status === 'pending') await this.wake(handover.connectionId, handover.id);
    return { created: result.created, body: { handoverId, messageId: request.messageId, sequence: result.message.sequence } };
  }

  async typing(handover: HandoverEntity): Promise<HandoverMessageAcceptedDto> {
    if (handover.status === 'ended') throw ended(handover);
    const providerMessageId = `typing#${randomUUID()}`;
    const { message } = await this.append(handover, providerMessageId, 'typing', {});
    await this.wake(handover.connectionId, handover.id);
    return { handoverId: handover.id, messageId: providerMessageId, sequence: message.sequence };
  }

  /**
   * Ends the handover from the bot side: the optional "user left" notice and a `disconnect` row (after everything
   * sent before them) tell the delivery worker to disconnect the customer in Genesys, then the handover is marked
   * ended. The rows come first and are keyed by the handover, so a retry after a failure in between completes the
   * end without a second disconnect.
   */
  async end(connection: Connection, handover: HandoverEntity, reason: string = DEFAULT_END_REASON): Promise<Outcome<{ handoverId: string; status: 'ended' }>> {
    const handoverId = handover.id;
    const body = { handoverId, status: 'ended' as const };
    if (handover.status === 'ended') return { created: false, body };
    const userLeft = handoverSettingsOf(connection).notices.userLeft;
    if (userLeft) await this.append(handover, `${handover.id}#left`, 'notice', { text: userLeft });
    const { message } = await this.append(handover, `${handover.id}#end`, 'disconnect', { reason });
    let endedNow: boolean;
    try {
      endedNow = await this.handovers.end(handover.id, reason);
    } catch (error) {
      throw this.storeFailed(error, { connectionId: connection.id, handoverId }, 'could not end a handover');
    }
    if (message.status === 'pending') await this.wake(connection.id, handover.id);
    if (endedNow) this.logger.log({ connectionId: connection.id, handoverId, platform: handover.platform, reason }, 'handover ended by the bot platform');
    return { created: endedNow, body };
  }

  view(handover: HandoverEntity): HandoverViewDto {
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
  async owned(connectionId: string, handoverId: string): Promise<HandoverEntity> {
    const handover = UUID.test(handoverId) ? await this.handovers.findById(handoverId) : null;
    if (!handover || handover.connectionId !== connectionId) {
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown handover ${handoverId.slice(0, 64)}` });
    }
    return handover;
  }

  /** The open handover of a platform conversation, or null. */
  findOpen(connectionId: string, platform: HandoverPlatform, conversationId: string): Promise<HandoverEntity | null> {
    return this.handovers.findOpen(connectionId, platform, conversationId);
  }

  /** The most recent handover of a platform conversation, open or ended, or null. */
  findLatest(connectionId: string, platform: HandoverPlatform, conversationId: string): Promise<HandoverEntity | null> {
    return this.handovers.findLatest(connectionId, platform, conversationId);
  }

  private async append(handover: HandoverEntity, providerMessageId: string, kind: string, payload: Record<string, unknown>): Promise<AppendResult> {
    try {
      return await this.messages.append({
        connectionId: handover.connectionId,
        source: handover.platform,
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

/** SSRF check of a callback URL (design.md §7), answered like a validation error of the field `path`. */
export async function checkCallbackUrl(url: string, allowPrivate: boolean, path = 'callbackUrl'): Promise<string> {
  try {
    return (await assertPublicUrl(url, { allowPrivate })).toString();
  } catch (error) {
    if (!(error instanceof UnsafeUrlError)) throw error;
    const hint = allowPrivate ? '' : ' (private addresses need botPlatformSettings.allowPrivateCallbackUrls on the connection)';
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request validation failed',
      errors: [{ path, problems: [`${path} is refused: ${error.message}${hint}`] }],
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
