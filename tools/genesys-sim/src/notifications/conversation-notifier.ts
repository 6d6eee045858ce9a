import type { Conversation, Participant } from '../conversations/conversation.model';
import type { ConversationObserver } from '../conversations/conversation-observer';
import { conversationEventView } from '../conversations/conversation.view';
import type { DetailEventBuilder } from './detail-events';
import type { NotificationPublisher } from './event-publisher';
import { detailTopic, queueMessagesTopic, userMessagesTopic } from './topic-catalog';

/**
 * Turns conversation changes into the notifications Genesys publishes for them, in the order they happen:
 *
 * - customer joins → `customer.start`; queued → `acd.start`; agent answers → `user.start`, then `acd.end` (ANSWERED);
 * - agent ends → `user.end` (CLIENT) for the agent, `customer.end` (PEER) for the customer, `acw` at the wrap-up;
 * - transfer to a queue → `user.end` (TRANSFER), `acd.start` for the new queue, `acw` at the wrap-up — no `customer.end`;
 * - customer disconnected through the API → `customer.end` (CLIENT), then the other legs end;
 * - attributes changed → `attributes`.
 *
 * Every store operation also publishes the whole conversation (MessageConversation) on the queue topics of every
 * queue in it and on the user topics of its agents (one snapshot for an `end()`, not one per participant).
 */
export class ConversationNotifier implements ConversationObserver {
  constructor(
    private readonly events: DetailEventBuilder,
    private readonly publisher: NotificationPublisher,
    private readonly now: () => Date,
  ) {}

  participantConnected(conversation: Conversation, participant: Participant): void {
    if (participant.purpose === 'customer') this.detail(conversation, 'customer.start', this.events.customerStart(conversation, participant));
    if (participant.purpose === 'acd') this.detail(conversation, 'acd.start', this.events.acdStart(conversation, participant));
    if (participant.purpose === 'agent') this.detail(conversation, 'user.start', this.events.userStart(conversation, participant));
  }

  participantDisconnected(conversation: Conversation, participant: Participant): void {
    if (participant.purpose === 'customer') this.detail(conversation, 'customer.end', this.events.customerEnd(conversation, participant));
    if (participant.purpose === 'agent') this.detail(conversation, 'user.end', this.events.userEnd(conversation, participant));
    if (participant.purpose === 'acd') {
      const answeredBy = participant.disconnectType === 'transfer' ? answeringAgent(conversation) : undefined;
      const body = this.events.acdEnd(conversation, participant, answeredBy ? 'ANSWERED' : 'ABANDON', answeredBy?.userId);
      this.detail(conversation, 'acd.end', body);
    }
  }

  wrapupApplied(conversation: Conversation, participant: Participant): void {
    this.detail(conversation, 'acw', this.events.acw(conversation, participant));
  }

  attributesChanged(conversation: Conversation, participant: Participant): void {
    this.detail(conversation, 'attributes', this.events.attributes(conversation, participant, this.now()));
  }

  private detail(conversation: Conversation, event: Parameters<typeof detailTopic>[1], body: Record<string, unknown>): void {
    this.publisher.publish(detailTopic(conversation.id, event), body);
  }

  conversationChanged(conversation: Conversation): void {
    const body = conversationEventView(conversation);
    const queueIds = new Set(conversation.participants.flatMap((participant) => (participant.queue ? [participant.queue.id] : [])));
    const userIds = new Set(conversation.participants.flatMap((participant) => (participant.userId ? [participant.userId] : [])));
    for (const queueId of queueIds) this.publisher.publish(queueMessagesTopic(queueId), body);
    for (const userId of userIds) this.publisher.publish(userMessagesTopic(userId), body);
  }
}

/** The agent who answered the ACD leg: the desk connects the agent first, then ends the ACD leg with `transfer`. */
function answeringAgent(conversation: Conversation): Participant | undefined {
  return conversation.participants.findLast((participant) => participant.purpose === 'agent' && participant.state === 'connected');
}
