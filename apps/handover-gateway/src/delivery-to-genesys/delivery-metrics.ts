import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { METRICS_PREFIX } from '@genesys-bridge/observability';

/**
 * Delivery counters, labelled by direction so the to-bot workers can share them (a metric name is registered once
 * per process: the first module to ask creates it, later ones reuse it).
 */
@Injectable()
export class DeliveryMetrics {
  /** Rows marked failed: a permanent Genesys 4xx or a payload that can never be sent. Alert on it. */
  readonly failed: Counter<'direction'>;
  readonly delivered: Counter<'direction'>;
  /** Waits for the rate limit: `budget` (our shared bucket said wait, nothing sent) or `genesys` (a 429 came back). */
  readonly throttled: Counter<'direction' | 'source'>;

  constructor(@Inject(Registry) registry: Registry) {
    this.failed = counter(registry, `${METRICS_PREFIX}delivery_failed_total`, 'Messages marked failed (permanent error), by direction', ['direction']);
    this.delivered = counter(registry, `${METRICS_PREFIX}delivery_delivered_total`, 'Messages delivered (or skipped as stale), by direction', ['direction']);
    this.throttled = counter(registry, `${METRICS_PREFIX}delivery_throttled_total`, 'Deliveries paused by a rate limit, by direction and source (budget | genesys)', [
      'direction',
      'source',
    ]);
  }
}

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  return (registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}
