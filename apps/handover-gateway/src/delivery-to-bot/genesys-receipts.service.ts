import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { isGenesysApiError, type OpenInboundReceipt, type OpenMessagingTo } from '@genesys-bridge/genesys-client';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import type { AgentMessageFailureReason } from '@genesys-bridge/platform-adapters';
import { GenesysRateBudget } from '../delivery-to-genesys/genesys-rate-budget';
import type { StoredOutboundMessage } from './delivery-order';

/** How many times a receipt waits for a budget point (each wait is at most one short budget window) before it is dropped. */
export const RECEIPT_BUDGET_TRIES = 5;

export interface ReceiptTarget {
  connectionId: string;
  /** The connection's Open Messaging integration; else the message's own `channel.id` (the integration id, §2.5). */
  integrationId: string | null;
  /** The connection's OAuth client, whose shared rate budget a receipt spends (null: the connection could not be read). */
  oauthClientId: string | null;
}

/**
 * Delivery receipts back to Genesys (`POST …/inbound/open/receipt`, genesys-api.md §2.3), so the agent sees whether a
 * message reached the user. A receipt is a Genesys API call like any other: it takes a point from the OAuth client's
 * shared budget first, waiting a few short windows when it is spent (a 429 would lose the receipt). Best effort beyond
 * that: a receipt that cannot be posted is logged and never blocks delivery.
 */
@Injectable()
export class GenesysReceipts {
  private readonly logger = new Logger(GenesysReceipts.name);

  constructor(
    private readonly genesys: GenesysClients,
    private readonly budget: GenesysRateBudget,
  ) {}

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
      if (target.oauthClientId && !(await this.spend(target.oauthClientId))) {
        this.logger.warn({ connectionId: target.connectionId, genesysMessageId: message.id, status: receipt.status }, 'the Genesys rate budget stayed spent: receipt not posted');
        return;
      }
      const client = await this.genesys.forConnection(target.connectionId);
      await client.sendInboundReceipt(integrationId, receipt, { correlationId: message.id });
    } catch (error) {
      if (target.oauthClientId && isGenesysApiError(error) && error.kind === 'rate-limited' && error.retryAfterMs !== undefined) {
        await this.budget.closeFor(target.oauthClientId, error.retryAfterMs).catch(() => undefined);
      }
      this.logger.warn(
        { connectionId: target.connectionId, genesysMessageId: message.id, status: receipt.status, error: (error as Error).message },
        'could not post the delivery receipt to Genesys; delivery goes on',
      );
    }
  }

  /** A point from the budget, waiting out at most RECEIPT_BUDGET_TRIES short windows. */
  private async spend(oauthClientId: string): Promise<boolean> {
    for (let tries = 0; tries < RECEIPT_BUDGET_TRIES; tries++) {
      const decision = await this.budget.take(oauthClientId);
      if (decision.granted) return true;
      await sleep(decision.waitMs);
    }
    return false;
  }
}
