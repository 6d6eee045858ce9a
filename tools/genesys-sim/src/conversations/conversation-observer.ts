import type { Conversation, Participant } from './conversation.model';

/**
 * Told about every participant state change the conversation store makes, in the order it makes them. Genesys
 * derives its notifications (analytics detail events, queue and user conversation topics) from exactly these
 * changes, so the simulator's notifications hang off this hook rather than off the agent or API actions that
 * cause them: every path to a change (agent desk, disconnect API, webhook give-up, threading) produces the events.
 */
export interface ConversationObserver {
  /** A participant joined, or (threading) the customer came back. */
  participantConnected?(conversation: Conversation, participant: Participant): void;
  participantDisconnected?(conversation: Conversation, participant: Participant): void;
  /** An agent leg left after-call work with a wrap-up. */
  wrapupApplied?(conversation: Conversation, participant: Participant): void;
  attributesChanged?(conversation: Conversation, participant: Participant): void;
  /** After each store operation, once per conversation it changed (after the detailed calls above). */
  conversationChanged?(conversation: Conversation): void;
}
