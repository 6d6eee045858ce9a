import { type CanonicalButton, type CanonicalCard, type CanonicalMediaType, type CanonicalOption, type CanonicalOutput } from '../canonical';
import { arrayAt, compact, isRecord, recordAt, stringAt } from '../json-guards';

const MEDIA_TYPES: readonly CanonicalMediaType[] = ['Image', 'Video', 'Audio', 'File'];

/**
 * What an agent (or a Genesys bot flow) sent, from one Open Messaging outbound webhook message (genesys-api.md §2.5),
 * as canonical outputs for a bot platform to show the user:
 *
 * - `text` alone → one `text` output.
 * - `QuickReply` items → one `quick-replies` output carrying the message text.
 * - `Card` / `Carousel` items → one `cards` output (the text, if not yet used, goes with it).
 * - `Attachment` items: Image/Video/Audio/File → `media` (the first one takes the text); `Link` → a `buttons` output
 *   with one URL button.
 * - Anything else (`Notification`, `DatePicker`, …) → `unsupported` with the item's own text as fallback, if any.
 *   `ButtonResponse` items are the customer's clicks, never shown back, and are skipped.
 * - When nothing took the text, it comes first as its own `text` output.
 *
 * Returns `[]` for a message with neither text nor content (an "empty message": the caller decides to filter it) and
 * for events and receipts, which are not messages.
 */
export function parseGenesysOutboundMessage(message: unknown): CanonicalOutput[] {
  if (!isRecord(message) || message['type'] === 'Event' || message['type'] === 'Receipt') return [];
  let text = stringAt(message, 'text');
  const outputs: CanonicalOutput[] = [];
  const options: CanonicalOption[] = [];
  const cards: CanonicalCard[] = [];
  let quickRepliesAt = -1;
  let cardsAt = -1;

  for (const item of arrayAt(message, 'content')) {
    const contentType = stringAt(item, 'contentType');
    if (contentType === 'QuickReply') {
      const option = quickReplyOption(recordAt(item, 'quickReply'));
      if (!option) continue;
      if (quickRepliesAt < 0) quickRepliesAt = outputs.push({ kind: 'quick-replies', text: '', options }) - 1;
      options.push(option);
    } else if (contentType === 'Card' || contentType === 'Carousel') {
      const found = contentType === 'Card' ? [genesysCard(recordAt(item, 'card'))] : arrayAt(recordAt(item, 'carousel'), 'cards').map(genesysCard);
      const usable = found.filter((card): card is CanonicalCard => card !== undefined);
      if (usable.length === 0) continue;
      if (cardsAt < 0) cardsAt = outputs.push({ kind: 'cards', cards }) - 1;
      cards.push(...usable);
    } else if (contentType === 'Attachment') {
      const output = attachmentOutput(recordAt(item, 'attachment'));
      if (output) outputs.push(output);
    } else if (contentType !== 'ButtonResponse') {
      outputs.push(compact({ kind: 'unsupported' as const, source: `genesys:${contentType ?? 'unknown'}`, fallbackText: itemText(item) }));
    }
  }

  // The message text goes with the first output that can carry one; quick replies always take it (their prompt).
  const quickReplies = outputs[quickRepliesAt];
  if (quickReplies?.kind === 'quick-replies') {
    quickReplies.text = text ?? '';
    text = undefined;
  }
  for (const output of outputs) {
    if (text === undefined) break;
    if ((output.kind === 'cards' || output.kind === 'media') && output.text === undefined) {
      output.text = text;
      text = undefined;
    }
  }
  return text === undefined ? outputs : [{ kind: 'text', text }, ...outputs];
}

function quickReplyOption(quickReply: Record<string, unknown> | undefined): CanonicalOption | undefined {
  const title = stringAt(quickReply, 'text');
  if (!title) return undefined;
  return compact({ title, payload: stringAt(quickReply, 'payload') ?? title, imageUrl: stringAt(quickReply, 'image') });
}

function genesysCard(card: unknown): CanonicalCard | undefined {
  const title = stringAt(card, 'title');
  if (!title) return undefined;
  const defaultAction = recordAt(card, 'defaultAction');
  return compact({
    title,
    subtitle: stringAt(card, 'description'),
    imageUrl: stringAt(card, 'image'),
    defaultActionUrl: stringAt(defaultAction, 'type') === 'Link' ? stringAt(defaultAction, 'url') : undefined,
    buttons: arrayAt(card, 'actions')
      .map(cardButton)
      .filter((button): button is CanonicalButton => button !== undefined),
  });
}

function cardButton(action: unknown): CanonicalButton | undefined {
  const title = stringAt(action, 'text');
  if (!title) return undefined;
  const url = stringAt(action, 'url');
  if (stringAt(action, 'type') === 'Link') return url ? { type: 'url', title, url } : undefined;
  return { type: 'postback', title, payload: stringAt(action, 'payload') ?? title };
}

function attachmentOutput(attachment: Record<string, unknown> | undefined): CanonicalOutput | undefined {
  const url = stringAt(attachment, 'url');
  if (!url) return undefined;
  const mediaType = stringAt(attachment, 'mediaType');
  const filename = stringAt(attachment, 'filename');
  if (mediaType === 'Link') return { kind: 'buttons', text: stringAt(attachment, 'text') ?? filename ?? url, buttons: [{ type: 'url', title: filename ?? url, url }] };
  return compact({
    kind: 'media' as const,
    mediaType: MEDIA_TYPES.find((known) => known === mediaType) ?? 'File',
    url,
    mime: stringAt(attachment, 'mime'),
    filename,
    text: stringAt(attachment, 'text'),
  });
}

/** The text an unknown item offers, e.g. a Notification's `text` or a template's `body.text`. */
function itemText(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  for (const value of Object.values(item)) {
    const text = stringAt(value, 'text') ?? stringAt(recordAt(value, 'body'), 'text');
    if (text) return text;
  }
  return undefined;
}
