import { Logger } from '@nestjs/common';
import { isGenesysApiError, type NotificationChannel } from '@genesys-bridge/genesys-client';
import type { EndSignal, EndSignalSink } from '../end-detection/end-signal';
import { LeaseLostError, type NotificationsApi } from './budgeted-notifications-api';
import { conversationTopics, type ChannelMessage, type TopicSuffix } from './notification-topics';
import type { SocketHandlers, SocketLoss, SocketTimings } from './notification-socket';
import type { NotificationsMetrics, ReconnectReason } from './notifications-metrics';
import { RecentEvents } from './recent-events';
import { reconnectDelayMs, renewDelayMs } from './reconnect-timing';

/** What the channel code needs of a socket (a `NotificationSocket`, or a fake in unit tests). */
export interface ChannelSocket {
  readonly isOpen: boolean;
  close(): void;
}

export type ConnectSocket = (uri: string, timings: SocketTimings, handlers: SocketHandlers) => Promise<ChannelSocket>;

export interface ConnectionChannelsSettings {
  suffixes: readonly TopicSuffix[];
  /** Conversations per channel: 1,000 topics / topics per conversation. */
  perChannel: number;
  timings: SocketTimings;
  syncMs: number;
  renewAfterMs: number;
  checkAfterGap: boolean;
}

export interface ConnectionChannelsDeps {
  connectionId: string;
  api: NotificationsApi;
  /** The fencing check: this process still owns the connection (local lease clock). */
  stillOwner: () => boolean;
  /** Genesys conversation ids of the connection's active handovers (the database). */
  desiredConversations: () => Promise<string[]>;
  sink: EndSignalSink;
  metrics: NotificationsMetrics;
  settings: ConnectionChannelsSettings;
  connect: ConnectSocket;
  /** The owner noticed its lease ran out (fencing): the manager drops it. */
  onLeaseLost: (why: string) => void;
}

/** A removed conversation's topics stay on a channel until its next clean-up PUT, at most this long (or until room is needed). */
export const CLEANUP_INTERVAL_MS = 30_000;

interface Slot {
  /** Local number, for logs. */
  number: number;
  channel: NotificationChannel;
  /** Grows whenever `channel` changes: a timer or retry meant for an older channel does nothing. */
  generation: number;
  socket?: ChannelSocket;
  /** Conversations whose topics the channel has (as far as we know). */
  conversations: Set<string>;
  createdAt: number;
  cleanedAt: number;
  /** The channel is gone (404): the next reconnect creates a new one. */
  gone: boolean;
  reconnectAttempts: number;
  timers: Set<NodeJS.Timeout>;
}

interface SlotPlan {
  slot: Slot;
  removed: string[];
  adds: string[];
  clean: boolean;
}

/**
 * The channels of one connection while this process owns it (it holds the lease): as many channels as its active
 * handovers need (`perChannel` conversations each, up to `allowedChannels`), each with a socket; subscriptions kept
 * equal to the database (new conversations added with POST, ended ones removed by a PUT of what remains, at most
 * every 30 s or when room is needed); every event forwarded to the end-detection sink.
 *
 * Every change runs one at a time (a promise chain), so a sync never races a reconnect or a replacement. Channels
 * are replaced make-before-break (new channel, socket and subscriptions first, then the old socket closes) before
 * they expire and on `v2.system.socket_closing`; a socket that dies is reconnected break-then-make (same channel
 * when HEAD says it exists, else a new one) with jittered backoff, and its conversations are then `check`ed, since
 * their events of the gap are lost.
 */
export class ConnectionChannels {
  private readonly logger = new Logger(ConnectionChannels.name);
  private readonly slots: Slot[] = [];
  private readonly recent = new RecentEvents();
  private readonly signalChains = new Map<string, Promise<void>>();
  /** Conversations to `check` once they are subscribed on an open socket (a gap: takeover, reconnect). */
  private readonly pendingChecks = new Set<string>();
  private tail: Promise<void> = Promise.resolve();
  private syncQueued = false;
  private stopped = false;
  private takeoverCheck: boolean;
  private slotNumbers = 0;
  private openFailures = 0;
  private openBlockedUntil = 0;
  private syncFailures = 0;
  private syncBlockedUntil = 0;
  private idleSince: number | undefined;
  private lastDesired = new Set<string>();
  private reported = { channels: 0, conversations: 0, overLimit: 0 };
  private overLimitLoggedAt = 0;
  private readonly syncTimer: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  /** Channels this connection may have (the OAuth client's channels shared out by the manager). */
  allowedChannels: number;

  constructor(
    private readonly deps: ConnectionChannelsDeps,
    allowedChannels: number,
  ) {
    this.allowedChannels = allowedChannels;
    this.takeoverCheck = deps.settings.checkAfterGap;
    this.syncTimer = setInterval(() => this.requestSync(), deps.settings.syncMs);
    this.syncTimer.unref();
  }

  get connectionId(): string {
    return this.deps.connectionId;
  }

  /** Since when the connection has had no subscribable handover (undefined while it has some). */
  get idleSinceMs(): number | undefined {
    return this.idleSince;
  }

  /** The ids of the channels, for logs and tests. */
  channelIds(): string[] {
    return this.slots.map((slot) => slot.channel.id);
  }

  /** Compares subscriptions with the database soon (coalesced: one pending sync at a time). */
  requestSync(): void {
    if (this.syncQueued || this.stopped) return;
    this.syncQueued = true;
    this.enqueue(async () => {
      this.syncQueued = false;
      await this.sync();
    });
  }

  /** Resolves once everything queued so far has run (tests). */
  settled(): Promise<void> {
    return this.tail;
  }

  /** Closes every socket at once (lease lost, shutdown); nothing runs afterwards. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.syncTimer);
    clearTimeout(this.retryTimer);
    for (const slot of this.slots) {
      for (const timer of slot.timers) clearTimeout(timer);
      slot.socket?.close();
      slot.socket = undefined;
    }
    this.report(0, 0, 0);
  }

  private enqueue(task: () => Promise<void>): void {
    this.tail = this.tail.then(task).catch((error: unknown) => this.logger.error({ connectionId: this.connectionId, error: describe(error) }, 'Notifications channel task failed'));
  }

  /** The fencing check before acting; a lost lease stops everything. */
  private owns(): boolean {
    if (this.stopped) return false;
    if (this.deps.stillOwner()) return true;
    this.deps.onLeaseLost('the lease ran out before the next action');
    return false;
  }

  private async sync(): Promise<void> {
    if (!this.owns() || Date.now() < this.syncBlockedUntil) return;
    const desired = new Set(await this.deps.desiredConversations());
    if (!this.owns()) return;
    this.lastDesired = desired;
    this.idleSince = desired.size > 0 ? undefined : (this.idleSince ?? Date.now());
    if (this.takeoverCheck) {
      for (const id of desired) this.pendingChecks.add(id);
      this.takeoverCheck = false;
    }
    const subscribed = new Set(this.slots.flatMap((slot) => [...slot.conversations]));
    const queue = [...desired].filter((id) => !subscribed.has(id));
    const plans = this.plan(desired, queue);
    let failed = false;
    for (const plan of plans) {
      if (!(await this.apply(plan))) failed = true;
      if (this.stopped) return;
    }
    while (queue.length > 0 && this.slots.length < this.allowedChannels && Date.now() >= this.openBlockedUntil) {
      const batch = queue.splice(0, this.deps.settings.perChannel);
      if (!(await this.openSlot(batch))) {
        queue.unshift(...batch);
        break;
      }
    }
    this.noteOverLimit(queue.length);
    this.syncFailures = failed ? this.syncFailures + 1 : 0;
    this.syncBlockedUntil = failed ? Date.now() + reconnectDelayMs(this.syncFailures) : 0;
    // Conversations still waiting for a subscription (a failed call, a channel that could not open): look again once
    // the backoff allows, not only at the next periodic sync.
    const retryAt = Math.max(this.syncBlockedUntil, queue.length > 0 && this.slots.length < this.allowedChannels ? this.openBlockedUntil : 0);
    if (retryAt > 0) this.retryLater(retryAt - Date.now());
    this.flushChecks();
    this.reportCounts(queue.length);
  }

  /**
   * Which channel gets which new conversation, and which channels drop their ended ones now: a channel is cleaned
   * when its last clean-up is 30 s old or when the new conversations need the room.
   */
  private plan(desired: ReadonlySet<string>, queue: string[]): SlotPlan[] {
    const now = Date.now();
    const plans = this.slots
      .filter((slot) => !slot.gone)
      .map((slot) => {
        const removed = [...slot.conversations].filter((id) => !desired.has(id));
        return { slot, removed, adds: [] as string[], clean: removed.length > 0 && now - slot.cleanedAt >= CLEANUP_INTERVAL_MS };
      });
    const free = (plan: SlotPlan) => this.deps.settings.perChannel - (plan.slot.conversations.size - (plan.clean ? plan.removed.length : 0)) - plan.adds.length;
    const fill = () => {
      for (const plan of plans) while (queue.length > 0 && free(plan) > 0) plan.adds.push(queue.shift() as string);
    };
    fill();
    if (queue.length > 0) {
      for (const plan of plans) plan.clean ||= plan.removed.length > 0;
      fill();
    }
    return plans.filter((plan) => plan.clean || plan.adds.length > 0);
  }

  /** One subscription call for one channel: PUT (what remains + new) when cleaning, else POST (new). */
  private async apply(plan: SlotPlan): Promise<boolean> {
    const { slot } = plan;
    const { suffixes } = this.deps.settings;
    try {
      if (plan.clean) {
        const removed = new Set(plan.removed);
        const next = [...[...slot.conversations].filter((id) => !removed.has(id)), ...plan.adds];
        await this.deps.api.replaceSubscriptions(slot.channel.id, next.flatMap((id) => conversationTopics(id, suffixes)));
        slot.conversations = new Set(next);
        slot.cleanedAt = Date.now();
      } else {
        await this.deps.api.addSubscriptions(slot.channel.id, plan.adds.flatMap((id) => conversationTopics(id, suffixes)));
        for (const id of plan.adds) slot.conversations.add(id);
      }
      return true;
    } catch (error) {
      return this.subscriptionFailed(slot, error, plan.clean ? 'replace' : 'add');
    }
  }

  private subscriptionFailed(slot: Slot, error: unknown, what: string): boolean {
    if (error instanceof LeaseLostError) {
      this.deps.onLeaseLost(error.message);
      return false;
    }
    if (isGenesysApiError(error) && error.status === 404) {
      this.logger.warn({ connectionId: this.connectionId, channelId: slot.channel.id }, 'Notifications channel is gone (evicted or expired); replacing it');
      slot.gone = true;
      this.dropSocket(slot);
      this.scheduleReconnect(slot, 'channel-gone');
      return true;
    }
    this.logger.warn({ connectionId: this.connectionId, channelId: slot.channel.id, error: describe(error) }, `could not ${what} Notifications subscriptions; retrying`);
    return false;
  }

  /** A new channel for `conversations`: create, connect, then subscribe (no event can arrive before the socket is there). */
  private async openSlot(conversations: string[]): Promise<boolean> {
    let socket: ChannelSocket | undefined;
    try {
      const channel = await this.deps.api.createChannel();
      const slot: Slot = {
        number: ++this.slotNumbers,
        channel,
        generation: 1,
        conversations: new Set(),
        createdAt: Date.now(),
        cleanedAt: Date.now(),
        gone: false,
        reconnectAttempts: 0,
        timers: new Set(),
      };
      socket = await this.connect(slot, channel.connectUri);
      if (!this.owns()) return abandon(socket);
      await this.deps.api.replaceSubscriptions(channel.id, conversations.flatMap((id) => conversationTopics(id, this.deps.settings.suffixes)));
      if (!this.owns()) return abandon(socket);
      assertOpen(socket);
      slot.socket = socket;
      slot.conversations = new Set(conversations);
      this.slots.push(slot);
      this.scheduleRenewal(slot);
      this.openFailures = 0;
      this.logger.log({ connectionId: this.connectionId, channelId: channel.id, channel: slot.number, conversations: conversations.length, expires: channel.expires }, 'Notifications channel opened');
      return true;
    } catch (error) {
      socket?.close();
      if (error instanceof LeaseLostError) {
        this.deps.onLeaseLost(error.message);
        return false;
      }
      this.openFailures += 1;
      const waitMs = reconnectDelayMs(this.openFailures);
      this.openBlockedUntil = Date.now() + waitMs;
      this.logger.warn({ connectionId: this.connectionId, error: describe(error), retryInMs: waitMs }, 'could not open a Notifications channel');
      return false;
    }
  }

  /**
   * Connects a socket to `uri` for the slot. Its events are forwarded whatever happens; only the slot's current socket
   * (`holder.socket === slot.socket`) may trigger a replacement or a reconnect.
   */
  private connect(slot: Slot, uri: string): Promise<ChannelSocket> {
    const holder: { socket?: ChannelSocket } = {};
    return this.deps
      .connect(uri, this.deps.settings.timings, {
        onMessage: (message) => this.onMessage(slot, holder, message),
        onLost: (reason, detail) => this.onLost(slot, holder, reason, detail),
      })
      .then((socket) => (holder.socket = socket));
  }

  private onMessage(slot: Slot, holder: { socket?: ChannelSocket }, message: ChannelMessage): void {
    this.deps.metrics.events.inc({ kind: message.type === 'conversation' ? message.kind : message.type });
    if (message.type === 'socket-closing') {
      if (holder.socket && holder.socket === slot.socket) {
        this.logger.log({ connectionId: this.connectionId, channelId: slot.channel.id }, 'Genesys announced it closes the Notifications socket; opening a new channel first');
        const generation = slot.generation;
        this.enqueue(() => this.replace(slot, 'socket-closing', generation));
      }
      return;
    }
    if (message.type !== 'conversation') return;
    if (!this.owns()) return;
    if (!this.recent.first(`${message.conversationId}|${message.kind}|${message.eventTime.getTime()}`)) return;
    this.forward({
      connectionId: this.connectionId,
      genesysConversationId: message.conversationId,
      path: 'notifications',
      kind: message.kind,
      eventTime: message.eventTime,
      ...(Object.keys(message.detail).length > 0 ? { detail: message.detail } : {}),
    });
  }

  /** Signals of one conversation reach the sink in the order they came; a failing sink is retried briefly. */
  private forward(signal: EndSignal): void {
    const id = signal.genesysConversationId;
    const previous = this.signalChains.get(id) ?? Promise.resolve();
    const next = previous.then(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.deps.sink.signal(signal);
          return;
        } catch (error) {
          if (attempt >= 3 || this.stopped) {
            this.logger.error({ connectionId: this.connectionId, genesysConversationId: id, kind: signal.kind, error: describe(error) }, 'end signal lost: the sink refused it (the backstop will look)');
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
    });
    this.signalChains.set(id, next);
    void next.finally(() => {
      if (this.signalChains.get(id) === next) this.signalChains.delete(id);
    });
  }

  private onLost(slot: Slot, holder: { socket?: ChannelSocket }, reason: SocketLoss, detail: string): void {
    if (!holder.socket || holder.socket !== slot.socket || this.stopped) return;
    slot.socket = undefined;
    this.reportCounts();
    if (!this.owns()) return;
    this.logger.warn({ connectionId: this.connectionId, channelId: slot.channel.id, reason, detail }, 'Notifications socket lost; reconnecting');
    if (this.deps.settings.checkAfterGap) for (const id of slot.conversations) this.pendingChecks.add(id);
    this.scheduleReconnect(slot, reason);
  }

  private dropSocket(slot: Slot): void {
    slot.socket?.close();
    slot.socket = undefined;
    if (this.deps.settings.checkAfterGap) for (const id of slot.conversations) this.pendingChecks.add(id);
    this.reportCounts();
  }

  private scheduleReconnect(slot: Slot, reason: ReconnectReason): void {
    const delay = reconnectDelayMs(slot.reconnectAttempts);
    const generation = slot.generation;
    this.later(slot, delay, () => this.enqueue(() => this.reconnect(slot, reason, generation)));
  }

  /** Break then make: the same channel when it still exists, else a new one; then every subscription again (PUT). */
  private async reconnect(slot: Slot, reason: ReconnectReason, generation: number): Promise<void> {
    if (slot.generation !== generation || slot.socket || !this.slots.includes(slot) || !this.owns()) return;
    this.deps.metrics.reconnects.inc({ reason });
    let socket: ChannelSocket | undefined;
    try {
      const exists = !slot.gone && (await this.deps.api.channelExists(slot.channel.id));
      if (!exists) {
        slot.channel = await this.deps.api.createChannel();
        slot.generation += 1;
        slot.createdAt = Date.now();
        slot.gone = false;
        this.scheduleRenewal(slot);
      }
      socket = await this.connect(slot, slot.channel.connectUri);
      if (!this.owns()) return void abandon(socket);
      await this.deps.api.replaceSubscriptions(slot.channel.id, [...slot.conversations].flatMap((id) => conversationTopics(id, this.deps.settings.suffixes)));
      if (!this.owns()) return void abandon(socket);
      assertOpen(socket);
      slot.socket = socket;
      slot.cleanedAt = Date.now();
      slot.reconnectAttempts = 0;
      this.logger.log({ connectionId: this.connectionId, channelId: slot.channel.id, reason, sameChannel: exists, conversations: slot.conversations.size }, 'Notifications channel reconnected');
      this.flushChecks();
      this.reportCounts();
    } catch (error) {
      socket?.close();
      if (error instanceof LeaseLostError) return void this.deps.onLeaseLost(error.message);
      if (isGenesysApiError(error) && error.status === 404) slot.gone = true;
      slot.reconnectAttempts += 1;
      this.logger.warn({ connectionId: this.connectionId, channelId: slot.channel.id, reason, attempts: slot.reconnectAttempts, error: describe(error) }, 'Notifications reconnect failed; retrying');
      this.scheduleReconnect(slot, reason);
    }
  }

  /** Make before break: a new channel with the same subscriptions and an open socket, then the old socket closes. */
  private async replace(slot: Slot, reason: ReconnectReason, generation: number): Promise<void> {
    if (slot.generation !== generation || !this.slots.includes(slot) || !this.owns()) return;
    if (!slot.socket) return; // lost meanwhile: the reconnect takes care of it
    this.deps.metrics.reconnects.inc({ reason });
    let socket: ChannelSocket | undefined;
    const previous = slot.channel;
    try {
      const channel = await this.deps.api.createChannel();
      socket = await this.connect(slot, channel.connectUri);
      await this.deps.api.replaceSubscriptions(channel.id, [...slot.conversations].flatMap((id) => conversationTopics(id, this.deps.settings.suffixes)));
      if (!this.owns() || slot.generation !== generation) return void abandon(socket);
      assertOpen(socket);
      const old = slot.socket;
      slot.channel = channel;
      slot.generation += 1;
      slot.createdAt = Date.now();
      slot.cleanedAt = Date.now();
      slot.socket = socket;
      slot.reconnectAttempts = 0;
      this.scheduleRenewal(slot);
      old?.close();
      this.logger.log({ connectionId: this.connectionId, channelId: channel.id, previousChannelId: previous.id, reason, conversations: slot.conversations.size }, 'Notifications channel replaced');
    } catch (error) {
      socket?.close();
      if (error instanceof LeaseLostError) return void this.deps.onLeaseLost(error.message);
      slot.reconnectAttempts += 1;
      const delay = reconnectDelayMs(slot.reconnectAttempts);
      this.logger.warn({ connectionId: this.connectionId, channelId: previous.id, reason, error: describe(error), retryInMs: delay }, 'could not replace the Notifications channel; retrying');
      this.later(slot, delay, () => this.enqueue(() => this.replace(slot, reason, generation)));
    }
  }

  private retryLater(delayMs: number): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.requestSync();
    }, Math.max(0, delayMs) + 1);
    this.retryTimer.unref();
  }

  private scheduleRenewal(slot: Slot): void {
    const generation = slot.generation;
    const expiresAt = slot.channel.expires ? Date.parse(slot.channel.expires) : Number.NaN;
    const delay = renewDelayMs(slot.createdAt, Number.isFinite(expiresAt) ? expiresAt : undefined, this.deps.settings.renewAfterMs, Date.now());
    this.later(slot, delay, () => {
      if (slot.generation !== generation) return;
      this.logger.log({ connectionId: this.connectionId, channelId: slot.channel.id, expires: slot.channel.expires }, 'renewing the Notifications channel before it expires');
      this.enqueue(() => this.replace(slot, 'expiry', generation));
    });
  }

  private later(slot: Slot, delayMs: number, run: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      slot.timers.delete(timer);
      if (!this.stopped) run();
    }, delayMs);
    timer.unref();
    slot.timers.add(timer);
  }

  /** `check` signals for the conversations of a gap, once they are subscribed on an open socket again. */
  private flushChecks(): void {
    if (this.pendingChecks.size === 0 || !this.owns()) return;
    const live = new Set(this.slots.filter((slot) => slot.socket?.isOpen).flatMap((slot) => [...slot.conversations]));
    let sent = 0;
    for (const id of [...this.pendingChecks]) {
      if (!this.lastDesired.has(id)) {
        this.pendingChecks.delete(id);
      } else if (live.has(id)) {
        this.pendingChecks.delete(id);
        this.forward({ connectionId: this.connectionId, genesysConversationId: id, path: 'notifications', kind: 'check', eventTime: new Date() });
        sent += 1;
      }
    }
    if (sent > 0) {
      this.deps.metrics.gapChecks.inc(sent);
      this.logger.log({ connectionId: this.connectionId, conversations: sent }, 'asked end detection to check the conversations of a Notifications gap');
    }
  }

  private noteOverLimit(count: number): void {
    if (count === 0 || Date.now() - this.overLimitLoggedAt < 60_000) return;
    this.overLimitLoggedAt = Date.now();
    this.logger.error(
      { connectionId: this.connectionId, conversations: count, channels: this.slots.length, allowedChannels: this.allowedChannels, perChannel: this.deps.settings.perChannel },
      'OVER THE NOTIFICATIONS CHANNEL LIMIT: these conversations have no subscription (their end is found only by the other paths); raise NOTIFICATIONS_MAX_CHANNELS_PER_CLIENT up to 20, use fewer NOTIFICATIONS_TOPICS or another OAuth client',
    );
  }

  private reportCounts(overLimit = this.reported.overLimit): void {
    if (this.stopped) return;
    const open = this.slots.filter((slot) => slot.socket?.isOpen).length;
    const conversations = this.slots.reduce((total, slot) => total + slot.conversations.size, 0);
    this.report(open, conversations, overLimit);
  }

  /** Keeps the process-wide gauges equal to the sum over connections (each adds its change). */
  private report(channels: number, conversations: number, overLimit: number): void {
    const { metrics } = this.deps;
    metrics.channels.inc(channels - this.reported.channels);
    metrics.conversations.inc(conversations - this.reported.conversations);
    metrics.overLimit.inc(overLimit - this.reported.overLimit);
    this.reported = { channels, conversations, overLimit };
  }
}

/** A socket that died while we subscribed would never report it again (its loss was ignored): start over. */
function assertOpen(socket: ChannelSocket): void {
  if (!socket.isOpen) throw new Error('the socket closed while its subscriptions were made');
}

function abandon(socket: ChannelSocket): false {
  socket.close();
  return false;
}

function describe(error: unknown): string {
  return isGenesysApiError(error) ? error.message : error instanceof Error ? error.message : String(error);
}
