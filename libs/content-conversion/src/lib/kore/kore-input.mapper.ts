import { type CanonicalInput } from '../canonical';

/** The `message` of a Kore webhook v2 request (bot-platforms.md §B2 "v2 request"). */
export interface KoreWebhookMessage {
  type: 'text';
  val: string;
}

/**
 * Canonical input → Kore webhook v2 `message`. A button/quick-reply click is sent as text whose `val` is the payload:
 * that is what Kore's Web SDK posts for a postback button, and Kore's dialog matches on it. The label is not sent;
 * the webhook `message` has no field for it (`customData` is session-level and left to the adapter).
 */
export function toKoreMessage(input: CanonicalInput): KoreWebhookMessage {
  return { type: 'text', val: input.kind === 'postback' ? input.payload : input.text };
}
