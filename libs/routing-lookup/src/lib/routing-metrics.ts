import { Counter, type Registry } from 'prom-client';
import { METRICS_PREFIX } from '@genesys-bridge/observability';
import type { RoutingKind } from './routing-kind';

/** `hit` fresh found, `negative-hit` fresh not-found, `miss` asked Genesys, `stale` stale entry served because Genesys failed, `error` no answer. */
export type LookupOutcome = 'hit' | 'negative-hit' | 'miss' | 'stale' | 'error';

/**
 * The fallback counter is labelled by connection id: connections are few and created by admins (not by traffic), and
 * "which tenant's bots send queue names Genesys does not know" is exactly what an operator needs to see. Names never
 * become labels (unbounded).
 */
export class RoutingMetrics {
  private readonly lookups: Counter<'kind' | 'outcome'>;
  private readonly genesysRequests: Counter<'kind'>;
  private readonly refreshes: Counter<'outcome'>;
  private readonly fallbacks: Counter<'connection' | 'outcome'>;

  constructor(registry: Registry) {
    this.lookups = counter(registry, `${METRICS_PREFIX}routing_lookups_total`, 'Queue, skill and language name lookups by outcome', ['kind', 'outcome']);
    this.genesysRequests = counter(registry, `${METRICS_PREFIX}routing_genesys_requests_total`, 'Genesys routing list requests made by name lookups', ['kind']);
    this.refreshes = counter(registry, `${METRICS_PREFIX}routing_refreshes_total`, 'Cached routing names renewed by the background refresh', ['outcome']);
    this.fallbacks = counter(
      registry,
      `${METRICS_PREFIX}queue_fallbacks_total`,
      'Queue names Genesys does not know: answered with the connection fallback queue (outcome=fallback) or with none configured (outcome=no-fallback)',
      ['connection', 'outcome'],
    );
  }

  lookup(kind: RoutingKind, outcome: LookupOutcome): void {
    this.lookups.inc({ kind, outcome });
  }

  genesysRequest(kind: RoutingKind): void {
    this.genesysRequests.inc({ kind });
  }

  refresh(outcome: 'refreshed' | 'failed'): void {
    this.refreshes.inc({ outcome });
  }

  fallback(connectionId: string, outcome: 'fallback' | 'no-fallback'): void {
    this.fallbacks.inc({ connection: connectionId, outcome });
  }
}

/** One counter per registry even when several modules of a process build RoutingMetrics. */
function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  return (registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}
