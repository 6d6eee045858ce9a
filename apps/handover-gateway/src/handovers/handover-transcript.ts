import { truncateUtf16 } from '@genesys-bridge/participant-data';

/** One line of the conversation the customer had with the bot before the handover. */
export interface TranscriptLine {
  from: 'user' | 'bot';
  text: string;
  /** ISO-8601, when the bot platform knows it. */
  time?: string;
}

export const TRANSCRIPT_HEADING = 'Conversation with the bot before the handover:';

/**
 * Longest transcript message we send, in UTF-16 code units. Genesys' Open Messaging text limit is unconfirmed
 * (genesys-api.md §2.7); this keeps the message well inside what other channels accept while holding a long chat.
 */
export const DEFAULT_MAX_TRANSCRIPT_LENGTH = 10_000;

export interface Transcript {
  text: string;
  /** How many of the oldest lines were left out to stay within the length limit. */
  omitted: number;
}

/**
 * The transcript as ONE message the agent reads first (bot-platforms.md: Cognigy sends the whole transcript as
 * one message): a heading, then `Customer: …` / `Bot: …` lines in the given order. Blank lines are skipped; a
 * multi-line text continues indented under its speaker. When it is too long, the oldest lines are left out and
 * a note says how many. Undefined when nothing is left to show.
 */
export function buildTranscript(lines: readonly TranscriptLine[], maxLength = DEFAULT_MAX_TRANSCRIPT_LENGTH): Transcript | undefined {
  const rendered = lines.filter((line) => line.text.trim() !== '').map(renderLine);
  if (rendered.length === 0) return undefined;
  const kept: string[] = [];
  let length = TRANSCRIPT_HEADING.length + omittedNote(rendered.length).length + 1;
  for (let i = rendered.length - 1; i >= 0; i--) {
    const line = rendered[i];
    if (length + 1 + line.length > maxLength && kept.length > 0) break;
    kept.unshift(line);
    length += 1 + line.length;
  }
  const omitted = rendered.length - kept.length;
  const text = [TRANSCRIPT_HEADING, ...(omitted > 0 ? [omittedNote(omitted)] : []), ...kept].join('\n');
  return { text: text.length > maxLength ? `${truncateUtf16(text, maxLength - 1)}…` : text, omitted };
}

function renderLine(line: TranscriptLine): string {
  const speaker = line.from === 'bot' ? 'Bot' : 'Customer';
  const text = line.text
    .trim()
    .split(/\r\n|\r|\n/)
    .join('\n  ');
  return `${speaker}: ${text}`;
}

function omittedNote(count: number): string {
  return `(${count} earlier message${count === 1 ? '' : 's'} left out)`;
}
