import { createHash } from 'node:crypto';
import { JOB_RETENTION } from './queue-names';

/** The handover-gateway's end detection (queue `end-detection`, issue #6). */
export const EndDetectionJob = {
  /** Look at one Genesys conversation and decide whether its handover ended (a signal, or the backstop, asked). */
  EvaluateEnd: 'evaluate-end',
  /** The backstop's periodic round: quiet handovers get a `check`. */
  BackstopRound: 'backstop-round',
  /** A handover's no-agent timer ran out: did an agent ever answer? */
  NoAgentCheck: 'no-agent-check',
} as const;

/**
 * One end signal, made durable. Ids, kinds and times only: never a secret, never message content. `path` and `kind`
 * are the values of the gateway's `EndSignalPath` / `EndSignalKind` (apps/handover-gateway/src/end-detection/end-signal.ts).
 */
export interface EvaluateEndV1 {
  v: 1;
  connectionId: string;
  genesysConversationId: string;
  path: 'notifications' | 'trigger' | 'eventbridge' | 'backstop';
  kind: 'customer-end' | 'user-end' | 'acw' | 'user-start' | 'acd-start' | 'check';
  /** ISO-8601: when Genesys says it happened (the earliest signal of a de-duplicated burst). */
  eventTime: string;
  detail?: { disconnectType?: string; userId?: string; queueId?: string; participantId?: string };
  /** Follow-up looks this signal already caused (the conversation was still settling); bounded by the worker. */
  recheck?: number;
}

export interface BackstopRoundV1 {
  v: 1;
}

export interface NoAgentCheckV1 {
  v: 1;
  connectionId: string;
  handoverId: string;
}

export const END_BACKSTOP_SCHEDULER_ID = 'end-detection-backstop';

/**
 * Evaluations retry transient failures (database, Genesys 5xx, timeouts) a few times with backoff; waiting for the
 * Genesys rate budget moves the job to delayed instead and does not use an attempt.
 */
export const END_DETECTION_JOB_OPTIONS = { ...JOB_RETENTION, attempts: 5, backoff: { type: 'exponential', delay: 2_000 } } as const;
/** A backstop round that failed is not retried: the next round (END_BACKSTOP_INTERVAL_MS) does its work. */
export const END_BACKSTOP_JOB_OPTIONS = { ...JOB_RETENTION, attempts: 1 } as const;

/**
 * The BullMQ job id of an evaluation: one per conversation and `window` (a due time, see the gateway's
 * `evaluationSchedule`), so a burst of signals for one conversation is one evaluation. Hashed conversation id: it
 * may come from an HTTP body, and BullMQ ids must not contain ':'.
 */
export function evaluateEndJobId(connectionId: string, genesysConversationId: string, window: string): string {
  return `end-${connectionId}-${createHash('sha256').update(genesysConversationId).digest('hex').slice(0, 32)}-${window}`;
}

/** One no-agent check per handover, whoever arms it and however often. */
export function noAgentCheckJobId(handoverId: string): string {
  return `no-agent-${handoverId}`;
}
