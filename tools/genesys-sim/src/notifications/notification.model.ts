/** Why a channel stopped existing (state records only; Genesys just answers 404 afterwards). */
export type ChannelRemovalReason = 'evicted' | 'expired' | 'socket-closing' | 'sim';

/** One notification channel as recorded in `sim.state.notifications.channels` (live object). */
export interface NotificationChannelRecord {
  id: string;
  clientId: string;
  connectUri: string;
  createdAt: string;
  /** As returned to the creator (`Channel.expires`). */
  expires: string;
  /** A WebSocket is attached right now. */
  connected: boolean;
  /** WebSockets accepted on this channel so far. */
  connections: number;
  removedAt?: string;
  removedReason?: ChannelRemovalReason;
}

/** One event written to one channel's WebSocket. */
export interface NotificationEventRecord {
  topic: string;
  channelId: string;
  at: string;
  correlationId: string;
  eventBody: unknown;
}

/** One event that did not reach a subscribed channel: the `dropEvents` fault, or no socket attached when it was sent. */
export interface DroppedNotificationRecord {
  topic: string;
  channelId: string;
  at: string;
  reason: 'fault' | 'not-connected';
  eventBody: unknown;
}

/** Everything the Notifications API did, for assertions (`sim.state.notifications`). */
export interface NotificationState {
  channels: NotificationChannelRecord[];
  /** Live channel id → subscribed topics (removed channels disappear). */
  subscriptions: Record<string, string[]>;
  /** Detail, queue and user conversation events sent (heartbeats, pongs and system messages are not listed). */
  eventsSent: NotificationEventRecord[];
  eventsDropped: DroppedNotificationRecord[];
  /** Heartbeats, pongs and `v2.system.*` messages written, per channel. */
  systemMessagesSent: { topic: string; channelId: string; at: string; message?: string }[];
}

export function createNotificationState(): NotificationState {
  return { channels: [], subscriptions: {}, eventsSent: [], eventsDropped: [], systemMessagesSent: [] };
}

/** The WebSocket frame of every notification (genesys-api.md §5). */
export interface NotificationEnvelope {
  topicName: string;
  version?: string;
  eventBody: unknown;
  metadata?: { CorrelationId: string };
}
