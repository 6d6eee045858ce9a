import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { METRICS_PREFIX } from '@genesys-bridge/observability';

export type ReconnectReason = 'socket-closed' | 'heartbeat-timeout' | 'socket-closing' | 'expiry' | 'channel-gone';
export type OwnershipChange = 'acquired' | 'released' | 'lost';

/**
 * What the Notifications manager of this worker process holds and does. Alert on `notifications_over_limit_conversations`
 * (handovers no channel could take: their end is only found by the other paths) and on reconnects growing fast.
 */
@Injectable()
export class NotificationsMetrics {
  /** Open sockets (one per channel) of this process. */
  readonly channels: Gauge;
  /** Connections whose channel lease this process holds. */
  readonly leases: Gauge;
  /** Conversations subscribed on this process's channels. */
  readonly conversations: Gauge;
  /** Conversations left without a subscription because the OAuth client's channels are all taken. */
  readonly overLimit: Gauge;
  readonly reconnects: Counter<'reason'>;
  /** Messages received, by kind: end-detection kinds, `heartbeat`, `socket-closing`, `other`. */
  readonly events: Counter<'kind'>;
  readonly ownership: Counter<'change'>;
  /** `check` signals sent after a gap (takeover, reconnect). */
  readonly gapChecks: Counter;

  constructor(@Inject(Registry) registry: Registry) {
    this.channels = gauge(registry, 'notifications_channels', 'Notifications channels with an open socket in this process');
    this.leases = gauge(registry, 'notifications_leases', 'Connections whose Notifications channel lease this process holds');
    this.conversations = gauge(registry, 'notifications_subscribed_conversations', 'Conversations subscribed on the channels of this process');
    this.overLimit = gauge(registry, 'notifications_over_limit_conversations', 'Conversations without a subscription: the OAuth client has no channel left');
    this.reconnects = counter(registry, 'notifications_reconnects_total', 'Channel reconnects and replacements, by reason', ['reason']);
    this.events = counter(registry, 'notifications_events_total', 'Notifications WebSocket messages received, by kind', ['kind']);
    this.ownership = counter(registry, 'notifications_ownership_changes_total', 'Channel lease changes of this process (acquired, released, lost)', ['change']);
    this.gapChecks = counter(registry, 'notifications_gap_checks_total', 'Check signals sent for the conversations of a gap (takeover, reconnect)', []);
  }
}

function gauge(registry: Registry, name: string, help: string): Gauge {
  const full = `${METRICS_PREFIX}${name}`;
  return (registry.getSingleMetric(full) as Gauge | undefined) ?? new Gauge({ name: full, help, registers: [registry] });
}

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  const full = `${METRICS_PREFIX}${name}`;
  return (registry.getSingleMetric(full) as Counter<L> | undefined) ?? new Counter({ name: full, help, labelNames, registers: [registry] });
}
