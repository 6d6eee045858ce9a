/**
 * The topics the simulator knows (JSSDK notificationMappings.json). Ids must be concrete: on a WebSocket channel
 * Genesys has no wildcard, so the EventBridge-style literal `{id}` is malformed (genesys-api.md §5).
 */

/** `v2.detail.events.conversation.{id}.<event>`: the 16 analytics detail event topics. */
export const DETAIL_EVENTS = [
  'acd.end',
  'acd.start',
  'acw',
  'attributes',
  'contact',
  'customer.end',
  'customer.start',
  'flow.end',
  'flow.outcome',
  'flow.start',
  'outbound',
  'user.end',
  'user.start',
  'voicemail.end',
  'voicemail.start',
  'wrapup',
] as const;
export type DetailEvent = (typeof DETAIL_EVENTS)[number];

/** `v2.routing.queues.{id}.conversations[.<media>]` and `v2.users.{id}.conversations[.<media>]`. */
const CONVERSATION_MEDIA = ['callbacks', 'calls', 'chats', 'cobrowseSessions', 'emails', 'messages', 'screenshares', 'socialexpressions', 'videos'];

export type ParsedTopic =
  | { kind: 'detail'; conversationId: string; event: DetailEvent }
  | { kind: 'queue-conversations'; queueId: string; media: string | null }
  | { kind: 'user-conversations'; userId: string; media: string | null }
  | { kind: 'invalid'; reason: string };

const ID = '([A-Za-z0-9][A-Za-z0-9-]*)';
const DETAIL = new RegExp(`^v2\\.detail\\.events\\.conversation\\.${ID}\\.(.+)$`);
const QUEUE = new RegExp(`^v2\\.routing\\.queues\\.${ID}\\.conversations(?:\\.([A-Za-z]+))?$`);
const USER = new RegExp(`^v2\\.users\\.${ID}\\.conversations(?:\\.([A-Za-z]+))?$`);

export function parseTopic(topic: string): ParsedTopic {
  if (topic.includes('{') || topic.includes('*')) return { kind: 'invalid', reason: 'wildcards are not supported on WebSocket channels' };
  const detail = DETAIL.exec(topic);
  if (detail) {
    const event = DETAIL_EVENTS.find((candidate) => candidate === detail[2]);
    return event ? { kind: 'detail', conversationId: detail[1], event } : { kind: 'invalid', reason: `unknown detail event ${detail[2]}` };
  }
  const queue = QUEUE.exec(topic);
  if (queue) return mediaTopic(queue[2], { kind: 'queue-conversations', queueId: queue[1], media: queue[2] ?? null });
  const user = USER.exec(topic);
  if (user) return mediaTopic(user[2], { kind: 'user-conversations', userId: user[1], media: user[2] ?? null });
  return { kind: 'invalid', reason: 'unknown topic' };
}

function mediaTopic(media: string | undefined, parsed: ParsedTopic): ParsedTopic {
  return media === undefined || CONVERSATION_MEDIA.includes(media) ? parsed : { kind: 'invalid', reason: `unknown media ${media}` };
}

export const detailTopic = (conversationId: string, event: DetailEvent): string => `v2.detail.events.conversation.${conversationId}.${event}`;
export const queueMessagesTopic = (queueId: string): string => `v2.routing.queues.${queueId}.conversations.messages`;
export const userMessagesTopic = (userId: string): string => `v2.users.${userId}.conversations.messages`;

/** Always delivered, never subscribed: heartbeats and pongs. */
export const CHANNEL_METADATA_TOPIC = 'channel.metadata';
export const SOCKET_CLOSING_TOPIC = 'v2.system.socket_closing';
