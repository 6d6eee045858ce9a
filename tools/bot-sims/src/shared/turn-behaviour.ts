import type { FastifyReply } from 'fastify';
import type { PendingReplies, WaitOutcome } from './pending-replies';
import type { RecordedRequest } from './recording';
import type { RuleBehaviour } from './script';

export type BehaviourResult =
  /** Build and send the normal answer. */
  | { kind: 'respond' }
  /** Send this error status (`body` = the rule's own body, if any). */
  | { kind: 'error'; status: number; body?: unknown }
  /** The platform's own deadline passed first (Kore sync mode: 15 s). */
  | { kind: 'deadline' }
  /** Nothing more to send: the connection is gone. */
  | { kind: 'abandoned' };

export interface BehaviourContext {
  pending: PendingReplies;
  record: RecordedRequest | null;
  /** The platform answers on its own after this many ms (null = no deadline). Hangs ignore it. */
  deadlineMs?: number | null;
  /** Extra wait on top of the rule's `delayMs` (e.g. a slow backend when polling is off). */
  extraDelayMs?: number;
}

/** Applies a rule's delay, hang, connection drop and status before the platform builds its answer. */
export async function runBehaviour(rule: RuleBehaviour | undefined, reply: FastifyReply, ctx: BehaviourContext): Promise<BehaviourResult> {
  const delayMs = (rule?.delayMs ?? 0) + (ctx.extraDelayMs ?? 0);
  const deadline = ctx.deadlineMs ?? null;
  if (deadline !== null && delayMs > deadline && !rule?.hang) {
    const outcome = await ctx.pending.wait(reply.raw, deadline);
    return outcome === 'elapsed' ? { kind: 'deadline' } : abandon(reply, ctx.record, outcome);
  }
  if (delayMs > 0) {
    const outcome = await ctx.pending.wait(reply.raw, delayMs);
    if (outcome !== 'elapsed') return abandon(reply, ctx.record, outcome);
  }
  if (rule?.hang) return abandon(reply, ctx.record, await ctx.pending.wait(reply.raw, null));
  if (rule?.closeConnection) {
    if (ctx.record) ctx.record.outcome = 'connection-closed';
    reply.hijack();
    reply.raw.destroy();
    return { kind: 'abandoned' };
  }
  if (rule?.status !== undefined && (rule.status < 200 || rule.status >= 300)) return { kind: 'error', status: rule.status, body: rule.body };
  return { kind: 'respond' };
}

function abandon(reply: FastifyReply, record: RecordedRequest | null, outcome: WaitOutcome): BehaviourResult {
  if (record) record.outcome = outcome === 'closed' ? 'sim-closed' : 'client-aborted';
  reply.hijack();
  reply.raw.destroy();
  return { kind: 'abandoned' };
}
