import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Connection, HandoverEntity } from '@genesys-bridge/persistence';
import { QueueResolver } from '@genesys-bridge/routing-lookup';
import { lookupFailure } from './architect-errors';
import { ArchitectConnections } from './architect-connections';
import type { ConversationMetadataDto } from './architect.dto';

/** Genesys conversation ids are UUIDs; anything of another shape cannot be one of ours. */
const CONVERSATION_ID = /^[0-9A-Za-z-]{1,64}$/;

/**
 * What our handover told Genesys about a conversation, flat for a Data Action: the participant data the handover
 * sent (the `handovers` row of this connection whose Genesys conversation this is) and the queue to transfer to —
 * the `QueueId` the handover gateway stored, else `QueueName` resolved now (with the connection fallback).
 */
@Injectable()
export class ConversationMetadataService {
  private readonly logger = new Logger(ConversationMetadataService.name);

  constructor(
    private readonly connections: ArchitectConnections,
    private readonly dataSource: DataSource,
    private readonly queues: QueueResolver,
  ) {}

  async metadata(connectionId: string, conversationId: string): Promise<ConversationMetadataDto> {
    if (!CONVERSATION_ID.test(conversationId)) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: [{ path: 'conversationId', problems: ['conversationId must be a Genesys conversation id'] }] });
    }
    const connection = await this.connections.load(connectionId);
    const handover = await this.dataSource
      .getRepository(HandoverEntity)
      .findOne({ where: { connectionId: connection.id, genesysConversationId: conversationId }, order: { createdAt: 'DESC' } });
    if (!handover) return notFound(conversationId);
    const attributes = handover.attributes ?? {};
    const queue = await this.queueOf(connection, attributes);
    return {
      found: true,
      conversationId,
      handoverId: handover.id,
      handoverStatus: handover.status,
      queueName: attributes['QueueName'] ?? '',
      queueId: queue.queueId,
      queueResolvedBy: queue.resolvedBy,
      skills: attributes['Skills'] ?? '',
      language: attributes['Language'] ?? '',
      priority: attributes['Priority'] ?? '',
      attributesJson: JSON.stringify(attributes),
      attributes,
    };
  }

  private async queueOf(connection: Connection, attributes: Record<string, string>): Promise<{ queueId: string; resolvedBy: string }> {
    if (attributes['QueueId']) return { queueId: attributes['QueueId'], resolvedBy: attributes['QueueResolvedBy'] || 'exact' };
    const name = attributes['QueueName'];
    if (!name) return { queueId: '', resolvedBy: 'none' };
    try {
      const resolution = await this.queues.resolve(connection, name);
      return { queueId: resolution.queueId, resolvedBy: resolution.resolvedBy };
    } catch (error) {
      if (!lookupFailure(error)) throw error;
      // The stored participant data is still worth answering with; the flow sees the queue as unavailable.
      this.logger.warn({ connectionId: connection.id, error: (error as Error).message }, 'could not resolve the queue of a conversation');
      return { queueId: '', resolvedBy: 'unavailable' };
    }
  }
}

function notFound(conversationId: string): ConversationMetadataDto {
  return {
    found: false,
    conversationId,
    handoverId: '',
    handoverStatus: '',
    queueName: '',
    queueId: '',
    queueResolvedBy: 'none',
    skills: '',
    language: '',
    priority: '',
    attributesJson: '{}',
    attributes: {},
  };
}
