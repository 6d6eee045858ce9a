import {
  type CanonicalButton,
  type CanonicalCard,
  type CanonicalMediaType,
  type CanonicalOption,
  type CanonicalOutput,
} from '../canonical';
import { arrayAt, compact, firstStringAt, isRecord, type JsonRecord, recordAt, stringAt } from '../json-guards';
import { mergeMessageText } from '../text-dedupe';

/** One entry of the Cognigy REST endpoint's `outputStack` (bot-platforms.md §A2, §A5). */
export interface CognigyOutputEntry {
  text?: string | null;
  data?: unknown;
}

/** The `_default` blocks we convert, in the order they are read when one `_default` holds several. */
const DEFAULT_BLOCK_PARSERS: ReadonlyArray<[string, (block: JsonRecord) => CanonicalOutput[]]> = [
  ['_quickReplies', parseQuickReplies],
  ['_buttons', parseButtons],
  ['_gallery', parseGallery],
  ['_list', parseList],
  ['_image', (block) => media(block, 'Image', 'imageUrl')],
  ['_video', (block) => media(block, 'Video', 'videoUrl')],
  ['_audio', (block) => media(block, 'Audio', 'audioUrl')],
  ['_adaptiveCard', parseAdaptiveCard],
];

/**
 * Parses one Cognigy output (an `outputStack` entry) into canonical outputs.
 * - Plain `text` becomes a text output, unless a rich block already shows the same text (see `mergeMessageText`).
 * - Rich blocks are read from `data._cognigy._default` or, as the documented `say()` examples nest it,
 *   `data._data._cognigy._default` (bot-platforms.md §A5 "Nesting caveat"); the first of the two that holds a known
 *   block wins. Channel blocks such as `_webchat` are ignored: `_default` is the platform-neutral one.
 * - `data.attachments[]` (user-upload style, bot-platforms.md §A5 "Files") become File media.
 */
export function parseCognigyOutput(entry: CognigyOutputEntry | unknown): CanonicalOutput[] {
  if (!isRecord(entry)) return [];
  const text = typeof entry['text'] === 'string' ? entry['text'] : undefined;
  const block = findDefaultBlock(entry['data']);
  const rich = block ? DEFAULT_BLOCK_PARSERS.flatMap(([key, parse]) => parseBlock(block[key], parse)) : [];
  return mergeMessageText(text, [...rich, ...parseAttachments(entry['data'])]);
}

function findDefaultBlock(data: unknown): JsonRecord | undefined {
  const candidates = [
    recordAt(recordAt(data, '_cognigy'), '_default'),
    recordAt(recordAt(recordAt(data, '_data'), '_cognigy'), '_default'),
  ];
  return candidates.find((block) => block && DEFAULT_BLOCK_PARSERS.some(([key]) => isRecord(block[key])));
}

function parseBlock(block: unknown, parse: (block: JsonRecord) => CanonicalOutput[]): CanonicalOutput[] {
  return isRecord(block) ? parse(block) : [];
}

/**
 * Maps a Cognigy button or quick reply (`type`, or `contentType` for quick replies; bot-platforms.md §A5):
 * `postback`/`text` → postback; `trigger_intent` → postback with its `payload` (how Cognigy encodes an intent
 * trigger in the payload is UNCONFIRMED, so we pass it through; without one, the title); `web_url` → url;
 * `phone_number` → phone, the number being the `payload`. Items without a title are skipped.
 */
export function parseCognigyButton(raw: unknown): CanonicalButton | undefined {
  const title = stringAt(raw, 'title');
  if (title === undefined) return undefined;
  const type = firstStringAt(raw, 'type', 'contentType');
  const payload = stringAt(raw, 'payload');
  if (type === 'web_url') {
    const url = stringAt(raw, 'url') ?? payload;
    return url === undefined ? undefined : { type: 'url', title, url };
  }
  if (type === 'phone_number') {
    return payload === undefined ? undefined : { type: 'phone', title, phoneNumber: payload };
  }
  return { type: 'postback', title, payload: payload ?? title };
}

function parseButtonList(items: unknown[]): CanonicalButton[] {
  return items.map(parseCognigyButton).filter((button): button is CanonicalButton => button !== undefined);
}

/**
 * `_quickReplies` → quick replies. A `phone_number` quick reply is a call link, which a Genesys quick reply cannot
 * carry, so a block that contains one is kept as buttons instead (postback + phone) and degrades from there.
 */
function parseQuickReplies(block: JsonRecord): CanonicalOutput[] {
  const text = stringAt(block, 'text') ?? '';
  const parsed = arrayAt(block, 'quickReplies').flatMap((item) => {
    const button = parseCognigyButton(item);
    return button ? [{ button, imageUrl: stringAt(item, 'imageUrl') }] : [];
  });
  if (parsed.length === 0) return text ? [{ kind: 'text', text }] : [];
  const options: CanonicalOption[] = parsed.flatMap(({ button, imageUrl }) =>
    button.type === 'postback' ? [compact({ title: button.title, payload: button.payload, imageUrl })] : [],
  );
  if (options.length < parsed.length) return [{ kind: 'buttons', text, buttons: parsed.map(({ button }) => button) }];
  return [{ kind: 'quick-replies', text, options }];
}

function parseButtons(block: JsonRecord): CanonicalOutput[] {
  const text = stringAt(block, 'text') ?? '';
  const buttons = parseButtonList(arrayAt(block, 'buttons'));
  if (buttons.length === 0) return text ? [{ kind: 'text', text }] : [];
  return [{ kind: 'buttons', text, buttons }];
}

function parseCard(item: unknown): CanonicalCard | undefined {
  const title = stringAt(item, 'title');
  if (title === undefined) return undefined;
  return compact({
    title,
    subtitle: stringAt(item, 'subtitle'),
    imageUrl: stringAt(item, 'imageUrl'),
    defaultActionUrl: stringAt(item, 'defaultActionUrl'),
    buttons: parseButtonList(arrayAt(item, 'buttons')),
  });
}

function parseCards(items: unknown[]): CanonicalCard[] {
  return items.map(parseCard).filter((card): card is CanonicalCard => card !== undefined);
}

/** `_gallery` → cards. Its `fallbackText` is not used: cards render natively or as numbered text. */
function parseGallery(block: JsonRecord): CanonicalOutput[] {
  const cards = parseCards(arrayAt(block, 'items'));
  return cards.length > 0 ? [{ kind: 'cards', cards }] : [];
}

function parseList(block: JsonRecord): CanonicalOutput[] {
  const items = parseCards(arrayAt(block, 'items'));
  if (items.length === 0) return [];
  const button = parseCognigyButton(block['button']);
  return [compact({ kind: 'list', items, button })];
}

function media(block: JsonRecord, mediaType: CanonicalMediaType, urlKey: string): CanonicalOutput[] {
  const url = stringAt(block, urlKey);
  return url === undefined ? [] : [{ kind: 'media', mediaType, url }];
}

/** Genesys has no Adaptive Card type (bot-platforms.md §A6); the card's own `fallbackText` is shown when present. */
function parseAdaptiveCard(block: JsonRecord): CanonicalOutput[] {
  const fallbackText = stringAt(recordAt(block, 'adaptiveCard'), 'fallbackText');
  return [compact({ kind: 'unsupported', source: 'cognigy:_adaptiveCard', fallbackText })];
}

/** `data.attachments:[{url, fileName, mimeType}]` (upload shape) or `[{url, name, caption}]` (notify shape). */
function parseAttachments(data: unknown): CanonicalOutput[] {
  return arrayAt(data, 'attachments').flatMap((attachment): CanonicalOutput[] => {
    const url = stringAt(attachment, 'url');
    if (url === undefined) return [];
    return [
      compact({
        kind: 'media',
        mediaType: 'File',
        url,
        mime: stringAt(attachment, 'mimeType'),
        filename: firstStringAt(attachment, 'fileName', 'name'),
        text: stringAt(attachment, 'caption'),
      }),
    ];
  });
}
