import { notFound } from '../support/genesys-error';
import { newUuid } from '../support/ids';
import type {
  Conversation,
  CustomerAddress,
  DisconnectType,
  Participant,
  ParticipantPurpose,
  QueueRef,
} from './conversation.model';

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

  constructor(
    private readonly conversations: Conversation[],
    private readonly now: () => Date = () => new Date(),
  ) {}

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
    const conversation: Conversation = {
      id: newUuid(),
      integrationId,
      customer,
      participants: [],
      transcript: [],
      startTime: this.timestamp(),
    };
    this.addParticipant(conversation, { purpose: 'customer', name: customer.nickname ?? customer.id });
    if (queue) this.addParticipant(conversation, { purpose: 'acd', name: queue.name, queue });
    this.conversations.push(conversation);
    this.byId.set(conversation.id, conversation);
    this.latestByAddress.set(addressKey(integrationId, customer.id), conversation);
    return conversation;
  }

  addParticipant(conversation: Conversation, init: NewParticipant): Participant {
    const at = this.timestamp();
    const participant: Participant = {
      id: newUuid(),
      purpose: init.purpose,
      state: 'connected',
      name: init.name,
      userId: init.userId,
      queue: init.queue,
      attributes: { ...(init.attributes ?? {}) },
      startTime: at,
      connectedTime: at,
    };
    conversation.participants.push(participant);
    return participant;
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

  disconnect(participant: Participant, disconnectType: DisconnectType): void {
    if (participant.state === 'disconnected') return;
    participant.state = 'disconnected';
    participant.endTime = this.timestamp();
    participant.disconnectType = disconnectType;
    if (participant.purpose === 'agent') {
      participant.afterCallWorkRequired = true;
      participant.afterCallWork = { state: 'pending', startTime: participant.endTime };
    }
  }

  /** Disconnects every remaining participant: the one who ended it with `initiator`, the others with `others`. */
  end(conversation: Conversation, others: DisconnectType, initiator?: Participant, initiatorType: DisconnectType = 'client'): void {
    if (initiator) this.disconnect(initiator, initiatorType);
    for (const participant of conversation.participants) this.disconnect(participant, others);
    conversation.endTime = this.timestamp();
  }

  /** Threading: a new message shortly after the end brings the same conversation back. */
  reopen(conversation: Conversation, queue?: QueueRef): void {
    const customer = this.customer(conversation);
    const at = this.timestamp();
    Object.assign(customer, { state: 'connected', connectedTime: at });
    delete customer.endTime;
    delete customer.disconnectType;
    delete conversation.endTime;
    if (queue) this.addParticipant(conversation, { purpose: 'acd', name: queue.name, queue });
  }

  clear(): void {
    this.conversations.length = 0;
    this.byId.clear();
    this.latestByAddress.clear();
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}

const addressKey = (integrationId: string, addressId: string): string => `${integrationId}\u0000${addressId}`;
