import type { Conversation, Participant } from './conversation.model';

/**
 * `api`: MessageMediaParticipant of GET /api/v2/conversations/messages/{id} (entity refs carry `selfUri`);
 * `event`: the participant of the queue/user conversation notification topics (refs are `{id, name}`).
 */
export type ViewFlavour = 'api' | 'event';

function ref(id: string, name: string | undefined, selfUri: string, flavour: ViewFlavour): Record<string, unknown> {
  return { id, ...(name === undefined ? {} : { name }), ...(flavour === 'api' ? { selfUri } : {}) };
}

/**
 * A participant as Genesys shows it (genesys-api.md §3; JSSDK MessageMediaParticipant): agents carry `user`,
 * `wrapupRequired`, `startAcwTime`/`endAcwTime` and, once applied, `wrapup` — the fields an end-detection
 * backstop reads alongside `state`, `endTime` and `disconnectType`.
 */
export function participantView(participant: Participant, flavour: ViewFlavour = 'api'): Record<string, unknown> {
  const optional = (key: string, value: unknown): Record<string, unknown> => (value === undefined ? {} : { [key]: value });
  return {
    id: participant.id,
    ...optional('name', participant.name),
    startTime: participant.startTime,
    ...optional('connectedTime', participant.connectedTime),
    ...optional('endTime', participant.endTime),
    purpose: participant.purpose,
    state: participant.state,
    direction: 'inbound',
    ...optional('disconnectType', participant.disconnectType),
    held: false,
    ...optional('wrapupRequired', participant.wrapupRequired),
    ...(participant.userId === undefined ? {} : { user: ref(participant.userId, participant.name, `/api/v2/users/${participant.userId}`, flavour) }),
    ...(participant.queue === undefined
      ? {}
      : { queue: ref(participant.queue.id, participant.queue.name, `/api/v2/routing/queues/${participant.queue.id}`, flavour) }),
    attributes: { ...participant.attributes },
    ...optional('wrapup', participant.wrapup === undefined ? undefined : { ...participant.wrapup }),
    ...optional('startAcwTime', participant.startAcwTime),
    ...optional('endAcwTime', participant.endAcwTime),
  };
}

export function conversationView(conversation: Conversation): Record<string, unknown> {
  return {
    id: conversation.id,
    participants: conversation.participants.map((participant) => participantView(participant)),
    selfUri: `/api/v2/conversations/messages/${conversation.id}`,
  };
}

/** The MessageConversation body of `v2.routing.queues.{id}.conversations.messages` / `v2.users.{id}.conversations.messages`. */
export function conversationEventView(conversation: Conversation): Record<string, unknown> {
  return {
    id: conversation.id,
    participants: conversation.participants.map((participant) => participantView(participant, 'event')),
    otherMediaUris: [],
  };
}
