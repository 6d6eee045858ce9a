import type { Conversation, Participant, QueueRef } from '../conversations/conversation.model';
import type { ConversationStore } from '../conversations/conversation.store';
import {
  quickReplies,
  validateStructuredContent,
  type OriginatingEntity,
  type OutboundAttachment,
  type QuickReply,
  type StructuredContent,
} from '../messaging/outbound-content';
import type { OutboundMessenger } from '../messaging/outbound-messenger';
import type { RoutingDirectory } from '../routing/routing.directory';
import { badRequest, conflict, notFound } from '../support/genesys-error';
import { newUuid } from '../support/ids';
import type { OutboundMessageRecord } from '../state/sim-state';

export interface JoinOptions {
  /** Defaults to the queue the conversation is waiting in. */
  queueId?: string;
  name?: string;
  userId?: string;
}

export interface WrapUpOptions {
  /** The wrap-up code's id; defaults to `sim-wrapup-code`. */
  code?: string;
  name?: string;
  notes?: string;
}

export interface SendOptions {
  /** `Bot` messages (e.g. from an inbound flow's bot) need no connected agent. */
  originatingEntity?: OriginatingEntity;
}

/** What a simulated agent (or bot) can do on a conversation; not a Genesys API. */
export interface AgentHandle {
  readonly conversationId: string;
  join(options?: JoinOptions): Participant;
  sendText(text: string, options?: SendOptions): OutboundMessageRecord;
  sendStructured(content: StructuredContent[], options?: SendOptions & { text?: string }): OutboundMessageRecord;
  sendQuickReplies(text: string, replies: readonly (string | QuickReply)[], options?: SendOptions): OutboundMessageRecord;
  sendAttachment(attachment: OutboundAttachment, options?: SendOptions & { text?: string }): OutboundMessageRecord;
  startTyping(durationMs?: number): OutboundMessageRecord;
  transfer(queueId: string): Participant;
  end(): void;
  /** Applies a wrap-up to the newest agent leg still in after-call work (409 if none): `acw` fires now. */
  wrapUp(options?: WrapUpOptions): Participant;
}

export interface AgentDeskDeps {
  conversations: ConversationStore;
  routing: RoutingDirectory;
  outbound: OutboundMessenger;
}

/**
 * Agent-side behaviour. Joining answers the waiting `acd` participant; a transfer leaves the agent leg in
 * after-call work and puts the conversation back in a queue; ending disconnects everyone; a wrap-up ends
 * after-call work. None of these state changes is sent to the webhook (Genesys has no disconnect event there);
 * the Notifications API reports them (see `ConversationObserver`).
 */
export class AgentDesk {
  constructor(private readonly deps: AgentDeskDeps) {}

  handle(conversationId: string): AgentHandle {
    return {
      conversationId,
      join: (options) => this.join(conversationId, options),
      sendText: (text, options) => this.send(conversationId, { kind: 'text', text }, options),
      sendStructured: (content, options) =>
        this.send(conversationId, { kind: 'structured', text: options?.text, content: validateStructuredContent(content) }, options),
      sendQuickReplies: (text, replies, options) =>
        this.send(conversationId, { kind: 'structured', text, content: quickReplies(replies) }, options),
      sendAttachment: (attachment, options) =>
        this.send(conversationId, { kind: 'attachment', text: options?.text, attachment: requireAttachment(attachment) }, options),
      startTyping: (durationMs = 5000) => this.startTyping(conversationId, durationMs),
      transfer: (queueId) => this.transfer(conversationId, queueId),
      end: () => this.end(conversationId),
      wrapUp: (options) => this.wrapUp(conversationId, options),
    };
  }

  join(conversationId: string, options: JoinOptions = {}): Participant {
    const conversation = this.activeConversation(conversationId);
    if (this.deps.conversations.connected(conversation, 'agent')) throw conflict('an agent is already connected');
    const waiting = this.deps.conversations.connected(conversation, 'acd');
    const queue = options.queueId ? this.queueRef(options.queueId) : waiting?.queue;
    // The agent answers, then the ACD leg ends as answered (`user.start`, then `acd.end` with `answeredUserId`).
    const agent = this.deps.conversations.addParticipant(conversation, {
      purpose: 'agent',
      name: options.name ?? 'Simulated Agent',
      userId: options.userId ?? newUuid(),
      queue,
    });
    if (waiting) this.deps.conversations.disconnect(conversation, waiting, 'transfer');
    return agent;
  }

  transfer(conversationId: string, queueId: string): Participant {
    const conversation = this.activeConversation(conversationId);
    const queue = this.queueRef(queueId);
    this.deps.conversations.disconnect(conversation, this.connectedAgent(conversation), 'transfer');
    return this.deps.conversations.addParticipant(conversation, { purpose: 'acd', name: queue.name, queue });
  }

  end(conversationId: string): void {
    const conversation = this.activeConversation(conversationId);
    this.deps.conversations.end(conversation, 'peer', this.connectedAgent(conversation), 'client');
  }

  /** Works on ended conversations too: after-call work outlives the conversation. */
  wrapUp(conversationId: string, options: WrapUpOptions = {}): Participant {
    const conversation = this.deps.conversations.require(conversationId);
    const inAcw = conversation.participants.filter((participant) => participant.startAcwTime !== undefined && participant.endAcwTime === undefined);
    const agent = inAcw.at(-1);
    if (!agent) throw conflict(`no agent of conversation ${conversationId} is in after-call work`);
    this.deps.conversations.applyWrapup(conversation, agent, { code: options.code ?? DEFAULT_WRAPUP_CODE, name: options.name, notes: options.notes });
    return agent;
  }

  private send(
    conversationId: string,
    request:
      | { kind: 'text'; text: string }
      | { kind: 'structured'; text?: string; content: StructuredContent[] }
      | { kind: 'attachment'; text?: string; attachment: OutboundAttachment },
    options: SendOptions = {},
  ): OutboundMessageRecord {
    const conversation = this.activeConversation(conversationId);
    const originatingEntity = options.originatingEntity ?? 'Human';
    if (originatingEntity === 'Human') this.connectedAgent(conversation);
    if (request.kind === 'text' && (typeof request.text !== 'string' || request.text === '')) throw badRequest('text is required');
    return this.deps.outbound.send(conversation, { ...request, originatingEntity });
  }

  private startTyping(conversationId: string, durationMs: number): OutboundMessageRecord {
    const conversation = this.activeConversation(conversationId);
    this.connectedAgent(conversation);
    return this.deps.outbound.send(conversation, { kind: 'typing', durationMs });
  }

  private activeConversation(conversationId: string): Conversation {
    const conversation = this.deps.conversations.require(conversationId);
    if (!this.deps.conversations.isActive(conversation)) throw conflict(`conversation ${conversationId} has ended`);
    return conversation;
  }

  private connectedAgent(conversation: Conversation): Participant {
    const agent = this.deps.conversations.connected(conversation, 'agent');
    if (!agent) throw conflict(`no agent is connected to conversation ${conversation.id}`);
    return agent;
  }

  private queueRef(queueId: string): QueueRef {
    const queue = this.deps.routing.queue(queueId);
    if (!queue) throw notFound(`The queue ${queueId} was not found.`);
    return { id: queue.id, name: queue.name };
  }
}

const DEFAULT_WRAPUP_CODE = 'sim-wrapup-code';

function requireAttachment(attachment: OutboundAttachment | undefined): OutboundAttachment {
  if (!attachment || typeof attachment.url !== 'string' || typeof attachment.mediaType !== 'string') {
    throw badRequest('attachment.url and attachment.mediaType are required');
  }
  return attachment;
}
