import type { EndSignalKind } from './end-signal';

/** Kinds that are definitive (or a plain request to look): evaluated at once. */
const IMMEDIATE_KINDS: ReadonlySet<EndSignalKind> = new Set(['customer-end', 'check']);
/** Kinds a transfer also produces (the first agent's leg ends, wrap-up starts): evaluated after the debounce. */
const DEBOUNCED_KINDS: ReadonlySet<EndSignalKind> = new Set(['user-end', 'acw']);

/** When an evaluation runs, and the window that names its job (one job per conversation and window). */
export interface EvaluationSchedule {
  delayMs: number;
  window: string;
}

/**
 * How finely debounced signals are grouped: a quarter of the debounce, between 1 and 5 s. Every signal of one bucket
 * shares one evaluation, due at the bucket's end + the debounce: each waits at least `debounceMs` and less than
 * `debounceMs + bucket` (10 s → 10–12.5 s), and the `acw` + `user.end` pair of a transfer (and the same event coming
 * by two paths) is one Genesys request instead of several.
 */
export function debounceBucketMs(debounceMs: number): number {
  return Math.min(5_000, Math.max(1_000, Math.round(debounceMs / 4)));
}

/**
 * When a signal of `kind`, received at `receivedAtMs`, is evaluated (pure):
 * - `customer-end` and `check`: at once; one job per conversation and second (`e…`).
 * - `user-end` and `acw`: after the transfer debounce (`d…`, see `debounceBucketMs`): a transfer produces both and must
 *   not end the handover, so the conversation gets time to show the queue or agent it went to.
 * - `user-start` and `acd-start`: nothing to decide (someone is handling the conversation); a job only notes that the
 *   conversation is alive, so the backstop need not look (`n…`, one per second).
 */
export function evaluationSchedule(kind: EndSignalKind, receivedAtMs: number, debounceMs: number): EvaluationSchedule {
  if (DEBOUNCED_KINDS.has(kind)) {
    const bucket = debounceBucketMs(debounceMs);
    const dueAt = Math.ceil((receivedAtMs + debounceMs) / bucket) * bucket;
    return { delayMs: Math.max(0, dueAt - receivedAtMs), window: `d${dueAt}` };
  }
  const second = Math.floor(receivedAtMs / 1_000);
  return { delayMs: 0, window: IMMEDIATE_KINDS.has(kind) ? `e${second}` : `n${second}` };
}

/** A follow-up look at a conversation still settling, due at `dueAtMs` (one job per conversation and due second). */
export function followUpSchedule(dueAtMs: number, nowMs: number): EvaluationSchedule {
  const dueSecond = Math.ceil(dueAtMs / 1_000);
  return { delayMs: Math.max(0, dueSecond * 1_000 - nowMs), window: `f${dueSecond}` };
}

/** Whether a kind only says the conversation is alive (no Genesys request needed). */
export function isLifeSign(kind: EndSignalKind): boolean {
  return kind === 'user-start' || kind === 'acd-start';
}
