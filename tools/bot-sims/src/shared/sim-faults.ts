import type { FastifyReply } from 'fastify';
import type { PendingReplies } from './pending-replies';
import type { RecordedRequest } from './recording';
import type { RuleBehaviour } from './script';
import { SimHttpError } from './sim-http-error';
import { isPlainObject } from './sim-options';
import { runBehaviour } from './turn-behaviour';

/**
 * One queued failure of a platform call other than a scripted bot turn (BotKit SDK calls, Cognigy notify/inject).
 * Same behaviour fields as script rules, so a fault can be slow, hang, drop the connection or fail.
 */
export interface SimFault<TCall extends string> {
  /** Which call it hits; `*` = any. */
  call: TCall | '*';
  /** Answer status (default 500 unless `hang`, `closeConnection` or a `delayMs`-only slow success is meant). */
  status?: number;
  /** Replaces the platform's error body. */
  body?: unknown;
  /** How many matching calls it hits (default 1); counted down in the live options, dropped at 0. */
  times?: number;
  /** Hold the request until the client gives up or the simulator closes. */
  hang?: boolean;
  /** Wait this long first; alone (no status) it is a slow success. */
  delayMs?: number;
  /** Destroy the TCP connection instead of answering. */
  closeConnection?: boolean;
  /**
   * "Error after accept": the call is processed and recorded like a success, then answered with `status`
   * (default 500). The caller cannot tell it went through, so its retry is a duplicate.
   */
  acceptThenError?: boolean;
}

/**
 * Takes the first queued fault for `call` (faults are consumed in order): counts its `times` down and removes it
 * from the live array once used up, so tests can read what is left. Returns a copy of the fault that fired.
 */
export function takeFault<TCall extends string>(faults: SimFault<TCall>[], call: TCall): SimFault<TCall> | undefined {
  const index = faults.findIndex((fault) => fault.call === call || fault.call === '*');
  if (index < 0) return undefined;
  const fault = faults[index];
  const left = (fault.times ?? 1) - 1;
  if (left <= 0) faults.splice(index, 1);
  else fault.times = left;
  return { ...fault, times: 1 };
}

/** The error status a fault answers with, or undefined for a hang, a dropped connection or a slow success. */
export function faultStatus(fault: SimFault<string>): number | undefined {
  if (fault.status !== undefined) return fault.status;
  if (fault.acceptThenError) return 500;
  return fault.hang || fault.closeConnection || fault.delayMs !== undefined ? undefined : 500;
}

/** The script-rule behaviour of a fault that fires before the call is processed (not `acceptThenError`). */
export function faultBehaviour(fault: SimFault<string>): RuleBehaviour {
  return { delayMs: fault.delayMs, hang: fault.hang, closeConnection: fault.closeConnection, status: faultStatus(fault), body: fault.body };
}

/**
 * Applies a fault that fires before the call is processed: waits, hangs, drops the connection (`abandoned`: send
 * nothing more) or throws its error status. `proceed` for no fault, a slow success or an `acceptThenError` fault
 * (whose error comes after processing: see `throwIfAcceptThenError`).
 */
export async function applyFaultBefore(
  fault: SimFault<string> | undefined,
  reply: FastifyReply,
  ctx: { pending: PendingReplies; record: RecordedRequest | null; errorBody?: (status: number) => unknown },
): Promise<'proceed' | 'abandoned'> {
  if (!fault || fault.acceptThenError) return 'proceed';
  const outcome = await runBehaviour(faultBehaviour(fault), reply, { pending: ctx.pending, record: ctx.record });
  if (outcome.kind === 'abandoned') return 'abandoned';
  if (outcome.kind === 'error') throw new SimHttpError(outcome.status, `Simulated ${fault.call} failure`, outcome.body ?? ctx.errorBody?.(outcome.status));
  return 'proceed';
}

/** The error answer of an `acceptThenError` fault, once the call was processed and recorded. */
export function throwIfAcceptThenError(fault: SimFault<string> | undefined, errorBody?: (status: number) => unknown): void {
  if (!fault?.acceptThenError) return;
  const status = faultStatus(fault) ?? 500;
  throw new SimHttpError(status, 'Simulated failure after accept', fault.body ?? errorBody?.(status));
}

/** Checks a fault list set over options. Throws Error. */
export function validateFaults(value: unknown, calls: readonly string[], path: string): void {
  if (!Array.isArray(value)) throw new Error(`${path} must be an array`);
  value.forEach((fault: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isPlainObject(fault)) throw new Error(`${at} must be an object`);
    if (typeof fault.call !== 'string' || ![...calls, '*'].includes(fault.call)) throw new Error(`${at}.call must be one of ${[...calls, '*'].join(', ')}`);
    if (fault.status !== undefined && (!Number.isInteger(fault.status) || (fault.status as number) < 100 || (fault.status as number) > 599)) {
      throw new Error(`${at}.status must be an HTTP status`);
    }
    if (fault.times !== undefined && (!Number.isInteger(fault.times) || (fault.times as number) < 1)) throw new Error(`${at}.times must be a positive integer`);
    if (fault.delayMs !== undefined && (typeof fault.delayMs !== 'number' || fault.delayMs < 0)) throw new Error(`${at}.delayMs must be a number ≥ 0`);
    for (const flag of ['hang', 'closeConnection', 'acceptThenError'] as const) {
      if (fault[flag] !== undefined && typeof fault[flag] !== 'boolean') throw new Error(`${at}.${flag} must be a boolean`);
    }
  });
}
