import { type CanonicalMediaType, type CanonicalOutput } from '../canonical';
import { arrayAt, compact, firstStringAt, isRecord, type JsonRecord, recordAt, stringAt } from '../json-guards';
import { buttonsOutput, parseButton, parseCards, quickRepliesOutput } from '../messenger-style.parser';
import { mergeMessageText } from '../text-dedupe';

/** One entry of the Cognigy REST endpoint's `outputStack` (bot-platforms.md §A2, §A5). */
export interface CognigyOutputEntry {
  text?: string | null;
  data?: unknown;
}

/** The `_default` blocks we convert (bot-platforms.md §A5), in the order they are read when one `_default` holds several. */
const DEFAULT_BLOCK_PARSERS: ReadonlyArray<[string, (block: JsonRecord) => CanonicalOutput[]]> = [
  ['_quickReplies', (block) => quickRepliesOutput(stringAt(block, 'text') ?? '', arrayAt(block, 'quickReplies'))],
  ['_buttons', (block) => buttonsOutput(stringAt(block, 'text') ?? '', arrayAt(block, 'buttons'))],
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
  const rich = DEFAULT_BLOCK_PARSERS.flatMap(([key, parse]) => {
    const content = block?.[key];
    return isRecord(content) ? parse(content) : [];
  });
  return mergeMessageText(text, [...rich, ...parseAttachments(entry['data'])]);
}

function findDefaultBlock(data: unknown): JsonRecord | undefined {
  const candidates = [
    recordAt(recordAt(data, '_cognigy'), '_default'),
    recordAt(recordAt(recordAt(data, '_data'), '_cognigy'), '_default'),
  ];
  return candidates.find((block) => block && DEFAULT_BLOCK_PARSERS.some(([key]) => isRecord(block[key])));
}

/** `_gallery` → cards. Its `fallbackText` is not used: cards render natively or as numbered text. */
function parseGallery(block: JsonRecord): CanonicalOutput[] {
  const cards = parseCards(arrayAt(block, 'items'));
  return cards.length > 0 ? [{ kind: 'cards', cards }] : [];
}

function parseList(block: JsonRecord): CanonicalOutput[] {
  const items = parseCards(arrayAt(block, 'items'));
  return items.length > 0 ? [compact({ kind: 'list', items, button: parseButton(block['button']) })] : [];
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

/**
 * `data.attachments:[{url, fileName, mimeType}]` (upload shape) or `[{url, name, caption}]` (notify shape), both from
 * bot-platforms.md §A5 "Files"; always File media, since neither shape says more than a MIME type.
 */
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
