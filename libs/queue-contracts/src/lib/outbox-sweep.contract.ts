import { JOB_RETENTION } from './queue-names';

/** The handover-gateway worker's periodic jobs (queue `outbox-sweep`). */
export const OutboxSweepJob = { SweepStalePending: 'sweep-stale-pending', ExtendKoreRequests: 'extend-kore-requests' } as const;

export interface SweepStalePendingV1 {
  v: 1;
}

/** Keep the BotKit request of every open Kore handover alive (`extendcallid`). */
export interface ExtendKoreRequestsV1 {
  v: 1;
}

export const SWEEP_STALE_PENDING_SCHEDULER_ID = 'sweep-stale-pending';
export const EXTEND_KORE_REQUESTS_SCHEDULER_ID = 'extend-kore-requests';
export const OUTBOX_SWEEP_JOB_OPTIONS = { ...JOB_RETENTION, attempts: 1 } as const;
