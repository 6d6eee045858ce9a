import type { WebSocket } from 'ws';
import { notFound } from '../support/genesys-error';
import { newUuid } from '../support/ids';
import type { ChannelRemovalReason, NotificationChannelRecord, NotificationState } from './notification.model';
import type { NotificationOptions } from './notification-options';

/** A channel that still exists, with its subscriptions and (at most one) attached WebSocket. */
export interface LiveChannel {
  readonly id: string;
  readonly clientId: string;
  /** The access token it was created with. */
  readonly token: string;
  /** `channelExpiresWithToken` when it was created: it ends when `token` does. */
  readonly expiresWithToken: boolean;
  readonly expiresAtMs: number;
  lastUsedAtMs: number;
  topics: Set<string>;
  socket?: WebSocket;
  readonly record: NotificationChannelRecord;
}

export interface NewChannel {
  clientId: string;
  token: string;
  tokenExpiresAtMs: number;
  /** `ws://host:port` the channel's `connectUri` starts with. */
  connectUriBase: string;
}

export interface ChannelRegistryDeps {
  options: () => NotificationOptions;
  state: NotificationState;
  /** Whether the access token is still valid (not expired, known). */
  tokenValid: (token: string) => boolean;
  now: () => Date;
}

/**
 * Channels per OAuth client (Genesys: per user/app combination): creation with the 20-channel eviction
 * ("removes the channel with the oldest last used date; channels without an active connection are removed
 * first", JSSDK NotificationsApi.md), expiry (24 h, or the creating token's end) and removal, which closes the
 * channel's WebSocket. A removed or expired channel is simply gone: 404 on HEAD, subscriptions and connect.
 */
export class ChannelRegistry {
  private readonly channels = new Map<string, LiveChannel>();

  constructor(private readonly deps: ChannelRegistryDeps) {}

  create(input: NewChannel): LiveChannel {
    const options = this.deps.options();
    const owned = this.forClient(input.clientId);
    while (owned.length >= Math.max(1, options.maxChannelsPerClient)) {
      const victim = leastValuable(owned);
      owned.splice(owned.indexOf(victim), 1);
      this.remove(victim, 'evicted');
    }
    const now = this.deps.now().getTime();
    const ttlEnd = now + options.channelTtlMs;
    const expiresAtMs = options.channelExpiresWithToken ? Math.min(ttlEnd, input.tokenExpiresAtMs) : ttlEnd;
    const id = newUuid();
    const record: NotificationChannelRecord = {
      id,
      clientId: input.clientId,
      connectUri: `${input.connectUriBase}/channels/${id}`,
      createdAt: new Date(now).toISOString(),
      expires: new Date(expiresAtMs).toISOString(),
      connected: false,
      connections: 0,
    };
    const channel: LiveChannel = {
      id,
      clientId: input.clientId,
      token: input.token,
      expiresWithToken: options.channelExpiresWithToken,
      expiresAtMs,
      lastUsedAtMs: now,
      topics: new Set(),
      record,
    };
    this.channels.set(id, channel);
    this.deps.state.channels.push(record);
    this.deps.state.subscriptions[id] = [];
    return channel;
  }

  /** The channel if it exists and has not expired (an expired one is removed on the spot). */
  find(channelId: string): LiveChannel | undefined {
    const channel = this.channels.get(channelId);
    if (channel && this.expired(channel)) {
      this.remove(channel, 'expired');
      return undefined;
    }
    return channel;
  }

  /** 404 unless the channel exists and belongs to this OAuth client (another client's channel is invisible). */
  requireOwned(channelId: string, clientId: string): LiveChannel {
    const channel = this.find(channelId);
    if (!channel || channel.clientId !== clientId) throw notFound(`Channel ${channelId} not found`);
    return channel;
  }

  forClient(clientId: string): LiveChannel[] {
    this.sweep();
    return [...this.channels.values()].filter((channel) => channel.clientId === clientId);
  }

  /** Live channels subscribed to `topic`. */
  subscribedTo(topic: string): LiveChannel[] {
    return [...this.channels.values()].filter((channel) => channel.topics.has(topic) && !this.expired(channel));
  }

  all(): LiveChannel[] {
    return [...this.channels.values()];
  }

  isLive(channel: LiveChannel): boolean {
    return this.channels.get(channel.id) === channel;
  }

  touch(channel: LiveChannel): void {
    channel.lastUsedAtMs = this.deps.now().getTime();
  }

  setTopics(channel: LiveChannel, topics: Iterable<string>): void {
    channel.topics = new Set(topics);
    this.deps.state.subscriptions[channel.id] = [...channel.topics];
    this.touch(channel);
  }

  attach(channel: LiveChannel, socket: WebSocket): void {
    channel.socket = socket;
    channel.record.connected = true;
    channel.record.connections += 1;
    this.touch(channel);
  }

  detach(channel: LiveChannel, socket: WebSocket): void {
    if (channel.socket !== socket) return;
    channel.socket = undefined;
    channel.record.connected = false;
    this.touch(channel);
  }

  /** The channel stops existing; its socket (if any) gets a normal close frame. */
  remove(channel: LiveChannel, reason: ChannelRemovalReason): void {
    if (!this.isLive(channel)) return;
    this.channels.delete(channel.id);
    delete this.deps.state.subscriptions[channel.id];
    channel.record.removedAt = this.deps.now().toISOString();
    channel.record.removedReason = reason;
    const socket = channel.socket;
    if (socket) {
      this.detach(channel, socket);
      socket.close(1000, `channel ${reason}`);
    }
  }

  /** Removes every expired channel (run periodically so an expired channel's socket closes on time). */
  sweep(): void {
    for (const channel of this.channels.values()) if (this.expired(channel)) this.remove(channel, 'expired');
  }

  private expired(channel: LiveChannel): boolean {
    if (this.deps.now().getTime() >= channel.expiresAtMs) return true;
    return channel.expiresWithToken && !this.deps.tokenValid(channel.token);
  }
}

/** Eviction order: channels without a connection first, then the oldest last use. */
function leastValuable(channels: LiveChannel[]): LiveChannel {
  return [...channels].sort((a, b) => Number(a.socket !== undefined) - Number(b.socket !== undefined) || a.lastUsedAtMs - b.lastUsedAtMs)[0];
}
