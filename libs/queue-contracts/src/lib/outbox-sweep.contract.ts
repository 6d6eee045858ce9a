import { JOB_RETENTION } from './queue-names';

export const OutboxSweepJob = { SweepStalePending: 'sweep-stale-pending' } as const;

export interface SweepStalePendingV1 {
  v: 1;
}

export const SWEEP_STALE_PENDING_SCHEDULER_ID = 'sweep-stale-pending';
export const OUTBOX_SWEEP_JOB_OPTIONS = { ...JOB_RETENTION, attempts: 1 } as const;
