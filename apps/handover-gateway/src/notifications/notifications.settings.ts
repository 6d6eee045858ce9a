import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Matches, Max, Min } from 'class-validator';
import { MAX_CHANNELS_PER_CLIENT, MAX_TOPICS_PER_CHANNEL } from '@genesys-bridge/genesys-client';
import { TOPIC_SUFFIXES, type TopicSuffix } from './notification-topics';

/** `true`/`false`/`1`/`0` (implicit conversion would read the text "false" as true). */
function envBoolean({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }): unknown {
  const raw = obj[key];
  if (raw === undefined || typeof raw === 'boolean') return raw ?? value;
  const text = String(raw).trim().toLowerCase();
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : raw;
}

const SUFFIX_LIST = new RegExp(`^(${TOPIC_SUFFIXES.map((suffix) => suffix.replace('.', '\\.')).join('|')})(,(${TOPIC_SUFFIXES.map((suffix) => suffix.replace('.', '\\.')).join('|')}))*$`);

/**
 * The Notifications API manager of the worker (issue #6), read from the environment by its module like the to-bot
 * settings; every value has a default, so nothing needs to be set. See notifications/README.md.
 */
export class NotificationsSettings {
  /** Runs the manager in this worker process. false: this worker never holds a channel (others still may). */
  @Transform(envBoolean)
  @IsBoolean()
  NOTIFICATIONS_ENABLED: boolean = true;

  /**
   * How long a worker owns a connection's channels without renewing (renewed every third of it). A killed owner's
   * connection goes to another worker after at most this long; events of that gap are caught up with checks.
   */
  @IsInt()
  @Min(300)
  @Max(300_000)
  NOTIFICATIONS_LEASE_MS: number = 15_000;

  /** How often every worker looks for connections with subscribable handovers that nobody owns yet. */
  @IsInt()
  @Min(100)
  @Max(300_000)
  NOTIFICATIONS_RECONCILE_MS: number = 3_000;

  /** How often an owner compares its subscriptions with the database (a Redis hint usually comes first). */
  @IsInt()
  @Min(50)
  @Max(60_000)
  NOTIFICATIONS_SYNC_MS: number = 1_000;

  /** Client ping `{"message":"ping"}` interval on every socket. */
  @IsInt()
  @Min(100)
  @Max(600_000)
  NOTIFICATIONS_PING_MS: number = 20_000;

  /** The heartbeat interval Genesys keeps (~30 s): a socket that receives nothing for twice this long is replaced. */
  @IsInt()
  @Min(100)
  @Max(600_000)
  NOTIFICATIONS_HEARTBEAT_MS: number = 30_000;

  /** A channel is replaced (make before break) this long after it was created, or shortly before its `expires`, whichever comes first. */
  @IsInt()
  @Min(1_000)
  NOTIFICATIONS_RENEW_AFTER_MS: number = 23 * 3_600_000;

  /**
   * Channels per Genesys OAuth client, all connections of the client together (Genesys allows 20 per user/app and
   * evicts the oldest beyond that). Lower it when something else uses the same OAuth client's channels.
   */
  @IsInt()
  @Min(1)
  @Max(MAX_CHANNELS_PER_CLIENT)
  NOTIFICATIONS_MAX_CHANNELS_PER_CLIENT: number = MAX_CHANNELS_PER_CLIENT;

  /**
   * Topics subscribed per conversation (`v2.detail.events.conversation.{id}.<suffix>`). Each costs one of the channel's
   * 1,000 topics: the five defaults leave 200 conversations per channel.
   */
  @Matches(SUFFIX_LIST, { message: `must be a comma-separated list of ${TOPIC_SUFFIXES.join(', ')}` })
  NOTIFICATIONS_TOPICS: string = TOPIC_SUFFIXES.join(',');

  /**
   * After a gap in a channel (a new owner took the connection over, a socket was lost and reconnected), ask end detection to
   * look at each conversation of the gap (`check` signals; each costs one Genesys request of the OAuth client's budget).
   */
  @Transform(envBoolean)
  @IsBoolean()
  NOTIFICATIONS_CHECK_AFTER_GAP: boolean = true;
}

export function topicSuffixes(settings: NotificationsSettings): TopicSuffix[] {
  return [...new Set(settings.NOTIFICATIONS_TOPICS.split(',') as TopicSuffix[])];
}

/** Conversations one channel can hold: its 1,000 topics shared by each conversation's topics. */
export function conversationsPerChannel(settings: NotificationsSettings): number {
  return Math.floor(MAX_TOPICS_PER_CHANNEL / topicSuffixes(settings).length);
}
