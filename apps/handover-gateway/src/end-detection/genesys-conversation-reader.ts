import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { type GenesysClient, isGenesysApiError, type MessageConversation } from '@genesys-bridge/genesys-client';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import type { Connection } from '@genesys-bridge/persistence';
import { GenesysRateBudget } from '../delivery-to-genesys/genesys-rate-budget';

/** Fallback wait when a 429 came without a usable Retry-After. */
const RATE_LIMITED_FALLBACK_MS = 1_000;

/** Thrown to put an end-detection job back for `delayMs` without using one of its attempts (rate budget, 429). */
export class EvaluateLater extends Error {
  override readonly name = 'EvaluateLater';
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * End detection's Genesys calls, each after a point from the OAuth client's shared rate budget (the same bucket the
 * deliveries spend, design.md §6): a spent budget or a 429 becomes `EvaluateLater` (the job waits, nothing is lost),
 * a permanent 4xx an `UnrecoverableError` (retrying cannot help), anything else is rethrown for BullMQ's retries.
 */
@Injectable()
export class GenesysConversationReader {
  private readonly logger = new Logger(GenesysConversationReader.name);

  constructor(
    private readonly genesys: GenesysClients,
    private readonly budget: GenesysRateBudget,
  ) {}

  /** `GET /api/v2/conversations/messages/{id}`. */
  read(connection: Connection, genesysConversationId: string, correlationId: string): Promise<MessageConversation> {
    return this.call(connection, (client) => client.getMessageConversation(genesysConversationId, { correlationId }));
  }

  private async call<T>(connection: Connection, work: (client: GenesysClient) => Promise<T>): Promise<T> {
    const decision = await this.budget.take(connection.genesysClientId);
    if (!decision.granted) throw new EvaluateLater(decision.waitMs, `Genesys rate budget of OAuth client ${connection.genesysClientId} spent`);
    try {
      return await work(await this.genesys.forConnection(connection.id));
    } catch (error) {
      if (!isGenesysApiError(error)) throw error;
      switch (error.kind) {
        case 'rate-limited': {
          const waitMs = error.retryAfterMs ?? RATE_LIMITED_FALLBACK_MS;
          await this.budget.closeFor(connection.genesysClientId, waitMs).catch(() => undefined);
          throw new EvaluateLater(waitMs, error.message);
        }
        case 'auth':
          // Retried with the job's backoff (an admin may fix the credentials meanwhile); the backstop looks again later.
          this.logger.error({ connectionId: connection.id, error: error.toJSON() }, 'Genesys refused the connection credentials; end detection cannot look at the conversation');
          throw error;
        case 'permanent':
          throw new UnrecoverableError(`Genesys answered ${error.status ?? 'an error'}: ${error.message}`);
        default:
          throw error;
      }
    }
  }
}
