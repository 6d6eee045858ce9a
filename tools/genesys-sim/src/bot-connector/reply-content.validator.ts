import { isPlainObject, type JsonObject } from '../support/field-checks';
import { joinPath, type FieldErrors } from '../support/field-errors';

/** Reply content types the bot connectors take (§1.3: documented shapes; DatePicker & co. are not accepted). */
export const REPLY_CONTENT_TYPES = ['QuickReply', 'Card', 'Carousel', 'Attachment'] as const;

const MEDIA_TYPES = ['Image', 'Video', 'Audio', 'File', 'Link'] as const;
const CARD_ACTION_TYPES = ['Link', 'Postback'] as const;

/** `replyMessages[i]`: `{type: Text|Structured, text?, content?}`. */
export function checkReplyMessage(errors: FieldErrors, message: unknown, path: string): void {
  if (!isPlainObject(message)) return errors.add(path, 'must be an object {type, text?, content?}');
  const { type, text, content } = message;
  if (type !== 'Text' && type !== 'Structured') errors.add(`${path}.type`, 'must be Text or Structured');
  if (text !== undefined && text !== null && typeof text !== 'string') errors.add(`${path}.text`, 'must be a string');
  if (type === 'Text' && (typeof text !== 'string' || text === '')) errors.add(`${path}.text`, 'is required for a Text message');
  if (content === undefined || content === null) {
    if (type === 'Structured') errors.add(`${path}.content`, 'is required for a Structured message');
    return;
  }
  if (!Array.isArray(content)) return errors.add(`${path}.content`, 'must be an array');
  if (type === 'Structured' && content.length === 0) errors.add(`${path}.content`, 'must not be empty for a Structured message');
  content.forEach((item, index) => checkContentItem(errors, item, joinPath(`${path}.content`, index)));
  const attachments = content.filter((item) => isPlainObject(item) && item.contentType === 'Attachment').length;
  if (attachments > 0 && content.length > 1) {
    errors.add(`${path}.content`, 'an Attachment must be the only content item of its message (one Attachment per message)');
  }
  checkUniqueActions(errors, content, `${path}.content`);
}

function checkContentItem(errors: FieldErrors, item: unknown, path: string): void {
  if (!isPlainObject(item)) return errors.add(path, 'must be an object {contentType, …}');
  const contentType = item.contentType;
  if (typeof contentType !== 'string' || !(REPLY_CONTENT_TYPES as readonly string[]).includes(contentType)) {
    return errors.add(`${path}.contentType`, `must be one of ${REPLY_CONTENT_TYPES.join(', ')}`);
  }
  const key = contentType.charAt(0).toLowerCase() + contentType.slice(1);
  const body = item[key];
  if (!isPlainObject(body)) return errors.add(`${path}.${key}`, `is required for contentType ${contentType}`);
  const bodyPath = `${path}.${key}`;
  if (contentType === 'QuickReply') checkQuickReply(errors, body, bodyPath);
  if (contentType === 'Card') checkCard(errors, body, bodyPath);
  if (contentType === 'Carousel') checkCarousel(errors, body, bodyPath);
  if (contentType === 'Attachment') checkAttachment(errors, body, bodyPath);
}

/** `{text, payload, image?, action?: "Message", summaryText?}`. */
function checkQuickReply(errors: FieldErrors, reply: JsonObject, path: string): void {
  requireText(errors, reply.text, `${path}.text`);
  requireString(errors, reply.payload, `${path}.payload`);
  optionalString(errors, reply.image, `${path}.image`);
  optionalString(errors, reply.summaryText, `${path}.summaryText`);
  if (reply.action !== undefined && reply.action !== null && reply.action !== 'Message') errors.add(`${path}.action`, 'must be Message');
}

/** `{title, description?, image?, video?, defaultAction?, actions: [{type: Link|Postback, text, payload?, url?}]}`. */
function checkCard(errors: FieldErrors, card: JsonObject, path: string): void {
  requireText(errors, card.title, `${path}.title`);
  optionalString(errors, card.description, `${path}.description`);
  optionalString(errors, card.image, `${path}.image`);
  optionalString(errors, card.video, `${path}.video`);
  if (card.defaultAction !== undefined && card.defaultAction !== null) checkCardAction(errors, card.defaultAction, `${path}.defaultAction`, false);
  if (!Array.isArray(card.actions)) return errors.add(`${path}.actions`, 'is required and must be an array');
  card.actions.forEach((action, index) => checkCardAction(errors, action, joinPath(`${path}.actions`, index), true));
}

function checkCardAction(errors: FieldErrors, action: unknown, path: string, textRequired: boolean): void {
  if (!isPlainObject(action)) return errors.add(path, 'must be an object {type, text, payload?, url?}');
  if (!(CARD_ACTION_TYPES as readonly unknown[]).includes(action.type)) errors.add(`${path}.type`, 'must be Link or Postback');
  if (textRequired) requireText(errors, action.text, `${path}.text`);
  else optionalString(errors, action.text, `${path}.text`);
  if (action.type === 'Link') requireHttpUrl(errors, action.url, `${path}.url`);
  else optionalString(errors, action.url, `${path}.url`);
  if (action.type === 'Postback') requireString(errors, action.payload, `${path}.payload`);
  else optionalString(errors, action.payload, `${path}.payload`);
}

/** `{cards: [Card, …]}`. */
function checkCarousel(errors: FieldErrors, carousel: JsonObject, path: string): void {
  if (!Array.isArray(carousel.cards) || carousel.cards.length === 0) return errors.add(`${path}.cards`, 'is required and must be a non-empty array');
  carousel.cards.forEach((card, index) => {
    const cardPath = joinPath(`${path}.cards`, index);
    if (!isPlainObject(card)) errors.add(cardPath, 'must be an object');
    else checkCard(errors, card, cardPath);
  });
}

/** `{mediaType, url, mime, filename, text?, sha256?, id?, contentSizeBytes?}`. */
function checkAttachment(errors: FieldErrors, attachment: JsonObject, path: string): void {
  if (!(MEDIA_TYPES as readonly unknown[]).includes(attachment.mediaType)) errors.add(`${path}.mediaType`, `must be one of ${MEDIA_TYPES.join(', ')}`);
  requireHttpUrl(errors, attachment.url, `${path}.url`);
  requireText(errors, attachment.mime, `${path}.mime`);
  requireText(errors, attachment.filename, `${path}.filename`);
  optionalString(errors, attachment.text, `${path}.text`);
  optionalString(errors, attachment.sha256, `${path}.sha256`);
  optionalString(errors, attachment.id, `${path}.id`);
  const size = attachment.contentSizeBytes;
  if (size !== undefined && size !== null && (typeof size !== 'number' || !Number.isInteger(size) || size < 0)) {
    errors.add(`${path}.contentSizeBytes`, 'must be a non-negative integer');
  }
}

/** Card actions: payload + text must be unique across a card or a carousel (PYSDK ConversationContentCardAction). */
function checkUniqueActions(errors: FieldErrors, content: unknown[], path: string): void {
  content.forEach((item, index) => {
    if (!isPlainObject(item)) return;
    const cards = item.contentType === 'Card' ? [item.card] : item.contentType === 'Carousel' && isPlainObject(item.carousel) ? item.carousel.cards : [];
    if (!Array.isArray(cards)) return;
    const seen = new Set<string>();
    for (const card of cards) {
      if (!isPlainObject(card) || !Array.isArray(card.actions)) continue;
      for (const action of card.actions) {
        if (!isPlainObject(action) || action.type !== 'Postback') continue;
        const key = `${String(action.text)}\u0000${String(action.payload)}`;
        if (seen.has(key)) errors.add(joinPath(path, index), `action text+payload "${String(action.text)}"/"${String(action.payload)}" is not unique`);
        seen.add(key);
      }
    }
  });
}

function requireText(errors: FieldErrors, value: unknown, path: string): void {
  if (typeof value !== 'string' || value === '') errors.add(path, 'is required and must be a non-empty string');
}

function requireString(errors: FieldErrors, value: unknown, path: string): void {
  if (typeof value !== 'string') errors.add(path, 'is required and must be a string');
}

function optionalString(errors: FieldErrors, value: unknown, path: string): void {
  if (value !== undefined && value !== null && typeof value !== 'string') errors.add(path, 'must be a string');
}

function requireHttpUrl(errors: FieldErrors, value: unknown, path: string): void {
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return;
    } catch {
      // reported below
    }
  }
  errors.add(path, 'is required and must be an absolute http(s) URL');
}
