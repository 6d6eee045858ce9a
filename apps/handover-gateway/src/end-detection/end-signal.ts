/**
 * The contract between the ways we learn that something happened to a handover's Genesys conversation (issue #6:
 * the Notifications API WebSocket, Genesys Triggers → Data Action calls, EventBridge-shaped events, the periodic
 * backstop check) and the one place that decides whether the handover ended (`EndDetection`).
 *
 * A signal is only a hint: the decision always looks at the conversation's state in Genesys, after the debounce the
 * signal's kind asks for (a transfer also produces `user-end` and `acw` for the first agent, and must not end the
 * handover).
 */

/** Where a signal came from: the label of the end-detection lag histogram. */
export type EndSignalPath = 'notifications' | 'trigger' | 'eventbridge' | 'backstop';

/**
 * What happened, from the Genesys topic `v2.detail.events.conversation.{id}.<kind>` (genesys-api.md §5):
 * `customer-end` (the customer leg ended: definitive, evaluated at once), `user-end` (an agent leg ended),
 * `acw` (an agent entered after-call work), `user-start` (an agent joined), `acd-start` (queued again, e.g. after a
 * transfer), `check` (no event: the backstop asks for a look).
 */
export type EndSignalKind = 'customer-end' | 'user-end' | 'acw' | 'user-start' | 'acd-start' | 'check';

export interface EndSignal {
  connectionId: string;
  genesysConversationId: string;
  path: EndSignalPath;
  kind: EndSignalKind;
  /** When Genesys says it happened (`eventTime`); the receive time when the event has none. */
  eventTime: Date;
  /** E.g. `disconnectType` (`client`, `peer`, `transfer`, `timeout`…), `userId`, `queueId`, when the event has them. */
  detail?: { disconnectType?: string; userId?: string; queueId?: string; participantId?: string };
}

/** Accepts signals; implemented by `EndDetection` (durable: a signal is queued before this resolves). */
export interface EndSignalSink {
  signal(signal: EndSignal): Promise<void>;
}

/** The Nest injection token of the `EndSignalSink`. */
export const END_SIGNAL_SINK = Symbol('END_SIGNAL_SINK');
