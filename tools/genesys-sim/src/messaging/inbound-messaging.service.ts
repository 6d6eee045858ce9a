import type { GenesysSimOptions } from '../config/sim-options';
import type { Conversation, QueueRef } from '../conversations/conversation.model';
import type { ConversationStore } from '../conversations/conversation.store';
import { applyAttributes } from '../conversations/participant-attributes';
import type { Integration } from '../integrations/integration.model';
import type { IntegrationRegistry } from '../integrations/integration.registry';
import type { FixedWindowRateLimiter } from '../rate-limit/rate-limiter';
import type { RoutingDirectory } from '../routing/routing.directory';
import { badRequest, conflict, rateLimited } from '../support/genesys-error';
import { newMessageId } from '../support/ids';
import type { InboundMessageRecord, SimState } from '../state/sim-state';
import type { AttachmentFetcher } from './attachment-fetcher';
import type { InboundChannel } from './inbound-channel.validator';
import { validateInboundEvent } from './inbound-event.validator';
import { validateInboundMessage } from './inbound-message.validator';
import { validateInboundReceipt } from './inbound-receipt.validator';
import type { OutboundMessenger } from './outbound-messenger';
import { validateStructuredResponse } from './structured-response.validator';

export interface InboundMessagingDeps {
  options: GenesysSimOptions;
  state: SimState;
  integrations: IntegrationRegistry;
  routing: RoutingDirectory;
  conversations: ConversationStore;
  outbound: OutboundMessenger;
  attachments: AttachmentFetcher;
  rateLimiter: FixedWindowRateLimiter;
  now: () => Date;
}

/** The Open Messaging inbound endpoints' behaviour (genesys-api.md §2.3, §2.4). Bodies are validated here. */
export class InboundMessagingService {
  /** (integration, messageId, time) → first record, for `duplicateInboundMessages`. */
  private readonly seen = new Map<string, InboundMessageRecord>();

  constructor(private readonly deps: InboundMessagingDeps) {}

  receiveMessage(integrationId: string, body: unknown, prefetchConversationId: boolean): Record<string, unknown> {
    const integration = this.admit(integrationId);
    const message = validateInboundMessage(body, { maxTextLength: this.deps.options.maxInboundTextLength });
    const duplicateKey = [integration.id, message.channel.messageId, message.channel.time].join('\u0000');
    const original = this.seen.get(duplicateKey);
    if (original) {
      const policy = this.deps.options.duplicateInboundMessages;
      if (policy === 'reject') {
        throw conflict(
          `A message with channel.messageId ${message.channel.messageId} and channel.time ${message.channel.time} was already received`,
        );
      }
      if (policy === 'dedupe') return withConversationId(original.response, original.conversationId, prefetchConversationId);
    }

    const conversation = this.conversationFor(integration, message.channel);
    const id = newMessageId();
    const normalized: Record<string, unknown> = {
      id,
      channel: this.normalizedChannel(integration, message.channel),
      type: 'Text',
      ...(message.text === undefined ? {} : { text: message.text }),
      content: message.content,
      ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
    };
    const record: InboundMessageRecord = {
      id,
      integrationId: integration.id,
      conversationId: conversation.id,
      receivedAt: this.timestamp(),
      duplicateOf: original?.id,
      body,
      response: normalized,
    };
    this.deps.state.inboundMessages.push(record);
    if (!original) this.seen.set(duplicateKey, record);
    conversation.transcript.push({
      id,
      direction: 'Inbound',
      type: 'Text',
      text: message.text,
      content: message.content,
      providerMessageId: message.channel.messageId,
      time: message.channel.time,
    });
    if (this.deps.options.fetchInboundAttachments) {
      this.deps.attachments.fetchLater(id, message.content.map((element) => element.attachment.url));
    }
    if (this.deps.options.webhook.deliverReceipts) {
      this.deps.outbound.send(conversation, { kind: 'receipt', inboundMessageId: id });
    }
    return withConversationId(normalized, conversation.id, prefetchConversationId);
  }

  receiveEvent(integrationId: string, body: unknown): Record<string, unknown> {
    const integration = this.admit(integrationId);
    const event = validateInboundEvent(body);
    const latest = this.deps.conversations.latestForAddress(integration.id, event.channel.from.id);
    const conversation = latest && this.deps.conversations.isActive(latest) ? latest : undefined;
    const id = newMessageId();
    this.deps.state.inboundEvents.push({
      id,
      integrationId: integration.id,
      conversationId: conversation?.id,
      receivedAt: this.timestamp(),
      body,
    });
    return { id, channel: this.normalizedChannel(integration, event.channel), type: 'Event', events: event.events };
  }

  receiveReceipt(integrationId: string, body: unknown): Record<string, unknown> {
    const integration = this.admit(integrationId);
    const receipt = validateInboundReceipt(body);
    const acknowledged = this.deps.outbound.find(receipt.id);
    const knownMessage = acknowledged?.integrationId === integration.id;
    const accepted = knownMessage || this.deps.options.unknownReceiptMessageIds === 'accept';
    this.deps.state.receipts.push({
      id: newMessageId(),
      integrationId: integration.id,
      messageId: receipt.id,
      conversationId: knownMessage ? acknowledged?.conversationId : undefined,
      status: receipt.status,
      reasons: receipt.reasons,
      isFinalReceipt: receipt.isFinalReceipt,
      knownMessage,
      accepted,
      receivedAt: this.timestamp(),
      body,
    });
    if (!accepted) throw badRequest(`id ${receipt.id} does not reference a message sent on integration ${integration.id}`);
    return {
      id: receipt.id,
      channel: {
        id: integration.id,
        platform: 'Open',
        type: 'Private',
        messageId: receipt.id,
        to: receipt.channel.to,
        from: { id: integration.id, idType: 'Opaque' },
        time: receipt.channel.time,
      },
      type: 'Receipt',
      status: receipt.status,
      reasons: receipt.reasons,
      ...(receipt.isFinalReceipt === undefined ? {} : { isFinalReceipt: receipt.isFinalReceipt }),
      direction: 'Outbound',
    };
  }

  receiveStructuredResponse(integrationId: string, body: unknown): Record<string, unknown> {
    const integration = this.admit(integrationId);
    const response = validateStructuredResponse(body);
    const conversation = this.conversationFor(integration, response.channel);
    const id = newMessageId();
    const content = [{ contentType: 'ButtonResponse', buttonResponse: response.buttonResponse }];
    this.deps.state.structuredResponses.push({
      id,
      integrationId: integration.id,
      conversationId: conversation.id,
      originatingMessageId: response.originatingMessageId,
      buttonResponse: response.buttonResponse,
      receivedAt: this.timestamp(),
      body,
    });
    conversation.transcript.push({
      id,
      direction: 'Inbound',
      type: 'Structured',
      text: response.buttonResponse.text,
      content,
      providerMessageId: response.channel.messageId,
      time: response.channel.time,
    });
    return {
      id,
      channel: this.normalizedChannel(integration, response.channel),
      type: 'Structured',
      content,
      ...(response.originatingMessageId === undefined ? {} : { originatingMessageId: response.originatingMessageId }),
    };
  }

  clear(): void {
    this.seen.clear();
  }

  /** The integration must exist (404) and, when configured, the per-integration inbound limit must allow it (429). */
  private admit(integrationId: string): Integration {
    const integration = this.deps.integrations.require(integrationId);
    const limit = this.deps.options.inboundRateLimit;
    if (limit) {
      const decision = this.deps.rateLimiter.take(`inbound:${integration.id}`, limit);
      if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
    }
    return integration;
  }

  /**
   * Continues the address' active conversation, reopens one inside the threading window, or starts a new one,
   * then merges customAttributes into the customer's attributes (limits are checked before anything changes).
   */
  private conversationFor(integration: Integration, channel: InboundChannel): Conversation {
    const { conversations, options } = this.deps;
    const latest = conversations.latestForAddress(integration.id, channel.from.id);
    const reuse = latest && (conversations.isActive(latest) || this.withinThreadingWindow(latest)) ? latest : undefined;
    const attributes = applyAttributes(reuse ? conversations.customer(reuse).attributes : {}, channel.customAttributes, 'merge', {
      maxAttributes: options.maxParticipantAttributes,
      maxValueLength: options.maxAttributeValueLength,
    });
    let conversation: Conversation;
    if (reuse) {
      if (!conversations.isActive(reuse)) conversations.reopen(reuse, this.inboundQueue(integration));
      conversation = reuse;
    } else {
      const { id, idType, nickname, firstName, lastName } = channel.from;
      conversation = conversations.create(integration.id, { id, idType, nickname, firstName, lastName }, this.inboundQueue(integration));
    }
    const customer = conversations.customer(conversation);
    if (Object.keys(channel.customAttributes).length > 0) conversations.setAttributes(conversation, customer, attributes);
    else customer.attributes = attributes;
    return conversation;
  }

  private withinThreadingWindow(conversation: Conversation): boolean {
    const window = this.deps.options.threadingWindowMs;
    if (window <= 0 || conversation.endTime === undefined) return false;
    return this.deps.now().getTime() - Date.parse(conversation.endTime) <= window;
  }

  private inboundQueue(integration: Integration): QueueRef | undefined {
    const queue = integration.inboundQueueId ? this.deps.routing.queue(integration.inboundQueueId) : undefined;
    return queue ? { id: queue.id, name: queue.name } : undefined;
  }

  private normalizedChannel(integration: Integration, channel: InboundChannel): Record<string, unknown> {
    return {
      id: integration.id,
      platform: 'Open',
      type: 'Private',
      ...(channel.messageId === undefined ? {} : { messageId: channel.messageId }),
      to: { id: integration.id },
      from: channel.from,
      time: channel.time,
      ...(channel.metadata === undefined ? {} : { metadata: channel.metadata }),
    };
  }

  private timestamp(): string {
    return this.deps.now().toISOString();
  }
}

function withConversationId(response: unknown, conversationId: string, include: boolean): Record<string, unknown> {
  const copy = { ...(response as Record<string, unknown>) };
  if (include) copy.conversationId = conversationId;
  return copy;
}
