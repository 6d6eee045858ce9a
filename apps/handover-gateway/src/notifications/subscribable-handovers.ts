import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { ConnectionEntity, HandoverEntity } from '@genesys-bridge/persistence';
import type { ConnectionDemand } from './channel-allocation';

/**
 * The handovers the Notifications channels must watch: open (`status <> 'ended'`) and with a Genesys conversation id
 * (a handover becomes subscribable when its first message reached Genesys). Read-only queries of the gateway's own
 * tables; the index on (connection_id, genesys_conversation_id) serves both.
 */
@Injectable()
export class SubscribableHandovers {
  constructor(private readonly dataSource: DataSource) {}

  /** The Genesys conversation ids of a connection's subscribable handovers. */
  async conversationIds(connectionId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(HandoverEntity).find({
      select: { genesysConversationId: true },
      where: { connectionId, status: Not('ended'), genesysConversationId: Not(IsNull()) },
    });
    return [...new Set(rows.map((row) => row.genesysConversationId as string))];
  }

  /** Per connection with subscribable handovers: how many, and its OAuth client (whose 20 channels it shares). */
  async demand(): Promise<ConnectionDemand[]> {
    const rows: { connectionId: string; oauthClientId: string; conversations: string | number }[] = await this.dataSource
      .getRepository(HandoverEntity)
      .createQueryBuilder('handover')
      .innerJoin(ConnectionEntity, 'connection', 'connection.id = handover.connectionId')
      .select('handover.connectionId', 'connectionId')
      .addSelect('connection.genesysClientId', 'oauthClientId')
      .addSelect('COUNT(DISTINCT handover.genesysConversationId)', 'conversations')
      .where('handover.status <> :ended', { ended: 'ended' })
      .andWhere('handover.genesysConversationId IS NOT NULL')
      .groupBy('handover.connectionId')
      .addGroupBy('connection.genesysClientId')
      .getRawMany();
    return rows.map((row) => ({ connectionId: row.connectionId, oauthClientId: row.oauthClientId, conversations: Number(row.conversations) }));
  }
}
