import type { RoutingCache } from './routing-cache';
import type { LookupLogger, RoutingLookup } from './routing-lookup';
import type { RoutingMetrics } from './routing-metrics';

export interface RefreshReport {
  refreshed: number;
  failed: number;
}

/**
 * The background refresh (a repeatable job of the metadata-service worker): renews the cache entries that were used
 * and are about to expire, one Genesys lookup after the other (rate friendly), at most `limit` per run. A failed
 * renewal leaves the old entry (it can still answer stale while Genesys is down); the next use marks it again.
 */
export class RoutingRefresher {
  constructor(
    private readonly cache: RoutingCache,
    private readonly lookup: RoutingLookup,
    private readonly metrics: RoutingMetrics,
    private readonly logger: LookupLogger,
  ) {}

  async refreshDue(now: number = Date.now(), limit = 200): Promise<RefreshReport> {
    const report: RefreshReport = { refreshed: 0, failed: 0 };
    for (const target of await this.cache.claimDue(now, limit)) {
      try {
        await this.lookup.refresh(target);
        report.refreshed++;
        this.metrics.refresh('refreshed');
      } catch (error) {
        report.failed++;
        this.metrics.refresh('failed');
        this.logger.warn({ connectionId: target.connectionId, kind: target.kind, error: (error as Error).message }, 'could not refresh a cached routing name');
      }
    }
    return report;
  }
}
