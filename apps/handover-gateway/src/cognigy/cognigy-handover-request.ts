import { randomUUID } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import type { HandoverEntity } from '@genesys-bridge/persistence';
import { parseHandoverPayload } from '@genesys-bridge/platform-adapters';
import { MAX_ATTACHMENTS } from '../handover-api/handover-api.dto';
import type { HandoverStartRequest, HandoverUserMessage } from '../handovers/handover.service';
import type { CognigyHandoverStartDto, CognigySessionDto, CognigyUserMessageDto } from './cognigy-handover.dto';

/** What opens the Genesys conversation when the Flow gives neither text nor reason. */
export const DEFAULT_HANDOVER_TEXT = 'The customer asked for an agent.';

/** One open handover per Cognigy user session: the pair, unambiguously. */
export function cognigyConversationId(session: CognigySessionDto): string {
  return JSON.stringify([session.userId, session.sessionId]);
}

/**
 * The handover request of a Cognigy Flow's output: `data.handover` read like the Bot Connector reads handovers
 * (`parseHandoverPayload`: QueueName, skills, language, priority, GenesysMetaData as object or JSON string) plus
 * `data.handover.customAttributes` (Cognigy's Genesys "Custom Attributes": string values as given, others flattened
 * with the metadata). The customer is the Cognigy user (Opaque). `warnings` lists what was ignored.
 */
export function cognigyHandoverRequest(body: CognigyHandoverStartDto, warnings: string[]): HandoverStartRequest {
  const raw = body.data['handover'];
  if (raw !== undefined && !isRecord(raw)) throw fieldError('data.handover', 'data.handover must be an object');
  const handover = parseHandoverPayload(raw ?? {}, warnings, 'data.handover');
  const custom = isRecord(raw?.['customAttributes']) ? raw['customAttributes'] : {};
  const customAttributes = Object.fromEntries(Object.entries(custom).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const otherCustom = Object.fromEntries(Object.entries(custom).filter(([, value]) => typeof value !== 'string'));
  const metadata = { ...otherCustom, ...(handover.metadata ?? {}) };
  const text = body.text?.trim() || handover.reason || DEFAULT_HANDOVER_TEXT;
  return {
    conversationId: cognigyConversationId(body),
    customer: { id: body.userId, idType: 'Opaque', ...(body.profile ?? {}) },
    queueName: handover.queueName,
    skills: handover.skills,
    language: handover.language,
    priority: handover.priority,
    genesysMetaData: Object.keys(metadata).length > 0 ? metadata : undefined,
    customAttributes: Object.keys(customAttributes).length > 0 ? customAttributes : undefined,
    transcript: body.transcript,
    firstMessage: { messageId: body.messageId ?? `cognigy:${randomUUID()}`, text },
  };
}

/** User input during the handover: text and/or `data.attachments[] {url, name?, mimeType?}`. */
export function cognigyUserMessage(body: CognigyUserMessageDto): HandoverUserMessage {
  const text = body.text?.trim() || undefined;
  const rawAttachments = body.data?.['attachments'];
  if (rawAttachments !== undefined && !Array.isArray(rawAttachments)) throw fieldError('data.attachments', 'data.attachments must be an array');
  const attachments = (rawAttachments ?? []).slice(0, MAX_ATTACHMENTS + 1).map((item, index) => attachmentOf(item, `data.attachments[${index}]`));
  if (attachments.length > MAX_ATTACHMENTS) throw fieldError('data.attachments', `data.attachments must have at most ${MAX_ATTACHMENTS} items`);
  if (!text && attachments.length === 0) throw fieldError('text', 'text must be a non-empty string (or send data.attachments)');
  return { messageId: body.messageId ?? `cognigy:${randomUUID()}`, ...(text ? { text } : {}), ...(attachments.length > 0 ? { attachments } : {}) };
}

export type CognigyHandoverStatus = 'queue' | 'active' | 'completed' | 'cancelled' | 'error';

/**
 * A handover as the values of Cognigy's Handover Status lookup (bot-platforms.md §A8): `queue` until Genesys took the
 * first message, `active` after, and once ended: `error` when Genesys refused it, `cancelled` when the user side
 * ended it, `completed` otherwise (the agent side finished).
 */
export function cognigyHandoverStatus(handover: Pick<HandoverEntity, 'status' | 'endReason'>): CognigyHandoverStatus {
  if (handover.status === 'starting') return 'queue';
  if (handover.status === 'active') return 'active';
  const reason = handover.endReason ?? '';
  if (reason.startsWith('genesys-refused')) return 'error';
  if (reason.startsWith('user-') || reason.startsWith('customer-') || reason.startsWith('cognigy-')) return 'cancelled';
  return 'completed';
}

function attachmentOf(item: unknown, path: string): NonNullable<HandoverUserMessage['attachments']>[number] {
  if (!isRecord(item) || typeof item['url'] !== 'string' || !/^https?:\/\/\S+$/i.test(item['url']) || item['url'].length > 2_000) {
    throw fieldError(`${path}.url`, `${path}.url must be an http(s) URL of at most 2000 characters`);
  }
  const mime = typeof item['mimeType'] === 'string' ? item['mimeType'] : undefined;
  const mediaType = mime?.startsWith('image/') ? 'Image' : mime?.startsWith('video/') ? 'Video' : mime?.startsWith('audio/') ? 'Audio' : 'File';
  return {
    url: item['url'],
    mediaType,
    ...(mime && /^[\w.+-]+\/[\w.+-]+$/.test(mime) ? { mime } : {}),
    ...(typeof item['name'] === 'string' && item['name'].trim() !== '' ? { filename: item['name'].trim().slice(0, 255) } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldError(path: string, problem: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: [{ path, problems: [problem] }] });
}
