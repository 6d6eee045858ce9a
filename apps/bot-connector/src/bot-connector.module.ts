import { Module } from '@nestjs/common';
import { BotListSyncService } from './bot-list/bot-list-sync.service';
import { SyncBotListProcessor } from './bot-list/sync-bot-list.processor';
import { ConnectorAuthGuard } from './connectors/connector-auth.guard';
import { ConnectorRegistry } from './connectors/connector-registry.service';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { TurnIntake } from './turns/turn-intake.service';
import { TurnService } from './turns/turn.service';
import { BotConnectorV1Controller } from './v1/bot-connector-v1.controller';
import { BotConnectorV2Controller } from './v2/bot-connector-v2.controller';
import { SendBotReplyProcessor } from './v2/send-bot-reply.processor';

const SHARED = [ConnectorRegistry, TurnService, GenesysClients];

/** HTTP process: the v1 and v2 endpoints; v2 turns are handed to the bot-replies queue. */
@Module({ controllers: [BotConnectorV1Controller, BotConnectorV2Controller], providers: [...SHARED, ConnectorAuthGuard, TurnIntake] })
export class BotConnectorHttpModule {}

/** Worker: answers v2 turns through Genesys' outgoing-messages API. */
@Module({ providers: [...SHARED, SendBotReplyProcessor] })
export class BotRepliesWorkerModule {}

/** Worker: registers bot lists with Genesys. */
@Module({ providers: [ConnectorRegistry, GenesysClients, BotListSyncService, SyncBotListProcessor] })
export class BotListSyncWorkerModule {}
