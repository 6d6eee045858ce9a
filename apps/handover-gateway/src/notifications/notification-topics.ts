import type { EndSignalKind } from '../end-detection/end-signal';

/** The conversation detail-event kinds we can subscribe to, by topic suffix (genesys-api.md §5). */
export const TOPIC_KINDS = {
  'customer.end': 'customer-end',
  'user.end': 'user-end',
  acw: 'acw',
  'user.start': 'user-start',
  'acd.start': 'acd-start',
} as const satisfies Record<string, EndSignalKind>;

export type TopicSuffix = keyof typeof TOPIC_KINDS;
export const TOPIC_SUFFIXES = Object.keys(TOPIC_KINDS) as TopicSuffix[];

const DETAIL_PREFIX = 'v2.detail.events.conversation.';
export const HEARTBEAT_TOPIC = 'channel.metadata';
export const SOCKET_CLOSING_TOPIC = 'v2.system.socket_closing';

/** `v2.detail.events.conversation.{id}.{suffix}` for each suffix: what one conversation costs of a channel's 1,000 topics. */
export function conversationTopics(conversationId: string, suffixes: readonly TopicSuffix[]): string[] {
  return suffixes.map((suffix) => `${DETAIL_PREFIX}${conversationId}.${suffix}`);
}

/** A message of a Notifications WebSocket, as far as end detection cares. */
export type ChannelMessage =
  /** `channel.metadata`: the ~30 s heartbeat or the answer to our ping. */
  | { type: 'heartbeat' }
  /** The service closes this socket soon (maintenance): open another channel now. */
  | { type: 'socket-closing' }
  | {
      type: 'conversation';
      conversationId: string;
      kind: EndSignalKind;
      /** `eventBody.eventTime` (epoch ms, or ISO text), else the receive time. */
      eventTime: Date;
      detail: { disconnectType?: string; userId?: string; queueId?: string; participantId?: string };
    }
  /** Anything else (another topic, bad JSON): counted, never acted on. */
  | { type: 'other'; topicName: string };

/** Reads one text frame; never throws (a malformed frame from the network must not break the socket's handler). */
export function parseChannelMessage(text: string, receivedAt: Date): ChannelMessage {
  let message: { topicName?: unknown; eventBody?: unknown };
  try {
    message = JSON.parse(text) as typeof message;
  } catch {
    return { type: 'other', topicName: '(not JSON)' };
  }
  const topicName = typeof message?.topicName === 'string' ? message.topicName : '';
  if (topicName === HEARTBEAT_TOPIC) return { type: 'heartbeat' };
  if (topicName === SOCKET_CLOSING_TOPIC) return { type: 'socket-closing' };
  if (!topicName.startsWith(DETAIL_PREFIX)) return { type: 'other', topicName: topicName || '(none)' };
  const rest = topicName.slice(DETAIL_PREFIX.length);
  const suffix = TOPIC_SUFFIXES.find((candidate) => rest.endsWith(`.${candidate}`));
  const conversationId = suffix ? rest.slice(0, -suffix.length - 1) : '';
  if (!suffix || !conversationId || conversationId.includes('.')) return { type: 'other', topicName };
  const body = (message.eventBody && typeof message.eventBody === 'object' ? message.eventBody : {}) as Record<string, unknown>;
  return { type: 'conversation', conversationId, kind: TOPIC_KINDS[suffix], eventTime: eventTimeOf(body.eventTime) ?? receivedAt, detail: detailOf(body) };
}

function eventTimeOf(value: unknown): Date | undefined {
  const time = typeof value === 'number' ? new Date(value) : typeof value === 'string' ? new Date(/^\d+$/.test(value) ? Number(value) : value) : undefined;
  return time && Number.isFinite(time.getTime()) ? time : undefined;
}

function detailOf(body: Record<string, unknown>): { disconnectType?: string; userId?: string; queueId?: string; participantId?: string } {
  const detail: Record<string, string> = {};
  for (const field of ['disconnectType', 'userId', 'queueId', 'participantId'] as const) {
    const value = body[field];
    if (typeof value === 'string' && value) detail[field] = value;
  }
  return detail;
}
