import { type CanonicalMediaType, type CanonicalOutput } from '../canonical';
import {
  arrayAt,
  compact,
  firstStringAt,
  isRecord,
  type JsonRecord,
  parseJsonStructure,
  recordAt,
  stringAt,
} from '../json-guards';
import { buttonsOutput, parseButton, parseCards, quickRepliesOutput, textOutput } from '../messenger-style.parser';

/** One item of a Kore webhook v2 response's `data[]` (bot-platforms.md §B2 "v2 sync response"). */
export interface KoreMessageItem {
  type?: string;
  val?: unknown;
  createdOn?: string;
  messageId?: string;
}

/** `{"type": …, "payload": …}` types that carry a single media URL in `payload.url` (bot-platforms.md §B3). */
const URL_MEDIA_TYPES: Readonly<Record<string, CanonicalMediaType>> = {
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  file: 'File',
};

/** `{"type":"message","payload":{…}}` media keys (bot-platforms.md §B3 video/audio; the Web SDK's `fileUrl`). */
const MESSAGE_MEDIA_KEYS: ReadonlyArray<[string, CanonicalMediaType]> = [
  ['videoUrl', 'Video'],
  ['audioUrl', 'Audio'],
  ['fileUrl', 'File'],
];

/**
 * Parses the `data[]` items of a Kore webhook v2 sync (or async) response. Each item's `val` is a plain string, or a
 * message object given as an object or as a JSON string (the Web SDK JSON-parses every `val` when it can,
 * bot-platforms.md §B2 "Templates in responses"); an array holds several messages. Event items (`SESSION_CLOSURE`)
 * are not output and are skipped.
 */
export function parseKoreMessages(data: readonly unknown[] | unknown): CanonicalOutput[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((item) => {
    if (!isRecord(item) || item['type'] === 'event') return [];
    return parseKoreValue(item['val'] ?? item['text']);
  });
}

function parseKoreValue(val: unknown): CanonicalOutput[] {
  if (Array.isArray(val)) return val.flatMap(parseKoreValue);
  if (isRecord(val)) return parseKoreObject(val) ?? [{ kind: 'unsupported', source: 'kore:object' }];
  if (typeof val !== 'string') return [];
  const structure = parseJsonStructure(val);
  if (Array.isArray(structure)) return structure.flatMap(parseKoreValue);
  // JSON that is not a message object (no `type`, no `text`) was meant as text.
  return (isRecord(structure) && parseKoreObject(structure)) || textOutput(val);
}

/** A message object; `undefined` when the object has neither a `type` nor a `text`. */
function parseKoreObject(message: JsonRecord): CanonicalOutput[] | undefined {
  const type = stringAt(message, 'type');
  const payload = recordAt(message, 'payload');
  if (type === undefined) {
    const text = stringAt(message, 'text');
    return text === undefined ? undefined : textOutput(text);
  }
  if (type === 'template') return parseTemplate(payload ?? {});
  const urlMediaType = URL_MEDIA_TYPES[type];
  if (urlMediaType) return mediaOutput(urlMediaType, firstStringAt(payload, 'url', 'fileUrl'), payload);
  if (type === 'message') return parseMessagePayload(payload);
  if (type === 'error' || type === 'text') return textOutput(stringAt(payload, 'text') ?? stringAt(message, 'text'));
  return [unsupported(`kore:${type}`, stringAt(payload, 'text') ?? stringAt(message, 'text'))];
}

/** `{"type":"message","payload":{"text":"","videoUrl"|"audioUrl"|"fileUrl"}}` (bot-platforms.md §B3). */
function parseMessagePayload(payload: JsonRecord | undefined): CanonicalOutput[] {
  const found = MESSAGE_MEDIA_KEYS.find(([key]) => stringAt(payload, key) !== undefined);
  if (!found) return textOutput(stringAt(payload, 'text'));
  const [key, mediaType] = found;
  return mediaOutput(mediaType, stringAt(payload, key), payload);
}

function mediaOutput(
  mediaType: CanonicalMediaType,
  url: string | undefined,
  payload: JsonRecord | undefined,
): CanonicalOutput[] {
  if (url === undefined) return textOutput(stringAt(payload, 'text'));
  return [
    compact({
      kind: 'media',
      mediaType,
      url,
      filename: firstStringAt(payload, 'name', 'fileName'),
      text: stringAt(payload, 'text'),
    }),
  ];
}

/**
 * Kore templates (bot-platforms.md §B3): `button` → buttons, `quick_replies` → quick replies, `carousel` → cards,
 * `list` → list (its first global button, e.g. "View More", is the list button). Other templates (feedback, charts,
 * tables, dropdown…) "should degrade to text": unsupported, with the payload's `text` as fallback when it has one.
 */
function parseTemplate(payload: JsonRecord): CanonicalOutput[] {
  const templateType = stringAt(payload, 'template_type') ?? 'unknown';
  const text = stringAt(payload, 'text');
  switch (templateType) {
    case 'button':
      return buttonsOutput(text ?? '', arrayAt(payload, 'buttons'));
    case 'quick_replies':
      return quickRepliesOutput(text ?? '', arrayAt(payload, 'quick_replies'));
    case 'carousel': {
      const cards = parseCards(arrayAt(payload, 'elements'));
      return cards.length > 0 ? [compact({ kind: 'cards', cards, text })] : textOutput(text);
    }
    case 'list': {
      const items = parseCards(arrayAt(payload, 'elements'));
      const button = parseButton(arrayAt(payload, 'buttons')[0]);
      return items.length > 0 ? [compact({ kind: 'list', items, button, text })] : textOutput(text);
    }
    default:
      return [unsupported(`kore:template:${templateType}`, text)];
  }
}

function unsupported(source: string, fallbackText: string | undefined): CanonicalOutput {
  return compact({ kind: 'unsupported', source, fallbackText });
}
