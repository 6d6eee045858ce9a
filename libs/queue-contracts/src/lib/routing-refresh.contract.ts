import { JOB_RETENTION } from './queue-names';

/** The metadata-service worker's routing cache refresh (queue `routing-refresh`). */
export const RoutingRefreshJob = { RefreshDueNames: 'refresh-due-names' } as const;

/** Renew the cached queue/skill/language names that were used and are about to expire. */
export interface RefreshDueNamesV1 {
  v: 1;
}

export const REFRESH_DUE_NAMES_SCHEDULER_ID = 'routing-refresh-due-names';
/** A failed run is not retried: the next run (every ROUTING_REFRESH_INTERVAL_MS) picks up what is still due. */
export const ROUTING_REFRESH_JOB_OPTIONS = { ...JOB_RETENTION, attempts: 1 } as const;
