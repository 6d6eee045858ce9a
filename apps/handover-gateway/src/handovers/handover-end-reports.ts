import { Injectable, Logger } from '@nestjs/common';
import { type HandoverEntity, MessageRepository } from '@genesys-bridge/persistence';
import type { HandoverEndStatus } from '@genesys-bridge/platform-adapters';
import { QueueName } from '@genesys-bridge/queue-contracts';
import { DeliveryWakeups } from '@genesys-bridge/queue-runtime';

/** The inbox row kind that tells the bot platform a handover ended. */
export const HANDOVER_ENDED_KIND = 'handover-ended';
/** The `source` of rows the gateway writes itself (not Genesys', not a bot platform's). */
export const GATEWAY_SOURCE = 'gateway';

export interface HandoverEndedPayload {
  handoverId: string;
  status: HandoverEndStatus;
  reason?: string;
}

/**
 * Gives the conversation back to the bot (the seam end detection uses): a `handover-ended` row in the handover's
 * to-bot stream — after every agent message already received, delivered by the to-bot worker with its retries
 * (Cognigy inject `data.handover.status`, Kore `clearAgentSession`, generic `handover-ended` event). Written once per
 * handover (keyed `{handoverId}#ended`), so reporting twice is harmless.
 */
@Injectable()
export class HandoverEndReports {
  private readonly logger = new Logger(HandoverEndReports.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly wakeups: DeliveryWakeups,
  ) {}

  async report(handover: Pick<HandoverEntity, 'id' | 'connectionId' | 'genesysConversationId'>, status: HandoverEndStatus, reason?: string): Promise<void> {
    // The to-bot stream of the Genesys conversation; a handover Genesys never took gets its own key (not the handover
    // id: that is its to-genesys stream, and a drain reads every pending row of its key).
    const conversationKey = handover.genesysConversationId ?? `${handover.id}#to-bot`;
    const payload: HandoverEndedPayload = { handoverId: handover.id, status, ...(reason ? { reason: reason.slice(0, 500) } : {}) };
    const { created } = await this.messages.append({
      connectionId: handover.connectionId,
      source: GATEWAY_SOURCE,
      providerMessageId: `${handover.id}#ended`,
      direction: 'to-bot',
      conversationKey,
      kind: HANDOVER_ENDED_KIND,
      payload: { ...payload },
    });
    if (!created) return;
    try {
      await this.wakeups.wake(QueueName.ToBot, { v: 1, connectionId: handover.connectionId, conversationKey });
    } catch (error) {
      this.logger.warn({ handoverId: handover.id, error: (error as Error).message }, 'handover end stored, but its to-bot wake-up could not be queued; the outbox sweeper will wake it');
    }
  }
}
