import { Injectable, Logger } from '@nestjs/common';
import type { Connection } from '@genesys-bridge/persistence';
import { QueueResolver } from '@genesys-bridge/routing-lookup';

/** Participant-data names the step adds: the queue to transfer to, and how it was chosen (`exact`, `case-insensitive`, `fallback`). */
export const QUEUE_ID_ATTRIBUTE = 'QueueId';
export const QUEUE_RESOLVED_BY_ATTRIBUTE = 'QueueResolvedBy';

export interface BuiltAttributes {
  attributes: Record<string, string>;
  warnings: string[];
}

/**
 * Optional step of a handover start, on when the connection's `botPlatformSettings.resolveQueues` is `true`: the
 * handover's `QueueName` (a routing field or `GenesysMetaData.QueueName`) is resolved to a Genesys queue id through
 * the cached lookups, and `QueueId` + `QueueResolvedBy` ride along as participant data, so the inbound flow can
 * Transfer to ACD by id without its own Find Queue. An unknown name gives the connection's fallback queue (counted in
 * `genesys_bridge_queue_fallbacks_total`). It never fails a handover: when Genesys cannot answer (and nothing is
 * cached), or no queue fits, the handover goes on without `QueueId` and the caller gets a warning. A `QueueId` the
 * bot sent itself is left alone.
 */
@Injectable()
export class QueueResolutionStep {
  private readonly logger = new Logger(QueueResolutionStep.name);

  constructor(private readonly queues: QueueResolver) {}

  /** `rebuild` builds the attributes again with extra custom attributes, so the participant-data limits apply to them too. */
  async apply(connection: Connection, built: BuiltAttributes, rebuild: (extra: Record<string, string>) => BuiltAttributes): Promise<BuiltAttributes> {
    const queueName = built.attributes['QueueName'];
    if (connection.botPlatformSettings?.['resolveQueues'] !== true || !queueName || built.attributes[QUEUE_ID_ATTRIBUTE]) return built;
    let resolution;
    try {
      resolution = await this.queues.resolve(connection, queueName);
    } catch (error) {
      this.logger.warn({ connectionId: connection.id, error: (error as Error).message }, 'could not resolve the handover queue; continuing without QueueId');
      return { ...built, warnings: [...built.warnings, `QueueName ${JSON.stringify(queueName)} could not be resolved now (Genesys did not answer); sent without ${QUEUE_ID_ATTRIBUTE}`] };
    }
    if (!resolution.queueId) {
      return { ...built, warnings: [...built.warnings, `QueueName ${JSON.stringify(queueName)} is not a Genesys queue and the connection has no fallback queue; sent without ${QUEUE_ID_ATTRIBUTE}`] };
    }
    const rebuilt = rebuild({ [QUEUE_ID_ATTRIBUTE]: resolution.queueId, [QUEUE_RESOLVED_BY_ATTRIBUTE]: resolution.resolvedBy });
    if (resolution.resolvedBy === 'fallback') rebuilt.warnings.push(`QueueName ${JSON.stringify(queueName)} is not a Genesys queue; the connection's fallback queue is used`);
    return rebuilt;
  }
}
