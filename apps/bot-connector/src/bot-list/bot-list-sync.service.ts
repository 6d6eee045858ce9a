import { Injectable } from '@nestjs/common';
import { ConnectorRegistry } from '../connectors/connector-registry.service';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { buildBotList } from './bot-list.builder';

export class BotListSyncError extends Error {
  override readonly name = 'BotListSyncError';
}

/** Registers a connector's bots, versions, languages and intents with Genesys (PUT …/botconnector/{id}/bots). */
@Injectable()
export class BotListSyncService {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly genesys: GenesysClients,
  ) {}

  async sync(connectorId: string): Promise<{ integrationId: string; bots: number; intents: number }> {
    const connector = await this.registry.get(connectorId);
    if (!connector) throw new BotListSyncError(`connector ${connectorId} does not exist`);
    const integrationId = connector.settings.genesysIntegrationId;
    if (!integrationId) throw new BotListSyncError(`connector ${connectorId} has no genesysIntegrationId (the Bot Connector integration to register the bots with)`);
    const botList = buildBotList(connector.settings);
    const client = await this.genesys.forConnection(connector.record.connectionId);
    await client.putBotConnectorBots(integrationId, botList);
    const intents = botList.chatBots.reduce((sum, bot) => sum + bot.versions.reduce((n, version) => n + (version.intents?.length ?? 0), 0), 0);
    return { integrationId, bots: botList.chatBots.length, intents };
  }
}
