import { type CanonicalOutput } from '@genesys-bridge/content-conversion';
import { type BotPlatform } from '../bot-platform.adapter';

/** Who wrote an agent message: a human agent, or a Genesys bot flow (`originatingEntity: "Bot"`). */
export interface AgentMessageOrigin {
  type: 'agent' | 'bot';
  /** The agent's display name, when Genesys sends one and the connection shows agent profiles. */
  name?: string;
  /** The agent's picture URL, when Genesys sends one and the connection shows agent profiles. */
  avatarUrl?: string;
}

/**
 * How a handover ended, in the words of Cognigy's handover status (bot-platforms.md §A8), which the other platforms
 * map from: `completed` (the agent side finished), `cancelled` (nobody took it, or it was withdrawn), `error`
 * (Genesys refused it).
 */
export type HandoverEndStatus = 'completed' | 'cancelled' | 'error';

/** The end of a handover as the bot platform is told: control goes back to the bot. */
export interface HandoverEndedEvent {
  event: 'handover-ended';
  status: HandoverEndStatus;
  /** Why, in a few words (e.g. `genesys-refused: 400 …`, `agent-ended`). */
  reason?: string;
  /** Genesys' `disconnectType` of the customer leg, when the end was detected in Genesys (`peer`, `client`, `timeout`…). */
  disconnectType?: string;
}

/** What to show the user: canonical outputs (one request each), a typing indicator, or the end of the handover. */
export type AgentMessageContent = { outputs: readonly CanonicalOutput[] } | { event: 'typing' } | HandoverEndedEvent;

/** One Genesys agent → user message (design.md §5 "Agent → user"), for one handover's destination. */
export interface AgentMessage {
  /** The Genesys message id: sent as the message id and used as the idempotency key. */
  messageId: string;
  from: AgentMessageOrigin;
  content: AgentMessageContent;
  /** The caller's time budget and the only timeout: when it aborts, `send` fails with kind `timeout`. */
  signal: AbortSignal;
  /** Sent as `X-Correlation-Id`. */
  correlationId?: string;
}

export interface AgentMessageSendResult {
  /** HTTP requests made: 0 when there was nothing this platform can show (e.g. typing on Cognigy notify). */
  requests: number;
}

/**
 * Delivers agent messages to one handover's bot platform destination. Plain classes, safe for concurrent calls.
 * `send` resolves once every request of the message was answered 2xx, or rejects with a `BotPlatformError` (see
 * `classifyAgentMessageFailure` for what to retry). A message split into several requests may be partly delivered
 * when it fails; a resend repeats the same idempotency keys, so the receiver can drop what it already has.
 */
export interface AgentMessageSender {
  readonly platform: BotPlatform;
  /** Whether typing indicators reach the user on this platform. */
  readonly supportsTyping: boolean;
  /** Every sender delivers `HandoverEndedEvent`s: it is how the bot gets the conversation back. */
  send(message: AgentMessage): Promise<AgentMessageSendResult>;
}

/** `{messageId}` for a message's only (or first) request, `{messageId}#{n}` for its n-th: stable across resends. */
export function partIdempotencyKey(messageId: string, index: number): string {
  return index === 0 ? messageId : `${messageId}#${index + 1}`;
}
