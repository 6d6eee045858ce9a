import type { MessageEntity } from '@genesys-bridge/persistence';
import type { DeadLetterDto } from './dead-letters.dto';

/** Characters of the message text the view shows: enough to recognise a message, not to read a conversation. */
export const PREVIEW_LENGTH = 80;

/**
 * A failed row as the dead-letter view shows it. The payload itself never leaves: it may hold participant data
 * (`customAttributes`), attachment URLs and whatever Genesys or the bot platform put in it; only the start of its
 * `text`, which the caller's own platform sent or is to receive, is shown.
 */
export function toDeadLetterView(row: MessageEntity): DeadLetterDto {
  return {
    id: row.id,
    direction: row.direction,
    conversationKey: row.conversationKey,
    sequence: row.sequence,
    kind: row.kind,
    attempts: row.attempts,
    failure: row.lastError,
    providerMessageId: row.providerMessageId,
    preview: previewOf(row.payload),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The start of `payload.text` (user → agent rows and Genesys messages both keep their text there), whitespace folded. */
export function previewOf(payload: Record<string, unknown> | null | undefined): string | null {
  const text = payload?.text;
  if (typeof text !== 'string') return null;
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded === '') return null;
  const characters = [...folded];
  return characters.length <= PREVIEW_LENGTH ? folded : `${characters.slice(0, PREVIEW_LENGTH - 1).join('')}…`;
}
