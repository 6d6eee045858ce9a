import type { ReplyMessage } from '@genesys-bridge/genesys-sim';
import type { AgentMessage } from './callback-server';

/** Width of the speaker column ("Customer: ", "Bot:      "). */
const SPEAKER_WIDTH = 10;

/** `Speaker:  text`, continuation lines indented under the text. */
export function line(speaker: string, text: string, minWidth = SPEAKER_WIDTH): string {
  const label = `${speaker}:`;
  const width = Math.max(minWidth, label.length + 1);
  return `${label.padEnd(width)}${text.split('\n').join(`\n${' '.repeat(width)}`)}`;
}

export function heading(title: string): string {
  return `── ${title} ──`;
}

export function shortId(id: string): string {
  return `${id.slice(0, 8)}…`;
}

/** `k=v` pairs in the order the map holds them. */
export function pairs(map: Readonly<Record<string, string>>, separator: string): string {
  return Object.entries(map)
    .map(([name, value]) => `${name}=${value}`)
    .join(separator);
}

interface ContentItem {
  contentType?: string;
  quickReply?: { text?: string; payload?: string };
  card?: CardContent;
  carousel?: { cards?: CardContent[] };
  attachment?: { mediaType?: string; url?: string; filename?: string; text?: string };
}

interface CardContent {
  title?: string;
  description?: string;
  actions?: { text?: string }[];
}

/** One readable line per reply message Architect received (Genesys `Text`/`Structured`). */
export function describeReplies(replies: readonly ReplyMessage[]): string[] {
  return replies.map((reply) => describeReply(reply));
}

function describeReply(reply: ReplyMessage): string {
  const content = (reply.content ?? []) as ContentItem[];
  const parts: string[] = [];
  if (reply.text) parts.push(reply.text);
  const quickReplies = content.filter((item) => item.contentType === 'QuickReply').map((item) => `[${item.quickReply?.text ?? item.quickReply?.payload ?? '?'}]`);
  if (quickReplies.length > 0) parts.push(quickReplies.join(' '));
  for (const item of content) {
    if (item.contentType === 'Carousel') {
      const cards = item.carousel?.cards ?? [];
      parts.push(`carousel ${cards.map((card) => JSON.stringify(card.title ?? '')).join(', ')} (${cards.length} cards)`);
    } else if (item.contentType === 'Card') {
      parts.push(`card ${JSON.stringify(item.card?.title ?? '')}${(item.card?.actions ?? []).map((action) => ` [${action.text ?? '?'}]`).join('')}`);
    } else if (item.contentType === 'Attachment') {
      parts.push(`(${(item.attachment?.mediaType ?? 'attachment').toLowerCase()}: ${item.attachment?.filename ?? item.attachment?.url ?? '?'})`);
    }
  }
  return parts.length > 0 ? parts.join('  ') : '(empty message)';
}

/** What the bot platform received from the agent, as a transcript line's text. */
export function describeAgentMessage(message: AgentMessage): string {
  const output = message.output;
  if (!output) return message.event ? `(${message.event.type})` : '(empty message)';
  if (output.kind === 'text') return output.text ?? '';
  const name = output.filename ?? (output.url ? decodeURIComponent(new URL(output.url).pathname.split('/').pop() ?? '') : '');
  const attachment = `an attachment: ${name || output.url || output.kind}`;
  return output.text ? `${output.text}  (+ ${attachment})` : `(${attachment})`;
}
