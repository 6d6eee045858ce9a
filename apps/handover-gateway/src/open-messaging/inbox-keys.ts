import type { OutboundOpenMessageDto } from './outbound-message.dto';

/** What the outbox/inbox `kind` column says about a webhook message, for the to-bot delivery workers. */
export type InboxKind = 'text' | 'structured' | 'typing' | 'receipt' | 'event';

export function inboxKindOf(message: Pick<OutboundOpenMessageDto, 'type' | 'events'>): InboxKind {
  switch (message.type) {
    case 'Text':
      return 'text';
    case 'Structured':
      return 'structured';
    case 'Receipt':
      return 'receipt';
    case 'Event':
      // Typing is the only event Open Messaging documents (genesys-api.md §2.3); anything else is kept as `event`.
      return (message.events ?? []).length > 0 && (message.events ?? []).every((event) => event.eventType === 'Typing') ? 'typing' : 'event';
  }
}

/**
 * The conversation a webhook message belongs to: Genesys' `conversationId`, seen in every observed
 * payload but not in a published schema (UNCONFIRMED). Without it the customer address `channel.to.id`
 * is used: it still keeps one customer's messages together and in order (the connection already scopes
 * it to one integration), at the cost of not telling two consecutive conversations of that customer apart.
 */
export function conversationKeyOf(message: Pick<OutboundOpenMessageDto, 'conversationId' | 'channel'>): string {
  return message.conversationId ?? message.channel.to.id;
}

/**
 * The inbox de-duplication key. A message's Genesys id is unique, so retries of it collapse. A receipt's
 * `id` is the id of the message it acknowledges, and one message may get several receipts (Delivered,
 * then Read): receipts are keyed by id and status, so a retry collapses but the next status is kept.
 */
export function providerMessageIdOf(message: Pick<OutboundOpenMessageDto, 'id' | 'type' | 'status'>): string {
  return message.type === 'Receipt' ? `${message.id}#receipt:${message.status ?? ''}` : message.id;
}
