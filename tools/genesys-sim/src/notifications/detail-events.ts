import type { Conversation, DisconnectType, Participant } from '../conversations/conversation.model';
import type { NotificationOptions } from './notification-options';

/**
 * Bodies of the analytics detail events (`v2.detail.events.conversation.{id}.*`), with exactly the fields the JSSDK
 * models list (CustomerStartDetailEventTopicCustomerStartEvent, …AcwDetailEventTopicAfterCallWorkEvent): an Open
 * Messaging session is `mediaType` MESSAGE, `messageType` OPEN, `direction` INBOUND, and the enums are upper case
 * (`disconnectType` CLIENT/PEER/TRANSFER…, `acdOutcome` ANSWERED/ABANDON) unlike the conversation API's lower-case
 * `disconnectType`. `eventTime` is an integer in the SDK models (epoch milliseconds).
 */
type Body = Record<string, unknown>;

export type AcdOutcome = 'ANSWERED' | 'ABANDON';

export class DetailEventBuilder {
  constructor(private readonly options: () => NotificationOptions) {}

  customerStart(conversation: Conversation, customer: Participant): Body {
    return { ...this.session(conversation, customer, customer.connectedTime ?? customer.startTime), divisionId: this.options().divisionId };
  }

  customerEnd(conversation: Conversation, customer: Participant): Body {
    return {
      ...this.session(conversation, customer, customer.endTime, customer.disconnectType),
      interactingDurationMs: durationMs(customer.connectedTime, customer.endTime),
      divisionId: this.options().divisionId,
    };
  }

  acdStart(conversation: Conversation, acd: Participant): Body {
    return {
      ...this.session(conversation, acd, acd.startTime),
      queueId: acd.queue?.id,
      divisionId: this.options().divisionId,
      routingPriority: 0,
    };
  }

  acdEnd(conversation: Conversation, acd: Participant, outcome: AcdOutcome, answeredUserId?: string): Body {
    return {
      ...this.session(conversation, acd, acd.endTime, acd.disconnectType),
      queueId: acd.queue?.id,
      divisionId: this.options().divisionId,
      acdOutcome: outcome,
      ...(answeredUserId === undefined ? {} : { answeredUserId, requestedRoutings: ['STANDARD'], usedRouting: 'STANDARD' }),
      routingPriority: 0,
      connectedDurationMs: durationMs(acd.connectedTime, acd.endTime),
    };
  }

  userStart(conversation: Conversation, agent: Participant): Body {
    return {
      ...this.session(conversation, agent, agent.connectedTime ?? agent.startTime),
      userId: agent.userId,
      divisionId: this.options().divisionId,
      queueId: agent.queue?.id,
    };
  }

  userEnd(conversation: Conversation, agent: Participant): Body {
    return {
      ...this.session(conversation, agent, agent.endTime, agent.disconnectType),
      userId: agent.userId,
      divisionId: this.options().divisionId,
      queueId: agent.queue?.id,
      interactingDurationMs: durationMs(agent.connectedTime, agent.endTime),
    };
  }

  /** AfterCallWorkEvent: published when the wrap-up is applied (no `divisionId` in this model). */
  acw(conversation: Conversation, agent: Participant): Body {
    return {
      ...this.session(conversation, agent, agent.endAcwTime),
      userId: agent.userId,
      queueId: agent.queue?.id,
      wrapupCode: agent.wrapup?.code,
      ...(agent.wrapup?.notes === undefined ? {} : { wrapupNotes: agent.wrapup.notes }),
      wrapupDurationMs: durationMs(agent.startAcwTime, agent.endAcwTime),
    };
  }

  /** AttributeUpdateEvent: the participant's whole attribute map after the change. */
  attributes(conversation: Conversation, participant: Participant, at: Date): Body {
    return {
      eventTime: this.eventTime(at.toISOString()),
      conversationId: conversation.id,
      participantId: participant.id,
      attributes: { ...participant.attributes },
    };
  }

  private session(conversation: Conversation, participant: Participant, at: string | undefined, disconnectType?: DisconnectType): Body {
    return {
      eventTime: this.eventTime(at ?? new Date().toISOString()),
      conversationId: conversation.id,
      participantId: participant.id,
      sessionId: participant.sessionId,
      ...(disconnectType === undefined ? {} : { disconnectType: disconnectType.toUpperCase() }),
      mediaType: 'MESSAGE',
      provider: this.options().provider,
      direction: 'INBOUND',
      addressTo: conversation.integrationId,
      addressFrom: conversation.customer.id,
      messageType: 'OPEN',
    };
  }

  private eventTime(iso: string): number | string {
    return this.options().eventTimeFormat === 'iso' ? iso : Date.parse(iso);
  }
}

function durationMs(from: string | undefined, to: string | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  return Math.max(0, Date.parse(to) - Date.parse(from));
}
