import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Connection, ConnectionRepository, type HandoverEntity, HandoverRepository } from '@genesys-bridge/persistence';
import type { EvaluateEndV1 } from '@genesys-bridge/queue-contracts';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { HandoverEndReports, type PendingNotice } from '../handovers/handover-end-reports';
import { decideConversationEnd, type EndDecision, endObservedAt } from './conversation-end-decision';
import { EndDetection } from './end-detection.service';
import { EndDetectionMetrics } from './end-detection-metrics';
import { endDetectionSettingsOf } from './end-detection-settings';
import { followUpSchedule, isLifeSign } from './evaluation-schedule';
import { GenesysConversationReader } from './genesys-conversation-reader';

/** Follow-up looks one signal may cause (a conversation still settling, a `customer.end` Genesys has not shown yet). */
export const MAX_RECHECKS = 3;

/** What an evaluation did (the job's return value: visible in the queue dashboard). */
export type EvaluationResult =
  | { outcome: 'unknown-conversation' | 'already-ended' | 'connection-unavailable' | 'noted' }
  | { outcome: 'ended'; reason: string; endedNow: boolean }
  | { outcome: 'transfer' | 'settling' | 'waiting' | 'active'; followUp?: boolean; notice?: boolean };

/**
 * The one place that decides a handover ended (issue #6). Whatever raised the signal, it reads the conversation from
 * Genesys (one point from the OAuth client's rate budget) and decides from its participants (`decideConversationEnd`):
 *
 * - ended → the handover ends and the bot platform is told, in one transaction (`HandoverEndReports.endAndReport`:
 *   `completed` or `cancelled` with the reason, after the optional "agent left" notice); nothing is disconnected (it
 *   ended in Genesys already). Counted and timed once, by whichever worker ended it.
 * - a transfer (after `user.end`/`acw`) → the optional transfer notice for the user, once per transferred agent leg.
 * - still settling, or a `customer.end` Genesys does not show yet → one follow-up look later (bounded).
 *
 * Idempotent: an ended handover is skipped without a Genesys request; two workers evaluating at once both read, but
 * only one ends (the conditional update) and notices are keyed.
 */
@Injectable()
export class EndEvaluation {
  private readonly logger = new Logger(EndEvaluation.name);
  /** Replaced in tests. */
  clock: () => number = Date.now;

  constructor(
    private readonly handovers: HandoverRepository,
    private readonly connections: ConnectionRepository,
    private readonly reader: GenesysConversationReader,
    private readonly endReports: HandoverEndReports,
    private readonly metrics: EndDetectionMetrics,
    private readonly endDetection: EndDetection,
    @Inject(HandoverGatewayEnv) private readonly env: HandoverGatewayEnv,
  ) {}

  async evaluate(job: EvaluateEndV1, correlationId: string): Promise<EvaluationResult> {
    const handover = await this.handovers.findByGenesysConversation(job.connectionId, job.genesysConversationId);
    if (!handover) return { outcome: 'unknown-conversation' };
    if (handover.status === 'ended') return { outcome: 'already-ended' };
    if (isLifeSign(job.kind)) {
      await this.handovers.noteSignal([handover.id], new Date(this.clock()));
      return { outcome: 'noted' };
    }
    const connection = await this.connections.findById(job.connectionId);
    if (!connection || connection.disabledAt) return { outcome: 'connection-unavailable' };

    const conversation = await this.reader.read(connection, job.genesysConversationId, correlationId);
    const now = new Date(this.clock());
    await this.handovers.noteSignal([handover.id], now);
    const decision = decideConversationEnd(conversation.participants ?? [], { now, settleMs: this.env.END_TRANSFER_DEBOUNCE_MS });
    const context = { connectionId: job.connectionId, handoverId: handover.id, genesysConversationId: job.genesysConversationId, path: job.path, kind: job.kind };
    switch (decision.outcome) {
      case 'ended':
        return this.finish(handover, connection, job, decision, now, context);
      case 'transfer': {
        const notice = await this.noticeTransfer(handover, connection, job, decision.transferKey);
        this.logger.log({ ...context, to: decision.to, notice }, 'transfer: the handover goes on');
        return { outcome: 'transfer', notice };
      }
      case 'settling':
        return { outcome: 'settling', followUp: await this.followUp(job, decision.until.getTime(), now) };
      default: {
        // Genesys said the customer left, but the conversation does not show it yet: look once more after the debounce.
        const followUp = job.kind === 'customer-end' ? await this.followUp(job, now.getTime() + Math.max(this.env.END_TRANSFER_DEBOUNCE_MS, 1_000), now) : false;
        return { outcome: decision.outcome, followUp };
      }
    }
  }

  private async finish(
    handover: HandoverEntity,
    connection: Connection,
    job: EvaluateEndV1,
    decision: Extract<EndDecision, { outcome: 'ended' }>,
    now: Date,
    context: Record<string, unknown>,
  ): Promise<EvaluationResult> {
    const { agentLeftNotice } = endDetectionSettingsOf(connection);
    const notices: PendingNotice[] = decision.reason === 'agent-ended' && agentLeftNotice ? [{ key: 'agent-left', notice: 'agent-left', text: agentLeftNotice }] : [];
    const endedNow = await this.endReports.endAndReport(handover, decision.status, decision.reason, { notices, disconnectType: decision.disconnectType });
    if (endedNow) {
      this.metrics.observeEnd(job.path, decision.reason, endObservedAt(new Date(job.eventTime), decision), now);
      this.logger.log({ ...context, status: decision.status, reason: decision.reason, disconnectType: decision.disconnectType }, 'handover ended in Genesys; the bot platform is told');
    }
    return { outcome: 'ended', reason: decision.reason, endedNow };
  }

  /** Only for the signals a transfer raises (not a backstop check, which may come long after it). */
  private async noticeTransfer(handover: HandoverEntity, connection: Connection, job: EvaluateEndV1, transferKey: string): Promise<boolean> {
    if (job.kind !== 'user-end' && job.kind !== 'acw') return false;
    const { transferNotice } = endDetectionSettingsOf(connection);
    if (!transferNotice) return false;
    await this.endReports.relayNotice(handover, `transfer#${transferKey}`, 'transfer', transferNotice);
    return true;
  }

  private async followUp(job: EvaluateEndV1, dueAtMs: number, now: Date): Promise<boolean> {
    const recheck = job.recheck ?? 0;
    if (recheck >= MAX_RECHECKS) return false;
    await this.endDetection.enqueue({ ...job, recheck: recheck + 1 }, followUpSchedule(dueAtMs, now.getTime()));
    return true;
  }
}
