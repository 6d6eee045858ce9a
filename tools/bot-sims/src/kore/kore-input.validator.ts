import { SimHttpError } from '../shared/sim-http-error';
import { isPlainObject } from '../shared/sim-options';
import type { TurnInput } from '../shared/script';

export const KORE_MESSAGE_TYPES = ['text', 'template', 'event', 'formData'] as const;
export type KoreMessageType = (typeof KORE_MESSAGE_TYPES)[number];

export interface KoreWebhookInput {
  fromId: string;
  toId?: string;
  sessionNew: boolean;
  type: KoreMessageType;
  val: unknown;
  attachments: unknown[];
  formData?: Record<string, unknown>;
  customData?: unknown;
  userInfo?: unknown;
}

/** `from.id` if the body has one (read before validation, for the JWT `userIdentity` check). */
export function peekFromId(body: unknown): string | undefined {
  if (!isPlainObject(body) || !isPlainObject(body.from)) return undefined;
  return typeof body.from.id === 'string' ? body.from.id : undefined;
}

/** Webhook v2 request rules (bot-platforms.md §B2). Error messages are ours (only the 400 is documented). */
export function validateKoreInput(body: unknown): KoreWebhookInput {
  if (!isPlainObject(body)) throw new SimHttpError(400, 'Request body must be a JSON object');
  const { message, from, to, session } = body;
  if (!isPlainObject(from) || typeof from.id !== 'string' || from.id === '') throw new SimHttpError(400, 'from.id is required');
  if (!isPlainObject(message)) throw new SimHttpError(400, 'message is required');
  if (typeof message.type !== 'string' || !KORE_MESSAGE_TYPES.includes(message.type as KoreMessageType)) {
    throw new SimHttpError(400, `message.type must be one of ${KORE_MESSAGE_TYPES.join(', ')}`);
  }
  if (session !== undefined && !isPlainObject(session)) throw new SimHttpError(400, 'session must be an object');
  const type = message.type as KoreMessageType;
  const attachments = message.attachments === undefined ? [] : message.attachments;
  if (!Array.isArray(attachments)) throw new SimHttpError(400, 'message.attachments must be an array');
  const hasText = typeof message.val === 'string' && message.val.trim() !== '';
  if (attachments.length > 0 && (type !== 'text' || !hasText)) {
    throw new SimHttpError(400, 'A message with attachments must be of type text with a non-empty val');
  }
  if ((type === 'text' || type === 'event') && !hasText) throw new SimHttpError(400, 'message.val is required');
  if (type === 'formData' && !isPlainObject(message.formData)) throw new SimHttpError(400, 'message.formData is required');
  return {
    fromId: from.id,
    ...(isPlainObject(to) && typeof to.id === 'string' ? { toId: to.id } : {}),
    sessionNew: isPlainObject(session) && session.new === true,
    type,
    val: message.val,
    attachments,
    ...(isPlainObject(message.formData) ? { formData: message.formData } : {}),
    ...(body.customData !== undefined ? { customData: body.customData } : {}),
    ...(from.userInfo !== undefined ? { userInfo: from.userInfo } : {}),
  };
}

/** What the script matches on: the text, the event name, a template's JSON, or the form data. */
export function toTurnInput(input: KoreWebhookInput): TurnInput {
  const data = input.formData ?? input.customData;
  const base = data !== undefined ? { data } : {};
  if (input.type === 'event') return { text: String(input.val), event: String(input.val), ...base };
  if (input.type === 'formData') return { text: JSON.stringify(input.formData), ...base };
  return { text: typeof input.val === 'string' ? input.val : JSON.stringify(input.val ?? ''), ...base };
}
