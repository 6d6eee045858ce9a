import { Injectable, Logger } from '@nestjs/common';
import type { OpenInboundReceipt, OpenMessagingTo } from '@genesys-bridge/genesys-client';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import type { AgentMessageFailureReason } from '@genesys-bridge/platform-adapters';
import type { StoredOutboundMessage } from './delivery-order';

export interface ReceiptTarget {
  connectionId: string;
  /** The connection's Open Messaging integration; else the message's own `channel.id` (the integration id, §2.5). */
  integrationId: string | null;
}

/**
 * Delivery receipts back to Genesys (`POST …/inbound/open/receipt`, genesys-api.md §2.3), so the agent sees whether a
 * message reached the user. Best effort: a receipt that cannot be posted is logged and never blocks delivery.
 */
@Injectable()
export class GenesysReceipts {
  private readonly logger = new Logger(GenesysReceipts.name);

  constructor(private readonly genesys: GenesysClients) {}

  delivered(target: ReceiptTarget, message: StoredOutboundMessage): Promise<void> {
    return this.post(target, message, { status: 'Delivered' });
  }

  failed(target: ReceiptTarget, message: StoredOutboundMessage, reason: AgentMessageFailureReason, why: string): Promise<void> {
    return this.post(target, message, { status: 'Failed', reasons: [{ code: reason, message: why }] });
  }

  private async post(target: ReceiptTarget, message: StoredOutboundMessage, outcome: Pick<OpenInboundReceipt, 'status' | 'reasons'>): Promise<void> {
    const integrationId = target.integrationId ?? message.channel?.id;
    const to = message.channel?.to;
    if (!integrationId || !to?.id) {
      this.logger.warn({ connectionId: target.connectionId, genesysMessageId: message.id }, 'no integration id or customer address: no receipt posted');
      return;
    }
    const receipt: OpenInboundReceipt = {
      id: message.id,
      channel: { to: { id: to.id, ...(to.idType ? { idType: to.idType as OpenMessagingTo['idType'] } : {}) }, time: new Date().toISOString() },
      ...outcome,
      isFinalReceipt: true,
    };
    try {
      const client = await this.genesys.forConnection(target.connectionId);
      await client.sendInboundReceipt(integrationId, receipt, { correlationId: message.id });
    } catch (error) {
      this.logger.warn(
        { connectionId: target.connectionId, genesysMessageId: message.id, status: receipt.status, error: (error as Error).message },
        'could not post the delivery receipt to Genesys; delivery goes on',
      );
    }
  }
}
