import { badRequest } from '../support/genesys-error';
import {
  optionalString,
  requireNonEmptyString,
  requireObject,
  requireOneOf,
  requireStringMap,
} from '../support/field-checks';
import { rejectMisplacedCustomAttributes, validateInboundChannel, type InboundChannel } from './inbound-channel.validator';

export const ATTACHMENT_MEDIA_TYPES = ['Image', 'Video', 'Audio', 'File', 'Link'] as const;

export interface InboundAttachment {
  mediaType: (typeof ATTACHMENT_MEDIA_TYPES)[number];
  url: string;
  mime: string;
  id?: string;
  filename?: string;
  text?: string;
  sha256?: string;
}

export interface InboundMessage {
  channel: InboundChannel & { messageId: string };
  text?: string;
  content: { contentType: 'Attachment'; attachment: InboundAttachment }[];
  metadata?: Record<string, string>;
}

export interface InboundMessageLimits {
  maxTextLength: number | null;
}

/** OpenInboundNormalizedMessage, checked the way Genesys answers 400 (genesys-api.md §2.4). */
export function validateInboundMessage(value: unknown, limits: InboundMessageLimits): InboundMessage {
  const body = requireObject(value, 'body');
  rejectMisplacedCustomAttributes(body);
  const channel = validateInboundChannel(body.channel, { requireMessageId: true }) as InboundMessage['channel'];
  const metadata = body.metadata === undefined ? undefined : requireStringMap(body.metadata, 'metadata');
  const text = optionalString(body.text, 'text');
  if (text !== undefined && limits.maxTextLength !== null && text.length > limits.maxTextLength) {
    throw badRequest(`text must be at most ${limits.maxTextLength} characters`);
  }
  const content = validateContent(body.content);
  if ((text === undefined || text === '') && content.length === 0) throw badRequest('text or content is required');
  return { channel, text, content, metadata };
}

function validateContent(value: unknown): InboundMessage['content'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest('content must be an array');
  return value.map((item, index) => {
    const path = `content[${index}]`;
    const element = requireObject(item, path);
    if (element.contentType !== undefined && element.contentType !== 'Attachment') {
      throw badRequest(`${path}.contentType must be Attachment (inbound content only allows attachments)`);
    }
    const attachment = requireObject(element.attachment, `${path}.attachment`);
    return {
      contentType: 'Attachment' as const,
      attachment: {
        mediaType: requireOneOf(attachment.mediaType, ATTACHMENT_MEDIA_TYPES, `${path}.attachment.mediaType`),
        url: requireHttpUrl(attachment.url, `${path}.attachment.url`),
        mime: requireNonEmptyString(attachment.mime, `${path}.attachment.mime`),
        id: optionalString(attachment.id, `${path}.attachment.id`),
        filename: optionalString(attachment.filename, `${path}.attachment.filename`),
        text: optionalString(attachment.text, `${path}.attachment.text`),
        sha256: optionalString(attachment.sha256, `${path}.attachment.sha256`),
      },
    };
  });
}

function requireHttpUrl(value: unknown, path: string): string {
  const text = requireNonEmptyString(value, path);
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return text;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest(`${path} must be an absolute http(s) URL`);
}
