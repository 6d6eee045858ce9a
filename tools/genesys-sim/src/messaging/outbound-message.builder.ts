import type { Conversation } from '../conversations/conversation.model';
import type { Integration } from '../integrations/integration.model';
import type { OriginatingEntity } from './outbound-content';

export interface OutboundEnvelope {
  /** Genesys message id: the payload `id` and `channel.messageId`. */
  id: string;
  integration: Integration;
  conversation: Conversation;
  time: string;
  includeConversationId: boolean;
}

export type OutboundBody =
  | { type: 'Text' | 'Structured'; text?: string; content: unknown[]; originatingEntity: OriginatingEntity }
  | { type: 'Event'; events: unknown[] }
  | { type: 'Receipt'; status: 'Delivered'; isFinalReceipt: boolean };

/** The "Outbound Open NormalizedMessage" Genesys POSTs to the webhook (genesys-api.md §2.5). */
export function buildOutboundPayload(envelope: OutboundEnvelope, body: OutboundBody): Record<string, unknown> {
  const { id, integration, conversation, time } = envelope;
  const payload: Record<string, unknown> = {
    id,
    channel: {
      id: integration.id,
      platform: 'Open',
      type: 'Private',
      messageId: id,
      to: { id: conversation.customer.id, idType: conversation.customer.idType },
      from: { nickname: integration.name, id: integration.id, idType: 'Opaque' },
      time,
    },
  };
  if (envelope.includeConversationId) payload.conversationId = conversation.id;
  payload.direction = 'Outbound';
  return { ...payload, ...body };
}
