import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { redisConnectionOptions } from '@genesys-bridge/queue-runtime';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { GenesysRateBudget } from '../delivery-to-genesys/genesys-rate-budget';
import { END_SIGNAL_SINK, type EndSignalSink } from '../end-detection/end-signal';
import { BudgetedNotificationsApi } from './budgeted-notifications-api';
import { allocateChannels, type ChannelShortfall } from './channel-allocation';
import { ChannelLeases, type HeldLease } from './channel-lease';
import { type ConnectSocket, ConnectionChannels } from './connection-channels';
import { NotificationSocket } from './notification-socket';
import { NotificationsMetrics, type OwnershipChange } from './notifications-metrics';
import { conversationsPerChannel, NotificationsSettings, topicSuffixes } from './notifications.settings';
import { SubscribableHandovers } from './subscribable-handovers';
import { type SubscriptionHint, SubscriptionHintListener } from './subscription-hints';

/** A connection without subscribable handovers keeps its channel this long before the lease is given up (no churn between handovers). */
export const IDLE_RELEASE_MS = 60_000;
/** A hint for a connection nobody owns runs the reconcile this soon (hints arriving together share one). */
const HINT_RECONCILE_DELAY_MS = 20;

interface Owned {
  lease: HeldLease;
  channels: ConnectionChannels;
  deadline?: NodeJS.Timeout;
}

/** This process: `host:pid:random`, the owner part of every lease it takes (operators and tests read the pid from it). */
export function processOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * The Notifications API side of end detection in the worker (issue #6, design.md §5 "Handover end"). Every worker
 * process runs one; together they hold one set of channels per Genesys connection that has active handovers, each
 * connection's channels owned by exactly one process at a time through a Redis lease (`ChannelLeases`), so adding
 * workers never duplicates sockets and a dead worker's connections move to a live one within NOTIFICATIONS_LEASE_MS.
 *
 * - Reconcile (every NOTIFICATIONS_RECONCILE_MS, and at once on a subscription hint for a connection nobody here
 *   owns): reads which connections have subscribable handovers, shares each OAuth client's channels among them
 *   (`allocateChannels`), and tries to take the leases of those it does not own; a contender that finds a lease
 *   taken tries again the moment it expires.
 * - Renew (every third of the lease): a renewal that finds the lease gone closes that connection's sockets at once;
 *   when Redis does not answer, the sockets close when the lease runs out on the local clock (`ChannelLeases`), before
 *   any other process can take it.
 * - The owned connections' channels, subscriptions and events: `ConnectionChannels`.
 */
@Injectable()
export class NotificationsManager implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsManager.name);
  private readonly owned = new Map<string, Owned>();
  private readonly acquiring = new Set<string>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private allocation = new Map<string, number>();
  private clientOf = new Map<string, string>();
  private shortfallsLogged = '';
  private redis?: Redis;
  private leases?: ChannelLeases;
  private listener?: SubscriptionHintListener;
  private timers: NodeJS.Timeout[] = [];
  private hintReconcile?: NodeJS.Timeout;
  private reconciling?: Promise<void>;
  private reconcileAgain = false;
  private reconcileFailingSince?: number;
  private reconcileFailureLoggedAt = 0;
  private stopping = false;
  readonly ownerId = processOwnerId();
  /** Replaced in tests. */
  connectSocket: ConnectSocket = (uri, timings, handlers) => NotificationSocket.connect(uri, timings, handlers);

  constructor(
    private readonly settings: NotificationsSettings,
    @Inject(HandoverGatewayEnv) private readonly env: Pick<HandoverGatewayEnv, 'REDIS_URL' | 'QUEUE_PREFIX'>,
    private readonly handovers: SubscribableHandovers,
    private readonly genesys: GenesysClients,
    private readonly budget: GenesysRateBudget,
    @Inject(END_SIGNAL_SINK) private readonly sink: EndSignalSink,
    private readonly metrics: NotificationsMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.NOTIFICATIONS_ENABLED) {
      this.logger.log('Notifications API manager disabled (NOTIFICATIONS_ENABLED=false): this worker holds no channel');
      return;
    }
    // Fail-fast connection (no offline queue): a renewal must fail at once while Redis is down, not wait for it.
    this.redis = new Redis({ ...redisConnectionOptions(this.env.REDIS_URL, 'http'), connectionName: 'notifications-leases' });
    this.redis.on('error', () => undefined);
    this.leases = new ChannelLeases(this.redis, { prefix: this.env.QUEUE_PREFIX, leaseMs: this.settings.NOTIFICATIONS_LEASE_MS, ownerId: this.ownerId });
    this.listener = new SubscriptionHintListener(this.env, (hint) => this.onHint(hint));
    this.every(this.settings.NOTIFICATIONS_RECONCILE_MS, () => void this.reconcile());
    this.every(Math.max(100, Math.floor(this.settings.NOTIFICATIONS_LEASE_MS / 3)), () => void this.renewAll());
    this.logger.log({ ownerId: this.ownerId, leaseMs: this.settings.NOTIFICATIONS_LEASE_MS, topics: topicSuffixes(this.settings) }, 'Notifications API manager started');
    // The first round once the lease connection is up (it queues nothing while connecting).
    this.redis.once('ready', () => void this.reconcile());
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const timer of [...this.timers, ...this.retries.values()]) clearTimeout(timer);
    clearTimeout(this.hintReconcile);
    this.listener?.close();
    await Promise.all([...this.owned.keys()].map((connectionId) => this.drop(connectionId, 'released', 'the worker is shutting down')));
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  /** Connection id → lease value, of the connections this process owns (tests, diagnostics). */
  ownedConnections(): Map<string, { value: string; epoch: number; channelIds: string[] }> {
    return new Map([...this.owned].map(([id, owned]) => [id, { value: owned.lease.value, epoch: owned.lease.epoch, channelIds: owned.channels.channelIds() }]));
  }

  /** One reconcile at a time; a request while one runs makes it run once more afterwards. */
  reconcile(): Promise<void> {
    if (this.stopping || !this.leases) return Promise.resolve();
    if (this.reconciling) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    this.reconciling = this.reconcileOnce()
      .then(() => (this.reconcileFailingSince = undefined))
      .catch((error: unknown) => {
        // Logged when it starts failing, then once a minute while it goes on (the database or Redis is down).
        const now = Date.now();
        if (this.reconcileFailingSince === undefined || now - this.reconcileFailureLoggedAt >= 60_000) {
          this.logger.warn({ failingForMs: now - (this.reconcileFailingSince ?? now), error: (error as Error).message }, 'Notifications reconcile failed');
          this.reconcileFailureLoggedAt = now;
        }
        this.reconcileFailingSince ??= now;
      })
      .finally(() => {
        this.reconciling = undefined;
        if (this.reconcileAgain) {
          this.reconcileAgain = false;
          void this.reconcile();
        }
      });
    return this.reconciling;
  }

  private async reconcileOnce(): Promise<void> {
    const demand = await this.handovers.demand();
    const { channels, shortfalls } = allocateChannels(demand, conversationsPerChannel(this.settings), this.settings.NOTIFICATIONS_MAX_CHANNELS_PER_CLIENT);
    this.allocation = channels;
    this.clientOf = new Map(demand.map((row) => [row.connectionId, row.oauthClientId]));
    this.logShortfalls(shortfalls);
    for (const [connectionId, allowed] of channels) {
      const owned = this.owned.get(connectionId);
      if (owned) {
        owned.channels.allowedChannels = allowed;
        if (allowed === 0) await this.drop(connectionId, 'released', 'the OAuth client has no channel left for this connection');
      } else if (allowed > 0) {
        void this.tryTake(connectionId);
      }
    }
    for (const [connectionId, owned] of this.owned) {
      if (channels.has(connectionId)) continue;
      const idleSince = owned.channels.idleSinceMs;
      if (idleSince !== undefined && Date.now() - idleSince >= IDLE_RELEASE_MS) await this.drop(connectionId, 'released', 'no active handover with a Genesys conversation');
    }
  }

  private async tryTake(connectionId: string): Promise<void> {
    const leases = this.leases;
    const oauthClientId = this.clientOf.get(connectionId);
    if (!leases || !oauthClientId || this.stopping || this.owned.has(connectionId) || this.acquiring.has(connectionId)) return;
    this.acquiring.add(connectionId);
    try {
      const result = await leases.tryAcquire(connectionId);
      if (!result.acquired) {
        this.retryAt(connectionId, result.expiresInMs);
        return;
      }
      const { lease } = result;
      if (this.stopping) {
        await leases.release(lease);
        return;
      }
      let client;
      try {
        client = await this.genesys.forConnection(connectionId);
      } catch (error) {
        await leases.release(lease).catch(() => undefined);
        throw error;
      }
      const stillOwner = () => !this.stopping && this.owned.get(connectionId)?.lease === lease && leases.isValid(lease);
      const channels = new ConnectionChannels(
        {
          connectionId,
          api: new BudgetedNotificationsApi(client, this.budget, oauthClientId, stillOwner),
          stillOwner,
          desiredConversations: () => this.handovers.conversationIds(connectionId),
          sink: this.sink,
          metrics: this.metrics,
          settings: {
            suffixes: topicSuffixes(this.settings),
            perChannel: conversationsPerChannel(this.settings),
            timings: { pingMs: this.settings.NOTIFICATIONS_PING_MS, heartbeatMs: this.settings.NOTIFICATIONS_HEARTBEAT_MS },
            syncMs: this.settings.NOTIFICATIONS_SYNC_MS,
            renewAfterMs: this.settings.NOTIFICATIONS_RENEW_AFTER_MS,
            checkAfterGap: this.settings.NOTIFICATIONS_CHECK_AFTER_GAP,
          },
          connect: this.connectSocket,
          onLeaseLost: (why) => void this.drop(connectionId, 'lost', why),
        },
        this.allocation.get(connectionId) ?? 1,
      );
      const owned: Owned = { lease, channels };
      this.owned.set(connectionId, owned);
      this.armDeadline(connectionId, owned);
      this.metrics.leases.inc();
      this.metrics.ownership.inc({ change: 'acquired' });
      this.logger.log({ connectionId, ownerId: this.ownerId, epoch: lease.epoch }, 'Notifications channel lease acquired: this worker now owns the connection’s channels');
      channels.requestSync();
    } catch (error) {
      this.logger.warn({ connectionId, error: (error as Error).message }, 'could not take the Notifications channel lease');
    } finally {
      this.acquiring.delete(connectionId);
    }
  }

  /** A contender tries again the moment the holder's lease would expire (a dead holder's connection moves within the lease time). */
  private retryAt(connectionId: string, expiresInMs: number): void {
    clearTimeout(this.retries.get(connectionId));
    if (expiresInMs > this.settings.NOTIFICATIONS_LEASE_MS) return; // the next reconcile comes first anyway
    const timer = setTimeout(() => {
      this.retries.delete(connectionId);
      if ((this.allocation.get(connectionId) ?? 0) > 0) void this.tryTake(connectionId);
    }, expiresInMs + 5 + Math.floor(Math.random() * 20));
    timer.unref();
    this.retries.set(connectionId, timer);
  }

  private async renewAll(): Promise<void> {
    const leases = this.leases;
    if (!leases || this.stopping) return;
    await Promise.all(
      [...this.owned].map(async ([connectionId, owned]) => {
        try {
          if (await leases.renew(owned.lease)) this.armDeadline(connectionId, owned);
          else await this.drop(connectionId, 'lost', 'the lease is no longer ours (it expired and may have been taken)');
        } catch (error) {
          this.logger.warn({ connectionId, error: (error as Error).message, validForMs: Math.round(leases.remainingMs(owned.lease)) }, 'could not renew the Notifications channel lease; retrying');
        }
      }),
    );
  }

  /** Closes the connection's sockets when the lease runs out by the local clock, renewed or not. */
  private armDeadline(connectionId: string, owned: Owned): void {
    const leases = this.leases;
    if (!leases) return;
    clearTimeout(owned.deadline);
    owned.deadline = setTimeout(() => {
      if (this.owned.get(connectionId) !== owned) return;
      if (leases.isValid(owned.lease)) this.armDeadline(connectionId, owned);
      else void this.drop(connectionId, 'lost', 'the lease ran out before Redis confirmed a renewal');
    }, leases.remainingMs(owned.lease) + 1);
    owned.deadline.unref();
  }

  private async drop(connectionId: string, change: OwnershipChange, why: string): Promise<void> {
    const owned = this.owned.get(connectionId);
    if (!owned) return;
    this.owned.delete(connectionId);
    clearTimeout(owned.deadline);
    owned.channels.stop();
    this.metrics.leases.dec();
    this.metrics.ownership.inc({ change });
    const log = { connectionId, ownerId: this.ownerId, epoch: owned.lease.epoch, why };
    if (change === 'lost') this.logger.warn(log, 'Notifications channel lease lost: sockets closed');
    else this.logger.log(log, 'Notifications channel lease released: sockets closed');
    // Compare-and-delete: frees the connection for the next owner at once, and never touches a lease someone else took.
    await this.leases?.release(owned.lease).catch(() => undefined);
  }

  private onHint(hint: SubscriptionHint): void {
    const owned = this.owned.get(hint.connectionId);
    if (owned) {
      owned.channels.requestSync();
      return;
    }
    if (this.hintReconcile || this.stopping) return;
    this.hintReconcile = setTimeout(() => {
      this.hintReconcile = undefined;
      void this.reconcile();
    }, HINT_RECONCILE_DELAY_MS);
  }

  private logShortfalls(shortfalls: ChannelShortfall[]): void {
    const text = JSON.stringify(shortfalls);
    if (text === this.shortfallsLogged) return;
    this.shortfallsLogged = text;
    if (shortfalls.length === 0) return;
    this.logger.error(
      { shortfalls, maxChannelsPerClient: this.settings.NOTIFICATIONS_MAX_CHANNELS_PER_CLIENT, conversationsPerChannel: conversationsPerChannel(this.settings) },
      'OVER THE NOTIFICATIONS CHANNEL LIMIT: some connections get fewer channels than their handovers need (Genesys allows 20 per OAuth client)',
    );
  }

  private every(ms: number, run: () => void): void {
    const timer = setInterval(run, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
