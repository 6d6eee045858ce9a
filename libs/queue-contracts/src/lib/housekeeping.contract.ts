import { JOB_RETENTION } from './queue-names';

export const HousekeepingJob = { PurgeFinishedMessages: 'purge-finished-messages' } as const;

export interface PurgeFinishedMessagesV1 {
  v: 1;
}

/** One scheduler per job: the scheduler id doubles as the de-duplication key across worker replicas. */
export const PURGE_FINISHED_MESSAGES_SCHEDULER_ID = 'purge-finished-messages-hourly';
export const HOUSEKEEPING_JOB_OPTIONS = { ...JOB_RETENTION, attempts: 3, backoff: { type: 'exponential', delay: 30_000 } } as const;
