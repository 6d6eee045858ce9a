import type {
  BotOutgoingMessageRecord,
  BotServiceRequestRecord,
  BotSessionRecord,
  BotTurnRecord,
} from '../bot-connector/bot-connector.model';
import type { Conversation } from '../conversations/conversation.model';
import { createNotificationState, type NotificationState } from '../notifications/notification.model';

export interface InboundMessageRecord {
  /** Genesys message id returned to the caller. */
  id: string;
  integrationId: string;
  conversationId: string;
  receivedAt: string;
  /** Set when `duplicateInboundMessages` recognised the same messageId + time. */
  duplicateOf?: string;
  body: unknown;
  response: unknown;
}

export interface InboundEventRecord {
  id: string;
  integrationId: string;
  conversationId?: string;
  receivedAt: string;
  body: unknown;
}

export interface ReceiptRecord {
  id: string;
  integrationId: string;
  /** The Genesys outbound message id being acknowledged (`id` of the request). */
  messageId: string;
  conversationId?: string;
  status: string;
  reasons: unknown[];
  isFinalReceipt?: boolean;
  knownMessage: boolean;
  accepted: boolean;
  receivedAt: string;
  body: unknown;
}

export interface StructuredResponseRecord {
  id: string;
  integrationId: string;
  conversationId: string;
  originatingMessageId?: string;
  buttonResponse: { type: string; text: string; payload: string };
  receivedAt: string;
  body: unknown;
}

export interface AttributePatchRecord {
  conversationId: string;
  participantId: string;
  route: 'conversations' | 'conversations/messages';
  attributes: Record<string, string>;
  mode: 'merge' | 'replace';
  result: Record<string, string>;
  receivedAt: string;
}

export interface OutboundMessageRecord {
  /** Genesys message id (also the webhook payload `id`). */
  id: string;
  conversationId: string;
  integrationId: string;
  kind: 'text' | 'structured' | 'attachment' | 'typing' | 'receipt';
  payload: Record<string, unknown>;
  createdAt: string;
  /** Why it was not handed to the webhook (e.g. typing indicators disabled on the integration). */
  suppressed?: string;
}

export interface WebhookAttempt {
  deliveryId: string;
  messageId: string;
  conversationId: string;
  attempt: number;
  startedAt: string;
  durationMs: number;
  status?: number;
  error?: string;
  outcome: 'delivered' | 'will-retry' | 'gave-up' | 'rejected';
}

export interface WebhookDelivery {
  id: string;
  messageId: string;
  conversationId: string;
  integrationId: string;
  url: string;
  /** The exact bytes sent (UTF-8) and the signature header sent with them. */
  rawBody: string;
  signature: string;
  headers: Record<string, string>;
  status: 'queued' | 'in-flight' | 'delivered' | 'gave-up' | 'rejected' | 'abandoned';
  attempts: WebhookAttempt[];
  /** Fault injection: this is the second copy of another delivery. */
  duplicateOf?: string;
  /** Fault injection: this delivery was held back and sent after its successor. */
  reordered?: boolean;
  enqueuedAt: string;
  completedAt?: string;
}

export interface AttachmentFetchRecord {
  url: string;
  messageId: string;
  status?: number;
  error?: string;
  fetchedAt: string;
}

export interface ApiRequestRecord {
  method: string;
  url: string;
  status: number;
  correlationId: string;
  clientId?: string;
  receivedAt: string;
  durationMs: number;
}

export interface IssuedTokenRecord {
  clientId: string;
  issuedAt: string;
  expiresInSeconds: number;
}

/** Everything the simulator received or did, for assertions (also served as JSON on GET /sim/state). */
export interface SimState {
  conversations: Conversation[];
  inboundMessages: InboundMessageRecord[];
  inboundEvents: InboundEventRecord[];
  receipts: ReceiptRecord[];
  structuredResponses: StructuredResponseRecord[];
  attributePatches: AttributePatchRecord[];
  outboundMessages: OutboundMessageRecord[];
  webhookDeliveries: WebhookDelivery[];
  webhookAttempts: WebhookAttempt[];
  attachmentFetches: AttachmentFetchRecord[];
  apiRequests: ApiRequestRecord[];
  tokensIssued: IssuedTokenRecord[];
  /** Architect bot sessions (v1 Call Bot Connector and v2 Call Digital Bot Connector). */
  botSessions: BotSessionRecord[];
  /** Every turn sent to a bot: request, answer, validation errors, timing. */
  botTurns: BotTurnRecord[];
  /** v2: POST /api/v2/integrations/botconnectors/outgoing/messages received. */
  botOutgoingMessages: BotOutgoingMessageRecord[];
  /** v2: GET {base}/bots and {base}/bots/{botId} calls. */
  botServiceRequests: BotServiceRequestRecord[];
  /** Notifications API: channels, subscriptions, events sent and lost. */
  notifications: NotificationState;
}

export function createSimState(): SimState {
  return {
    conversations: [],
    inboundMessages: [],
    inboundEvents: [],
    receipts: [],
    structuredResponses: [],
    attributePatches: [],
    outboundMessages: [],
    webhookDeliveries: [],
    webhookAttempts: [],
    attachmentFetches: [],
    apiRequests: [],
    tokensIssued: [],
    botSessions: [],
    botTurns: [],
    botOutgoingMessages: [],
    botServiceRequests: [],
    notifications: createNotificationState(),
  };
}

/**
 * Empties every list in place, so references held by callers stay valid. Notification channels and their
 * subscriptions are live resources (like tokens), not recorded traffic: they stay; the event records go.
 */
export function clearSimState(state: SimState): void {
  const { notifications, ...lists } = state;
  for (const list of Object.values(lists) as unknown[][]) list.length = 0;
  notifications.eventsSent.length = 0;
  notifications.eventsDropped.length = 0;
  notifications.systemMessagesSent.length = 0;
}
