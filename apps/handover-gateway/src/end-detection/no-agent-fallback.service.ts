import { Injectable, Logger } from '@nestjs/common';
import { ConnectionRepository, HandoverRepository, MessageRepository } from '@genesys-bridge/persistence';
import { type NoAgentCheckV1, QueueName } from '@genesys-bridge/queue-contracts';
import { DeliveryWakeups } from '@genesys-bridge/queue-runtime';
import { OutboxKind } from '../delivery-to-genesys/to-genesys-message.mapper';
import { HandoverEndReports } from '../handovers/handover-end-reports';
import { decideConversationEnd } from './conversation-end-decision';
import { EndDetectionMetrics } from './end-detection-metrics';
import { endDetectionSettingsOf } from './end-detection-settings';
import { GenesysConversationReader } from './genesys-conversation-reader';

export const NO_AGENT_REASON = 'no-agent';

export type NoAgentResult = { outcome: 'skipped'; why: string } | { outcome: 'answered' | 'ended-in-genesys' } | { outcome: 'fallback'; endedNow: boolean };

/**
 * The no-agent fallback (`botPlatformSettings.noAgentTimeoutMs`, off by default): when the timer armed at handover
 * start runs out and no agent ever answered (still queued, an agent only alerting, or a flow holding it), the
 * conversation goes back to the bot — `cancelled` with reason `no-agent` — and ends in Genesys.
 *
 * The Genesys side ends like a user-side end (`HandoverService.end`): a `disconnect` row in the handover's to-genesys
 * outbox, after anything the user sent before, which the to-genesys worker turns into the same calls (read the
 * conversation, disconnect the customer participant) within the rate budget. A conversation that already ended in
 * Genesys before any agent answered (a flow closed it: out of hours, a closed queue — Genesys does not say which) is
 * reported as decided (`cancelled`, `not-routed`).
 */
@Injectable()
export class NoAgentFallback {
  private readonly logger = new Logger(NoAgentFallback.name);
  /** Replaced in tests. */
  clock: () => number = Date.now;

  constructor(
    private readonly handovers: HandoverRepository,
    private readonly connections: ConnectionRepository,
    private readonly messages: MessageRepository,
    private readonly reader: GenesysConversationReader,
    private readonly endReports: HandoverEndReports,
    private readonly wakeups: DeliveryWakeups,
    private readonly metrics: EndDetectionMetrics,
  ) {}

  async check(job: NoAgentCheckV1, correlationId: string): Promise<NoAgentResult> {
    const handover = await this.handovers.findById(job.handoverId);
    if (!handover || handover.connectionId !== job.connectionId) return { outcome: 'skipped', why: 'unknown handover' };
    if (handover.status === 'ended') return { outcome: 'skipped', why: 'already ended' };
    if (!handover.genesysConversationId) return { outcome: 'skipped', why: 'no Genesys conversation' };
    const connection = await this.connections.findById(job.connectionId);
    if (!connection || connection.disabledAt) return { outcome: 'skipped', why: 'connection unavailable' };
    if (endDetectionSettingsOf(connection).noAgentTimeoutMs === null) return { outcome: 'skipped', why: 'noAgentTimeoutMs is off now' };

    const conversation = await this.reader.read(connection, handover.genesysConversationId, correlationId);
    const now = new Date(this.clock());
    await this.handovers.noteSignal([handover.id], now);
    const decision = decideConversationEnd(conversation.participants ?? [], { now, settleMs: 0 });
    if (decision.outcome === 'ended') {
      // Genesys ended it already (e.g. a flow closed it: out of hours, a closed queue): back to the bot with its reason.
      if (await this.endReports.endAndReport(handover, decision.status, decision.reason, { disconnectType: decision.disconnectType })) this.metrics.ended.inc({ reason: decision.reason });
      return { outcome: 'ended-in-genesys' };
    }
    if (decision.outcome !== 'waiting') return { outcome: 'answered' };

    // No agent answered in time: end it in Genesys (after what the user sent before), and give it back to the bot.
    await this.messages.append({
      connectionId: handover.connectionId,
      source: handover.platform,
      providerMessageId: `${handover.id}#end`,
      direction: 'to-genesys',
      conversationKey: handover.id,
      kind: OutboxKind.Disconnect,
      payload: { reason: NO_AGENT_REASON },
    });
    const endedNow = await this.endReports.endAndReport(handover, 'cancelled', NO_AGENT_REASON);
    await this.wakeups.wake(QueueName.ToGenesys, { v: 1, connectionId: handover.connectionId, conversationKey: handover.id }).catch((error: unknown) => {
      this.logger.warn({ handoverId: handover.id, error: (error as Error).message }, 'no-agent disconnect stored, but its to-genesys wake-up could not be queued; the outbox sweeper will wake it');
    });
    if (endedNow) {
      this.metrics.ended.inc({ reason: NO_AGENT_REASON });
      this.logger.warn({ connectionId: handover.connectionId, handoverId: handover.id, genesysConversationId: handover.genesysConversationId }, 'no agent answered in time: back to the bot');
    }
    return { outcome: 'fallback', endedNow };
  }
}
