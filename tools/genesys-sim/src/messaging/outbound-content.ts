import { badRequest } from '../support/genesys-error';
import { isPlainObject } from '../support/field-checks';

export type OriginatingEntity = 'Human' | 'Bot';

export interface OutboundAttachment {
  id?: string;
  mediaType: 'Image' | 'Video' | 'Audio' | 'File' | 'Link';
  url: string;
  mime?: string;
  filename?: string;
  contentSizeBytes?: number;
}

export interface QuickReply {
  text: string;
  payload: string;
  action?: 'Message';
}

export interface CardAction {
  type: 'Link' | 'Postback';
  text: string;
  url?: string;
  payload?: string;
}

export interface Card {
  title: string;
  description?: string;
  image?: string;
  video?: string;
  actions: CardAction[];
}

/** Genesys ConversationMessageContent elements an agent or bot can send. */
export type StructuredContent =
  | { contentType: 'QuickReply'; quickReply: QuickReply }
  | { contentType: 'Card'; card: Card }
  | { contentType: 'Carousel'; carousel: { cards: Card[] } }
  | { contentType: 'Attachment'; attachment: OutboundAttachment };

const STRUCTURED_TYPES = ['QuickReply', 'Card', 'Carousel', 'Attachment'] as const;

/** Checks that every element names a known contentType and carries the matching object (e.g. `quickReply`). */
export function validateStructuredContent(value: unknown): StructuredContent[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest('content must be a non-empty array');
  return value.map((item, index) => {
    const contentType = isPlainObject(item) ? item.contentType : undefined;
    if (typeof contentType !== 'string' || !(STRUCTURED_TYPES as readonly string[]).includes(contentType)) {
      throw badRequest(`content[${index}].contentType must be one of ${STRUCTURED_TYPES.join(', ')}`);
    }
    const key = contentType.charAt(0).toLowerCase() + contentType.slice(1);
    if (!isPlainObject((item as Record<string, unknown>)[key])) throw badRequest(`content[${index}].${key} is required`);
    return item as StructuredContent;
  });
}

export function quickReplies(replies: readonly (string | QuickReply)[]): StructuredContent[] {
  return replies.map((reply) => ({
    contentType: 'QuickReply' as const,
    quickReply: typeof reply === 'string' ? { text: reply, payload: reply, action: 'Message' as const } : { action: 'Message' as const, ...reply },
  }));
}

/** Plain-text rendering used when structured content is degraded to text (`webhook.structuredContent: 'text-only'`). */
export function describeAsText(text: string | undefined, content: readonly StructuredContent[]): string {
  const lines = text ? [text] : [];
  for (const element of content) {
    if (element.contentType === 'QuickReply') lines.push(`- ${element.quickReply.text}`);
    if (element.contentType === 'Card') lines.push(element.card.title);
    if (element.contentType === 'Carousel') lines.push(...element.carousel.cards.map((card) => card.title));
  }
  return lines.join('\n');
}
