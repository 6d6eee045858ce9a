import { notFound } from '../support/genesys-error';
import { newUuid } from '../support/ids';
import type {
  Conversation,
  CustomerAddress,
  DisconnectType,
  Participant,
  ParticipantPurpose,
  QueueRef,
  Wrapup,
} from './conversation.model';
import type { ConversationObserver } from './conversation-observer';

export interface NewParticipant {
  purpose: ParticipantPurpose;
  name?: string;
  userId?: string;
  queue?: QueueRef;
  attributes?: Record<string, string>;
}

/** Holds the conversations (the array is the one exposed as `sim.state.conversations`) and their participants. */
export class ConversationStore {
  private readonly byId = new Map<string, Conversation>();
  private readonly latestByAddress = new Map<string, Conversation>();
  private readonly observers: ConversationObserver[] = [];
  private readonly touched = new Set<Conversation>();
  private depth = 0;

  constructor(
    private readonly conversations: Conversation[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Observers hear every participant change, in order (notifications, after-call work timers). */
  observe(observer: ConversationObserver): void {
    this.observers.push(observer);
  }

  get(conversationId: string): Conversation | undefined {
    return this.byId.get(conversationId);
  }

  require(conversationId: string): Conversation {
    const conversation = this.byId.get(conversationId);
    if (!conversation) throw notFound(`The conversation ${conversationId} was not found.`);
    return conversation;
  }

  requireParticipant(conversation: Conversation, participantId: string): Participant {
    const participant = conversation.participants.find((candidate) => candidate.id === participantId);
    if (!participant) throw notFound(`The participant ${participantId} was not found on conversation ${conversation.id}.`);
    return participant;
  }

  /** The most recent conversation (active or ended) of this address on this integration. */
  latestForAddress(integrationId: string, addressId: string): Conversation | undefined {
    return this.latestByAddress.get(addressKey(integrationId, addressId));
  }

  create(integrationId: string, customer: CustomerAddress, queue?: QueueRef): Conversation {
    return this.operation(() => this.createConversation(integrationId, customer, queue));
  }

  addParticipant(conversation: Conversation, init: NewParticipant): Participant {
    return this.operation(() => this.connectParticipant(conversation, init));
  }

  /** An agent leg goes into after-call work as it disconnects (wrap-up required, like Genesys' default queue setting). */
  disconnect(conversation: Conversation, participant: Participant, disconnectType: DisconnectType): void {
    this.operation(() => this.disconnectParticipant(conversation, participant, disconnectType));
  }

  /** Disconnects every remaining participant: the one who ended it with `initiator`, the others with `others`. */
  end(conversation: Conversation, others: DisconnectType, initiator?: Participant, initiatorType: DisconnectType = 'client'): void {
    this.operation(() => {
      if (initiator) this.disconnectParticipant(conversation, initiator, initiatorType);
      for (const participant of conversation.participants) this.disconnectParticipant(conversation, participant, others);
      conversation.endTime = this.timestamp();
    });
  }

  /** Ends an agent leg's after-call work with a wrap-up; a leg not in after-call work is left alone (false). */
  applyWrapup(conversation: Conversation, participant: Participant, wrapup: Omit<Wrapup, 'durationSeconds' | 'endTime'>): boolean {
    if (participant.startAcwTime === undefined || participant.endAcwTime !== undefined) return false;
    return this.operation(() => {
      const endTime = this.timestamp();
      const durationSeconds = Math.max(0, Math.round((Date.parse(endTime) - Date.parse(participant.startAcwTime ?? endTime)) / 1000));
      participant.endAcwTime = endTime;
      participant.wrapup = { ...wrapup, durationSeconds, endTime };
      this.emit(conversation, (observer) => observer.wrapupApplied?.(conversation, participant));
      return true;
    });
  }

  /** Replaces a participant's attributes (the caller merged or validated them) and tells the observers. */
  setAttributes(conversation: Conversation, participant: Participant, attributes: Record<string, string>): void {
    this.operation(() => {
      participant.attributes = attributes;
      this.emit(conversation, (observer) => observer.attributesChanged?.(conversation, participant));
    });
  }

  /** Threading: a new message shortly after the end brings the same conversation back. */
  reopen(conversation: Conversation, queue?: QueueRef): void {
    this.operation(() => {
      const customer = this.customer(conversation);
      const at = this.timestamp();
      Object.assign(customer, { state: 'connected', connectedTime: at });
      delete customer.endTime;
      delete customer.disconnectType;
      delete conversation.endTime;
      this.emit(conversation, (observer) => observer.participantConnected?.(conversation, customer));
      if (queue) this.connectParticipant(conversation, { purpose: 'acd', name: queue.name, queue });
    });
  }

  connected(conversation: Conversation, purpose: ParticipantPurpose): Participant | undefined {
    return conversation.participants.find((participant) => participant.purpose === purpose && participant.state !== 'disconnected');
  }

  customer(conversation: Conversation): Participant {
    const customer = conversation.participants.find((participant) => participant.purpose === 'customer');
    if (!customer) throw new Error(`conversation ${conversation.id} has no customer participant`);
    return customer;
  }

  isActive(conversation: Conversation): boolean {
    return conversation.endTime === undefined;
  }

  clear(): void {
    this.conversations.length = 0;
    this.byId.clear();
    this.latestByAddress.clear();
  }

  private createConversation(integrationId: string, customer: CustomerAddress, queue?: QueueRef): Conversation {
    const conversation: Conversation = {
      id: newUuid(),
      integrationId,
      customer,
      participants: [],
      transcript: [],
      startTime: this.timestamp(),
    };
    this.connectParticipant(conversation, { purpose: 'customer', name: customer.nickname ?? customer.id });
    if (queue) this.connectParticipant(conversation, { purpose: 'acd', name: queue.name, queue });
    this.conversations.push(conversation);
    this.byId.set(conversation.id, conversation);
    this.latestByAddress.set(addressKey(integrationId, customer.id), conversation);
    return conversation;
  }

  private connectParticipant(conversation: Conversation, init: NewParticipant): Participant {
    const at = this.timestamp();
    const participant: Participant = {
      id: newUuid(),
      purpose: init.purpose,
      state: 'connected',
      name: init.name,
      userId: init.userId,
      sessionId: newUuid(),
      queue: init.queue,
      attributes: { ...(init.attributes ?? {}) },
      startTime: at,
      connectedTime: at,
    };
    conversation.participants.push(participant);
    this.emit(conversation, (observer) => observer.participantConnected?.(conversation, participant));
    return participant;
  }

  private disconnectParticipant(conversation: Conversation, participant: Participant, disconnectType: DisconnectType): void {
    if (participant.state === 'disconnected') return;
    participant.state = 'disconnected';
    participant.endTime = this.timestamp();
    participant.disconnectType = disconnectType;
    if (participant.purpose === 'agent') {
      participant.wrapupRequired = true;
      participant.startAcwTime = participant.endTime;
    }
    this.emit(conversation, (observer) => observer.participantDisconnected?.(conversation, participant));
  }

  /**
   * Runs one public change; when the outermost one finishes, every conversation it touched is reported once with
   * `conversationChanged` (one queue-topic snapshot for `end()`, not one per participant).
   */
  private operation<T>(change: () => T): T {
    this.depth += 1;
    try {
      return change();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) {
        const touched = [...this.touched];
        this.touched.clear();
        for (const conversation of touched) this.notify((observer) => observer.conversationChanged?.(conversation));
      }
    }
  }

  private emit(conversation: Conversation, call: (observer: ConversationObserver) => void): void {
    this.touched.add(conversation);
    this.notify(call);
  }

  private notify(call: (observer: ConversationObserver) => void): void {
    for (const observer of this.observers) call(observer);
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}

const addressKey = (integrationId: string, addressId: string): string => `${integrationId}\u0000${addressId}`;
