import type { Conversation, Participant } from './conversation.model';

/** MessageMediaParticipant as returned by GET /api/v2/conversations/messages/{id} (genesys-api.md §3). */
export function participantView(participant: Participant): Record<string, unknown> {
  return {
    id: participant.id,
    ...(participant.name === undefined ? {} : { name: participant.name }),
    purpose: participant.purpose,
    state: participant.state,
    ...(participant.userId === undefined ? {} : { userId: participant.userId }),
    ...(participant.queue === undefined
      ? {}
      : { queue: { ...participant.queue, selfUri: `/api/v2/routing/queues/${participant.queue.id}` } }),
    attributes: { ...participant.attributes },
    startTime: participant.startTime,
    ...(participant.connectedTime === undefined ? {} : { connectedTime: participant.connectedTime }),
    ...(participant.endTime === undefined ? {} : { endTime: participant.endTime }),
    ...(participant.disconnectType === undefined ? {} : { disconnectType: participant.disconnectType }),
    held: false,
    ...(participant.afterCallWorkRequired === undefined ? {} : { afterCallWorkRequired: participant.afterCallWorkRequired }),
    ...(participant.afterCallWork === undefined ? {} : { afterCallWork: participant.afterCallWork }),
  };
}

export function conversationView(conversation: Conversation): Record<string, unknown> {
  return {
    id: conversation.id,
    participants: conversation.participants.map(participantView),
    selfUri: `/api/v2/conversations/messages/${conversation.id}`,
  };
}
