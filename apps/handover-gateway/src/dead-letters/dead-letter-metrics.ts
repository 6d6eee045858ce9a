import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { METRICS_PREFIX } from '@genesys-bridge/observability';

/**
 * Replays counted next to `delivery_failed_total` (the workers' counter of rows marked failed), so a dashboard shows
 * how many dead letters an operator sent again. Registered once per process, reused by later modules.
 */
@Injectable()
export class DeadLetterMetrics {
  readonly replayed: Counter<'direction'>;

  constructor(@Inject(Registry) registry: Registry) {
    const name = `${METRICS_PREFIX}dead_letters_replayed_total`;
    this.replayed =
      (registry.getSingleMetric(name) as Counter<'direction'> | undefined) ??
      new Counter({ name, help: 'Failed messages set back to pending through the replay endpoint, by direction', labelNames: ['direction'], registers: [registry] });
  }
}
