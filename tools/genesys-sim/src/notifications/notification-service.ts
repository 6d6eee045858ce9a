import type { Server } from 'node:http';
import type { AccessTokenStore } from '../auth/access-token.store';
import type { FaultInjector } from '../faults/fault-injector';
import { notFound } from '../support/genesys-error';
import { ChannelRegistry, type LiveChannel } from './channel-registry';
import { ConversationNotifier } from './conversation-notifier';
import { DetailEventBuilder } from './detail-events';
import { NotificationPublisher } from './event-publisher';
import type { NotificationChannelRecord, NotificationState } from './notification.model';
import type { NotificationOptions } from './notification-options';
import { NotificationSocketServer } from './socket-server';

/** What tests (and `/sim/notifications/*`) can do to the Notifications API: `sim.notifications`. */
export interface NotificationsHandle {
  /** `v2.system.socket_closing` on the channel's socket now, the close `closeAfterMs` (default `socketClosingDelayMs`) later. */
  warnClosing(channelId: string, closeAfterMs?: number): void;
  /** Every WebSocket is destroyed without a close frame (network cut); the channels stay. Returns how many. */
  cutSockets(): number;
  /** The channel expires now: its socket closes and it answers 404 from now on. */
  expireChannel(channelId: string): void;
  /** Records of the live channels (every channel ever is in `sim.state.notifications.channels`). */
  channels(): NotificationChannelRecord[];
}

export interface NotificationServiceDeps {
  options: () => NotificationOptions;
  state: NotificationState;
  tokens: AccessTokenStore;
  injector: FaultInjector;
  now: () => Date;
}

/** How often expired channels are looked for, so that an expired channel's socket closes on time. */
const EXPIRY_SWEEP_MS = 50;

/** The Notifications API (genesys-api.md §5) wired together: channels, WebSocket server, event publishing. */
export class NotificationService {
  readonly registry: ChannelRegistry;
  readonly publisher: NotificationPublisher;
  /** Register it on the conversation store: it turns conversation changes into events. */
  readonly notifier: ConversationNotifier;
  private readonly sockets: NotificationSocketServer;
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly deps: NotificationServiceDeps) {
    this.registry = new ChannelRegistry({
      options: deps.options,
      state: deps.state,
      tokenValid: (token) => deps.tokens.lookup(token).kind === 'valid',
      now: deps.now,
    });
    this.publisher = new NotificationPublisher({ registry: this.registry, options: deps.options, state: deps.state, injector: deps.injector, now: deps.now });
    this.notifier = new ConversationNotifier(new DetailEventBuilder(deps.options), this.publisher, deps.now);
    this.sockets = new NotificationSocketServer({ registry: this.registry, options: deps.options, state: deps.state, now: deps.now });
  }

  /** Serves `/channels/{id}` WebSocket upgrades on the sim's HTTP server and starts the expiry sweep. */
  listen(server: Server): void {
    this.sockets.listen(server);
    this.sweeper = setInterval(() => this.registry.sweep(), EXPIRY_SWEEP_MS);
    this.sweeper.unref();
  }

  handle(): NotificationsHandle {
    return {
      warnClosing: (channelId, closeAfterMs) => this.sockets.warnClosing(this.require(channelId), closeAfterMs),
      cutSockets: () => this.sockets.cutSockets(),
      expireChannel: (channelId) => this.registry.remove(this.require(channelId), 'expired'),
      channels: () => this.registry.all().map((channel) => channel.record),
    };
  }

  idle(): Promise<void> {
    return this.publisher.idle();
  }

  /** `sim.reset()`: events waiting for their delay are forgotten; channels, subscriptions and sockets stay. */
  reset(): void {
    this.publisher.clear();
  }

  close(): void {
    clearInterval(this.sweeper);
    this.publisher.clear();
    this.sockets.close();
  }

  private require(channelId: string): LiveChannel {
    const channel = this.registry.find(channelId);
    if (!channel) throw notFound(`Channel ${channelId} not found`);
    return channel;
  }
}
