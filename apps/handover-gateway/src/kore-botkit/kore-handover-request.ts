import { BadRequestException } from '@nestjs/common';
import type { BotKitPayload } from '@genesys-bridge/platform-adapters';
import { MAX_ATTACHMENTS, MAX_CONVERSATION_ID_LENGTH, MAX_MESSAGE_ID_LENGTH, MAX_TEXT_LENGTH } from '../handover-api/handover-api.dto';
import type { HandoverStartRequest, HandoverUserMessage } from '../handovers/handover.service';

/** What opens the Genesys conversation when the transfer carries no user text. */
export const DEFAULT_TRANSFER_TEXT = 'The customer asked for an agent.';

/**
 * The handover request of an `on_agent_transfer` callback. Participant data: every `metaInfo` value, with
 * `metaInfo.GenesysMetaData` (a JSON string, as `agentUtils.setMetaInfo("GenesysMetaData", JSON.stringify(…))` sets
 * it, or an object) spread over them — so `QueueName` reaches Architect's Find Queue. Customer: the Kore user id
 * (Opaque) with `UserContext` first/last name and email (sent as participant data only when the connection's
 * `sendProfile` is on).
 */
export function koreHandoverRequest(payload: BotKitPayload): HandoverStartRequest {
  const body = payload.payload;
  const userContext = record(record(record(body['context'])['session'])['UserContext']);
  const text = payload.message?.trim() ?? '';
  checkLength(payload.userId, MAX_CONVERSATION_ID_LENGTH, 'channel.from');
  checkLength(text, MAX_TEXT_LENGTH, 'message');
  return {
    conversationId: payload.userId,
    customer: {
      id: payload.userId,
      idType: 'Opaque',
      ...optionalString('firstName', userContext['firstName']),
      ...optionalString('lastName', userContext['lastName']),
      ...optionalString('email', userContext['emailId']),
    },
    genesysMetaData: metadataOf(body['metaInfo']),
    firstMessage: { messageId: messageIdOf(payload, 'transfer'), text: text || DEFAULT_TRANSFER_TEXT },
  };
}

/** A user message during a handover: its text and any `messageObject.attachments` with a URL. */
export function koreUserMessage(payload: BotKitPayload): HandoverUserMessage {
  const text = payload.message?.trim() || undefined;
  if (text) checkLength(text, MAX_TEXT_LENGTH, 'message');
  const attachments = attachmentsOf(record(payload.payload['messageObject'])['attachments']);
  if (!text && attachments.length === 0) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: [{ path: 'message', problems: ['message is empty and there are no attachments'] }] });
  }
  return { messageId: messageIdOf(payload, 'message'), ...(text ? { text } : {}), ...(attachments.length > 0 ? { attachments } : {}) };
}

/** `kore:{requestId}`, or the message's own id when Kore gives one (`messageObject.messageId`/`messageId`). */
function messageIdOf(payload: BotKitPayload, kind: 'transfer' | 'message'): string {
  const messageObject = record(payload.payload['messageObject']);
  const own = [messageObject['messageId'], messageObject['msgId'], payload.payload['messageId']].find((value): value is string => typeof value === 'string' && value !== '');
  const id = `kore:${kind}:${own ?? payload.requestId}`;
  checkLength(id, MAX_MESSAGE_ID_LENGTH, 'requestId');
  return id;
}

function metadataOf(metaInfo: unknown): Record<string, unknown> | undefined {
  const info = record(metaInfo);
  const { GenesysMetaData: nested, ...rest } = info;
  let parsed: Record<string, unknown> = {};
  if (typeof nested === 'string' && nested.trim() !== '') {
    try {
      parsed = record(JSON.parse(nested) as unknown);
    } catch {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: [{ path: 'metaInfo.GenesysMetaData', problems: ['metaInfo.GenesysMetaData is a string but not JSON'] }] });
    }
  } else {
    parsed = record(nested);
  }
  const merged = { ...rest, ...parsed };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

const MEDIA_TYPES: Record<string, 'Image' | 'Video' | 'Audio' | 'File'> = { image: 'Image', video: 'Video', audio: 'Audio' };

function attachmentsOf(value: unknown): NonNullable<HandoverUserMessage['attachments']>[number][] {
  if (!Array.isArray(value)) return [];
  return value
    .map(record)
    .filter((item) => typeof item['url'] === 'string' && /^https?:\/\//i.test(item['url'] as string))
    .slice(0, MAX_ATTACHMENTS)
    .map((item) => ({
      url: item['url'] as string,
      mediaType: MEDIA_TYPES[String(item['fileType'] ?? '').toLowerCase()] ?? 'File',
      ...optionalString('filename', item['fileName']),
    }));
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value.trim() !== '' ? ({ [key]: value.trim().slice(0, 255) } as Record<K, string>) : {};
}

function checkLength(value: string, max: number, path: string): void {
  if (value.length > max) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: [{ path, problems: [`${path} must be at most ${max} characters`] }] });
  }
}
