import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type HandoverEntity, HandoverRepository, inTransaction, isUniqueViolation, MessageRepository, type NewMessage } from '@genesys-bridge/persistence';
import type { HandoverEndStatus } from '@genesys-bridge/platform-adapters';
import { QueueName } from '@genesys-bridge/queue-contracts';
import { DeliveryWakeups } from '@genesys-bridge/queue-runtime';

/** The inbox row kind that tells the bot platform a handover ended. */
export const HANDOVER_ENDED_KIND = 'handover-ended';
/** The inbox row kind of a gateway notice shown to the user (a transfer, the agent leaving). */
export const HANDOVER_NOTICE_KIND = 'handover-notice';
/** The `source` of rows the gateway writes itself (not Genesys', not a bot platform's). */
export const GATEWAY_SOURCE = 'gateway';

export interface HandoverEndedPayload {
  handoverId: string;
  status: HandoverEndStatus;
  reason?: string;
  /** Genesys' `disconnectType` of the customer leg, when end detection saw one. */
  disconnectType?: string;
}

export interface HandoverNoticePayload {
  handoverId: string;
  /** What the notice is about (`transfer`, `agent-left`): for logs and receivers, the text is what the user sees. */
  notice: string;
  text: string;
}

type ReportedHandover = Pick<HandoverEntity, 'id' | 'connectionId' | 'genesysConversationId'>;

/**
 * Gives the conversation back to the bot (the seam end detection uses): a `handover-ended` row in the handover's
 * to-bot stream — after every agent message already received, delivered by the to-bot worker with its retries
 * (Cognigy inject `data.handover.status`, Kore `clearAgentSession`, generic `handover-ended` event). Written once per
 * handover (keyed `{handoverId}#ended`), so reporting twice is harmless. End detection's notices for the user (a
 * transfer, the agent leaving) travel the same stream as `handover-notice` rows.
 */
@Injectable()
export class HandoverEndReports {
  private readonly logger = new Logger(HandoverEndReports.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly wakeups: DeliveryWakeups,
    private readonly handovers: HandoverRepository,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Ends the handover and tells the bot platform in one transaction (with the notices that go before the end, e.g.
   * "the agent left"): a crash leaves either both or neither, and of two workers deciding the same end only the one
   * that ended it writes the rows. Returns whether this call ended it.
   */
  async endAndReport(
    handover: ReportedHandover,
    status: HandoverEndStatus,
    reason: string,
    { notices = [], disconnectType }: { notices?: readonly PendingNotice[]; disconnectType?: string } = {},
  ): Promise<boolean> {
    const conversationKey = this.toBotKey(handover);
    const ended: HandoverEndedPayload = { handoverId: handover.id, status, reason: reason.slice(0, 500), ...(disconnectType ? { disconnectType: disconnectType.slice(0, 64) } : {}) };
    const rows: NewMessage[] = [
      ...notices.map((notice) => this.row(handover, noticeMessageId(handover, notice.key), HANDOVER_NOTICE_KIND, { handoverId: handover.id, notice: notice.notice, text: notice.text })),
      this.row(handover, `${handover.id}#ended`, HANDOVER_ENDED_KIND, { ...ended }),
    ];
    let endedNow: boolean;
    try {
      endedNow = await inTransaction(this.dataSource, async (manager) => {
        if (!(await this.handovers.endWithin(manager, handover.id, reason))) return false;
        for (const row of rows) await this.messages.appendWithin(manager, row);
        return true;
      });
    } catch (error) {
      // A row of this handover is already there (e.g. a notice another path wrote): end it, the stored rows stand.
      if (!isUniqueViolation(error)) throw error;
      endedNow = await this.handovers.end(handover.id, reason);
    }
    if (endedNow) await this.wake(handover, conversationKey, HANDOVER_ENDED_KIND);
    return endedNow;
  }

  async report(handover: ReportedHandover, status: HandoverEndStatus, reason?: string): Promise<void> {
    const payload: HandoverEndedPayload = { handoverId: handover.id, status, ...(reason ? { reason: reason.slice(0, 500) } : {}) };
    await this.append(handover, `${handover.id}#ended`, HANDOVER_ENDED_KIND, { ...payload });
  }

  /**
   * A notice for the user in the same to-bot stream (after the agent messages already received, before a later end),
   * delivered like an agent text. Keyed by `key` (e.g. the transferred agent leg), so each notice is written once
   * however many workers decide to send it.
   */
  async relayNotice(handover: ReportedHandover, key: string, notice: string, text: string): Promise<void> {
    const payload: HandoverNoticePayload = { handoverId: handover.id, notice, text };
    await this.append(handover, noticeMessageId(handover, key), HANDOVER_NOTICE_KIND, { ...payload });
  }

  private async append(handover: ReportedHandover, providerMessageId: string, kind: string, payload: Record<string, unknown>): Promise<void> {
    const { created } = await this.messages.append(this.row(handover, providerMessageId, kind, payload));
    if (created) await this.wake(handover, this.toBotKey(handover), kind);
  }

  private row(handover: ReportedHandover, providerMessageId: string, kind: string, payload: Record<string, unknown>): NewMessage {
    return { connectionId: handover.connectionId, source: GATEWAY_SOURCE, providerMessageId, direction: 'to-bot', conversationKey: this.toBotKey(handover), kind, payload };
  }

  /**
   * The to-bot stream of the Genesys conversation; a handover Genesys never took uses its own id (its to-genesys rows
   * share the key, but each drain reads only its direction).
   */
  private toBotKey(handover: ReportedHandover): string {
    return handover.genesysConversationId ?? handover.id;
  }

  private async wake(handover: ReportedHandover, conversationKey: string, kind: string): Promise<void> {
    try {
      await this.wakeups.wake(QueueName.ToBot, { v: 1, connectionId: handover.connectionId, conversationKey });
    } catch (error) {
      this.logger.warn({ handoverId: handover.id, kind, error: (error as Error).message }, 'stored for the bot platform, but the to-bot wake-up could not be queued; the outbox sweeper will wake it');
    }
  }
}

/** A notice written with the end (see `endAndReport`). */
export interface PendingNotice {
  key: string;
  notice: string;
  text: string;
}

function noticeMessageId(handover: ReportedHandover, key: string): string {
  return `${handover.id}#notice#${key}`.slice(0, 255);
}
