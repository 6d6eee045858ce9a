import type { WebhookOptions } from '../config/sim-options';
import type { Conversation } from '../conversations/conversation.model';
import type { IntegrationRegistry } from '../integrations/integration.registry';
import { newMessageId, newUuid } from '../support/ids';
import type { OutboundMessageRecord, SimState } from '../state/sim-state';
import type { WebhookDispatcher } from '../webhook/webhook-dispatcher';
import {
  describeAsText,
  type OriginatingEntity,
  type OutboundAttachment,
  type StructuredContent,
} from './outbound-content';
import { buildOutboundPayload, type OutboundBody } from './outbound-message.builder';

export type OutboundRequest =
  | { kind: 'text'; text: string; originatingEntity: OriginatingEntity }
  | { kind: 'structured'; text?: string; content: StructuredContent[]; originatingEntity: OriginatingEntity }
  | { kind: 'attachment'; text?: string; attachment: OutboundAttachment; originatingEntity: OriginatingEntity }
  | { kind: 'typing'; durationMs: number }
  /** A delivery receipt for an inbound message (only when `webhook.deliverReceipts`). */
  | { kind: 'receipt'; inboundMessageId: string };

export interface OutboundMessengerDeps {
  webhook: () => WebhookOptions;
  integrations: IntegrationRegistry;
  state: SimState;
  dispatcher: WebhookDispatcher;
  now: () => Date;
}

/** Turns agent/bot/system output into outbound messages: records them, adds them to the transcript, hands them to the webhook. */
export class OutboundMessenger {
  private readonly byId = new Map<string, OutboundMessageRecord>();

  constructor(private readonly deps: OutboundMessengerDeps) {}

  send(conversation: Conversation, request: OutboundRequest): OutboundMessageRecord {
    const integration = this.deps.integrations.require(conversation.integrationId);
    const webhook = this.deps.webhook();
    const id = request.kind === 'receipt' ? request.inboundMessageId : newMessageId();
    const time = this.deps.now().toISOString();
    const body = toBody(request, webhook.structuredContent);
    const payload = buildOutboundPayload(
      { id, integration, conversation, time, includeConversationId: webhook.includeConversationId },
      body,
    );
    const record: OutboundMessageRecord = {
      id,
      conversationId: conversation.id,
      integrationId: integration.id,
      kind: request.kind,
      payload,
      createdAt: time,
    };
    if (request.kind === 'typing' && !integration.outboundTypingEnabled) {
      record.suppressed = 'typing indicators are disabled on the integration (Genesys default)';
    }
    this.deps.state.outboundMessages.push(record);
    if (request.kind !== 'receipt') this.byId.set(id, record);
    if (body.type === 'Text' || body.type === 'Structured') {
      conversation.transcript.push({
        id,
        direction: 'Outbound',
        type: body.type,
        text: body.text,
        content: body.content,
        originatingEntity: body.originatingEntity,
        time,
      });
    }
    if (!record.suppressed) this.deps.dispatcher.enqueue(integration, conversation.id, id, payload);
    return record;
  }

  /** An outbound message Genesys sent (receipts reference these ids). */
  find(messageId: string): OutboundMessageRecord | undefined {
    return this.byId.get(messageId);
  }

  clear(): void {
    this.byId.clear();
  }
}

function toBody(request: OutboundRequest, structuredContent: WebhookOptions['structuredContent']): OutboundBody {
  switch (request.kind) {
    case 'text':
      return { type: 'Text', text: request.text, content: [], originatingEntity: request.originatingEntity };
    case 'attachment':
      return {
        type: 'Text',
        text: request.text,
        content: [{ contentType: 'Attachment', attachment: { id: newUuid(), ...request.attachment } }],
        originatingEntity: request.originatingEntity,
      };
    case 'structured':
      if (structuredContent === 'text-only') {
        return {
          type: 'Text',
          text: describeAsText(request.text, request.content),
          content: request.content.filter((element) => element.contentType === 'Attachment'),
          originatingEntity: request.originatingEntity,
        };
      }
      return { type: 'Structured', text: request.text, content: request.content, originatingEntity: request.originatingEntity };
    case 'typing':
      return { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On', duration: request.durationMs } }] };
    case 'receipt':
      return { type: 'Receipt', status: 'Delivered', isFinalReceipt: true };
  }
}
