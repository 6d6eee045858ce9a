import { lookup } from 'mime-types';
import type {
  OpenInboundAttachment,
  OpenInboundEvent,
  OpenInboundMessage,
  OpenInboundMessageChannel,
  OpenInboundStructuredResponse,
  OpenMessagingFrom,
  StringMap,
} from '@genesys-bridge/genesys-client';

/**
 * Outbox rows (user → agent) as Open Messaging inbound bodies (genesys-api.md §2.3, §2.4). Payload shapes are written
 * by the handover API: `transcript` {text}, `text` {text, customAttributes?}, `notice` {text}, `attachment` {text?, attachments[]},
 * `quick-reply-answer` {quickReply{text, payload, originatingMessageId?}}, `typing` {}, `disconnect` {reason}.
 */

export const OutboxKind = {
  Transcript: 'transcript',
  Text: 'text',
  /** A configured "user joined/left" notice: plain text from the customer side, the only side an integration writes. */
  Notice: 'notice',
  Attachment: 'attachment',
  QuickReplyAnswer: 'quick-reply-answer',
  Typing: 'typing',
  Disconnect: 'disconnect',
} as const;

/** A row whose payload can never be sent (not a Genesys answer): it is marked failed, the conversation goes on. */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
}

/** The parts of an outbox row the mapping reads. */
export interface OutboxRow {
  /** Our stable id: `channel.messageId`, so a resend after a crash is recognisable. */
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

const ID_TYPES = ['Email', 'Phone', 'Opaque'] as const;
const MEDIA_TYPES = ['Image', 'Video', 'Audio', 'File', 'Link'] as const;
const UNKNOWN_MIME = 'application/octet-stream';
const TYPING_DURATION_MS = 5_000;

/** The handover's customer as `channel.from`: known string fields only, `idType` Opaque unless it says otherwise. */
export function customerOf(customer: Record<string, unknown>): OpenMessagingFrom {
  const id = customer.id;
  if (typeof id !== 'string' || id.trim() === '') throw new InvalidPayloadError('handover customer.id must be a non-empty string');
  const idType = customer.idType ?? 'Opaque';
  if (!ID_TYPES.includes(idType as OpenMessagingFrom['idType'])) throw new InvalidPayloadError(`handover customer.idType must be one of ${ID_TYPES.join(', ')}`);
  const from: OpenMessagingFrom = { id, idType: idType as OpenMessagingFrom['idType'] };
  for (const field of ['nickname', 'firstName', 'lastName', 'image', 'email'] as const) {
    const value = customer[field];
    if (typeof value === 'string' && value !== '') from[field] = value;
  }
  return from;
}

/** `channel` of an inbound message or structured response; `metadata.customAttributes` only for a non-empty map. */
export function inboundChannel(row: OutboxRow, from: OpenMessagingFrom, customAttributes?: StringMap): OpenInboundMessageChannel {
  return {
    messageId: row.id,
    time: row.createdAt.toISOString(),
    from,
    ...(customAttributes && Object.keys(customAttributes).length > 0 ? { metadata: { customAttributes } } : {}),
  };
}

/** The participant data a `text` row carries itself (the handover API puts the handover's on its first message). */
export function ownCustomAttributes(row: OutboxRow): StringMap | undefined {
  return row.kind === OutboxKind.Text ? optionalStringMap(row.payload.customAttributes, 'customAttributes') : undefined;
}

/**
 * The participant data to send with a row. The handover's, plus the row's own, ride on the message that creates the
 * Genesys conversation (the inbound flow routes on them); later rows send only own values that differ from the handover's.
 */
export function customAttributesFor(row: OutboxRow, handoverAttributes: StringMap, firstMessage: boolean): StringMap | undefined {
  const own = ownCustomAttributes(row) ?? {};
  const attributes = firstMessage ? { ...handoverAttributes, ...own } : Object.fromEntries(Object.entries(own).filter(([key, value]) => handoverAttributes[key] !== value));
  return Object.keys(attributes).length > 0 ? attributes : undefined;
}

/** A `transcript`, `text` or `attachment` row as an inbound message, with `customAttributes` when given. */
export function toInboundMessage(row: OutboxRow, from: OpenMessagingFrom, customAttributes?: StringMap): OpenInboundMessage {
  const channel = inboundChannel(row, from, customAttributes);
  switch (row.kind) {
    case OutboxKind.Transcript:
    case OutboxKind.Text:
    case OutboxKind.Notice:
      return { channel, text: requiredText(row.payload.text, 'text') };
    case OutboxKind.Attachment: {
      const attachments = row.payload.attachments;
      if (!Array.isArray(attachments) || attachments.length === 0) throw new InvalidPayloadError('attachments must be a non-empty array');
      const text = optionalText(row.payload.text, 'text');
      return {
        channel,
        ...(text ? { text } : {}),
        content: attachments.map((attachment, index) => ({ contentType: 'Attachment' as const, attachment: toAttachment(attachment, `attachments[${index}]`) })),
      };
    }
    default:
      throw new InvalidPayloadError(`kind ${row.kind} is not an inbound message`);
  }
}

/** A `quick-reply-answer` row as `…/inbound/open/structured/response` (the customer tapped a quick reply). */
export function toStructuredResponse(row: OutboxRow, from: OpenMessagingFrom, customAttributes?: StringMap): OpenInboundStructuredResponse {
  const quickReply = row.payload.quickReply;
  if (!isRecord(quickReply)) throw new InvalidPayloadError('quickReply must be an object');
  const originatingMessageId = optionalText(quickReply.originatingMessageId, 'quickReply.originatingMessageId');
  return {
    channel: inboundChannel(row, from, customAttributes),
    buttonResponse: { type: 'QuickReply', text: requiredText(quickReply.text, 'quickReply.text'), payload: requiredString(quickReply.payload, 'quickReply.payload') },
    ...(originatingMessageId ? { originatingMessageId } : {}),
  };
}

/** A `typing` row as the only event Open Messaging knows (§2.3). */
export function toTypingEvent(row: OutboxRow, from: OpenMessagingFrom): OpenInboundEvent {
  return {
    channel: { from, time: row.createdAt.toISOString(), messageId: row.id },
    events: [{ eventType: 'Typing', typing: { type: 'On', duration: TYPING_DURATION_MS } }],
  };
}

/** Why the user side ended the handover (`disconnect` row), for the handover's end reason. */
export function disconnectReason(row: OutboxRow): string {
  const reason = row.payload.reason;
  return typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : 'customer-disconnect';
}

/**
 * `{url, mediaType?, mime?, filename?}` → Genesys Attachment. Genesys needs `mime` (derived from the file name or the
 * URL's extension when missing) and `mediaType` (derived from the MIME type when missing). The URL itself is Genesys'
 * to judge: a URL it refuses comes back as a permanent 400.
 */
export function toAttachment(value: unknown, path: string): OpenInboundAttachment {
  if (!isRecord(value)) throw new InvalidPayloadError(`${path} must be an object`);
  const url = requiredText(value.url, `${path}.url`);
  const filename = optionalText(value.filename, `${path}.filename`) ?? (lastPathSegment(url) || undefined);
  const mime = optionalText(value.mime, `${path}.mime`) ?? mimeOf(filename) ?? mimeOf(lastPathSegment(url)) ?? UNKNOWN_MIME;
  return { mediaType: mediaTypeOf(value.mediaType, mime, `${path}.mediaType`), url, mime, ...(filename ? { filename } : {}) };
}

function mediaTypeOf(value: unknown, mime: string, path: string): OpenInboundAttachment['mediaType'] {
  if (value === undefined || value === null || value === '') {
    const family = mime.split('/')[0];
    return family === 'image' ? 'Image' : family === 'video' ? 'Video' : family === 'audio' ? 'Audio' : 'File';
  }
  const match = typeof value === 'string' ? MEDIA_TYPES.find((type) => type.toLowerCase() === value.toLowerCase()) : undefined;
  if (!match) throw new InvalidPayloadError(`${path} must be one of ${MEDIA_TYPES.join(', ')}`);
  return match;
}

function mimeOf(filename: string | undefined): string | undefined {
  const dot = filename?.lastIndexOf('.') ?? -1;
  if (filename === undefined || dot < 0 || dot === filename.length - 1) return undefined;
  return lookup(filename.slice(dot + 1)) || undefined;
}

function lastPathSegment(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/, 1)[0];
  }
  const segment = path.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Participant data values are strings (§3): numbers and booleans are written as text, anything nested is refused. */
function optionalStringMap(value: unknown, path: string): StringMap | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new InvalidPayloadError(`${path} must be an object of strings`);
  const map: StringMap = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue;
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') map[key] = String(item);
    else throw new InvalidPayloadError(`${path}.${key} must be a string`);
  }
  return Object.keys(map).length > 0 ? map : undefined;
}

function requiredText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidPayloadError(`${path} must be a non-empty string`);
  return value;
}

function requiredString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new InvalidPayloadError(`${path} must be a string`);
  return value;
}

function optionalText(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new InvalidPayloadError(`${path} must be a string`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
