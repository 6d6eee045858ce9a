// Notifications API (genesys-api.md §5). Only the fields we use are typed.

/** `POST /api/v2/notifications/channels` answer: connect a WebSocket to `connectUri` before `expires`. */
export interface NotificationChannel {
  id: string;
  connectUri: string;
  /** ISO-8601; channels live 24 h (§5), and die earlier when the token that created them expires. */
  expires?: string;
  [field: string]: unknown;
}

/** `GET /api/v2/notifications/channels`. */
export interface NotificationChannelListing {
  entities: NotificationChannel[];
  [field: string]: unknown;
}

/** One subscription of a channel: `id` is the topic name, e.g. `v2.detail.events.conversation.{id}.customer.end`. */
export interface ChannelTopic {
  id: string;
  selfUri?: string;
  [field: string]: unknown;
}

/** `GET|PUT|POST /api/v2/notifications/channels/{id}/subscriptions` answer. */
export interface ChannelTopicListing {
  entities: ChannelTopic[];
  [field: string]: unknown;
}

/** Which channels `GET /api/v2/notifications/channels` lists: those of this token (default) or of the whole OAuth client. */
export type ChannelListScope = 'token' | 'oauthclient';

export interface SubscriptionOptions {
  /** `?ignoreErrors=true`: topics the client may not see are skipped instead of failing the whole call (§5). */
  ignoreErrors?: boolean;
}

/** At most this many topics per channel (§5). */
export const MAX_TOPICS_PER_CHANNEL = 1_000;
/** At most this many channels per user/app; creating one more evicts the oldest, unconnected first (§5). */
export const MAX_CHANNELS_PER_CLIENT = 20;
