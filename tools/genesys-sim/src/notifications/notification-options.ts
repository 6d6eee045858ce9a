import type { FaultTrigger } from '../config/sim-options';

/** Loses notification deliveries (one event to one channel) on purpose, so a backstop has something to find. */
export interface DropEventsFault extends FaultTrigger {
  /** Only deliveries whose topic contains this text are eligible (e.g. `customer.end`); null = every event. */
  match: string | null;
}

/** The Notifications API (genesys-api.md §5): channels, subscriptions and the WebSocket. */
export interface NotificationOptions {
  /** Genesys: 20 channels per user/app; creating one more removes the least recently used (unconnected first). */
  maxChannelsPerClient: number;
  /** Genesys: 1,000 topics per channel. */
  maxTopicsPerChannel: number;
  /** Genesys: a channel lives 24 h. Read when a channel is created. */
  channelTtlMs: number;
  /** genesys-api.md §5 ("channel dies when the token expires", community report): the channel also ends with the token that created it. Read when a channel is created. */
  channelExpiresWithToken: boolean;
  /** Genesys: a `channel.metadata` heartbeat about every 30 s. */
  heartbeatIntervalMs: number;
  /** UNCONFIRMED exact text (go-gcloudcx compares with "WebSocket Heartbeat"). */
  heartbeatMessage: string;
  /** Fault: no heartbeats are sent while true (the socket stays open). */
  stopHeartbeats: boolean;
  /** Time between a `v2.system.socket_closing` warning and the close (Genesys: about a minute). */
  socketClosingDelayMs: number;
  /** UNCONFIRMED: after a socket_closing close the channel is `removed` (404: create a new one) or `kept` (reconnect to it). */
  afterSocketClosing: 'removed' | 'kept';
  /** UNCONFIRMED: a second WebSocket on a connected channel `replace`s the first (closed) or is `reject`ed (404). */
  secondConnection: 'replace' | 'reject';
  /** UNCONFIRMED: with `?ignoreErrors=true` unknown or malformed topics are `skipped` (returned as Rejected) or still an `error` (400). */
  ignoreErrorsForInvalidTopics: 'skipped' | 'error';
  /** Added before each event is sent (Genesys delivers asynchronously, after the API call that caused it answered). */
  eventDelayMs: number;
  /** The detail events' `eventTime`: the SDK typings say integer (`epoch-ms`); `iso` tests a consumer's tolerance. */
  eventTimeFormat: 'epoch-ms' | 'iso';
  /** UNCONFIRMED detail-event `provider` of an Open Messaging session. */
  provider: string;
  /** `divisionId` of the detail events (the sim has one division). */
  divisionId: string;
  /** `ws://host:port` of `connectUri`; null = the Host the channel was created through (the sim's own server). */
  connectUriBase: string | null;
  dropEvents: DropEventsFault;
}

export function defaultNotificationOptions(): NotificationOptions {
  return {
    maxChannelsPerClient: 20,
    maxTopicsPerChannel: 1_000,
    channelTtlMs: 24 * 60 * 60 * 1_000,
    channelExpiresWithToken: true,
    heartbeatIntervalMs: 30_000,
    heartbeatMessage: 'WebSocket Heartbeat',
    stopHeartbeats: false,
    socketClosingDelayMs: 60_000,
    afterSocketClosing: 'removed',
    secondConnection: 'replace',
    ignoreErrorsForInvalidTopics: 'skipped',
    eventDelayMs: 0,
    eventTimeFormat: 'epoch-ms',
    provider: 'PureCloud Messaging',
    divisionId: '00000000-0000-4000-8000-000000000001',
    connectUriBase: null,
    dropEvents: { next: 0, probability: 0, match: null },
  };
}
