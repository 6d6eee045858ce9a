import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { METRICS_PREFIX } from '@genesys-bridge/observability';

/** Seconds: from a few hundred ms (WebSocket, customer.end) through the debounce (10 s) to backstop rounds (minutes). */
export const END_DETECTION_LAG_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800];

/**
 * End-detection metrics of the worker: how long after the end we noticed, per path (`notifications`, `trigger`,
 * `eventbridge`, `backstop`, and `no-agent` for the fallback), and how many handovers ended, per reason
 * (`EndReason`: a small fixed set).
 */
@Injectable()
export class EndDetectionMetrics {
  /** Detection time − the earliest of the signal's `eventTime` and Genesys' own end time. */
  readonly lag: Histogram<'path'>;
  /** Handovers this worker ended from the Genesys side (the bot-side end is not counted here). */
  readonly ended: Counter<'reason'>;

  constructor(@Inject(Registry) registry: Registry) {
    const lagName = `${METRICS_PREFIX}handover_end_detection_lag_seconds`;
    this.lag =
      (registry.getSingleMetric(lagName) as Histogram<'path'> | undefined) ??
      new Histogram({ name: lagName, help: 'Seconds from the end of a handover in Genesys to its detection, by path', labelNames: ['path'], buckets: END_DETECTION_LAG_BUCKETS, registers: [registry] });
    const endedName = `${METRICS_PREFIX}handovers_ended_total`;
    this.ended =
      (registry.getSingleMetric(endedName) as Counter<'reason'> | undefined) ??
      new Counter({ name: endedName, help: 'Handovers ended from the Genesys side, by end reason', labelNames: ['reason'], registers: [registry] });
  }

  observeEnd(path: string, reason: string, observedAt: Date, detectedAt: Date): void {
    this.lag.observe({ path }, Math.max(0, (detectedAt.getTime() - observedAt.getTime()) / 1_000));
    this.ended.inc({ reason });
  }
}
