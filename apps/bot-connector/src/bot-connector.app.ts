import { GENERIC_WEBHOOK_REQUEST_SCHEMA, GENERIC_WEBHOOK_RESPONSE_SCHEMA } from '@genesys-bridge/platform-adapters';
import { QueueName } from '@genesys-bridge/queue-contracts';
import type { AppDefinition } from '@genesys-bridge/service-runtime';
import { BotConnectorHttpModule, BotListSyncWorkerModule, BotRepliesWorkerModule } from './bot-connector.module';
import { BotConnectorEnv } from './config/bot-connector.env';

export const botConnectorApp: AppDefinition<BotConnectorEnv, typeof QueueName.BotReplies | typeof QueueName.BotListSync> = {
  name: 'bot-connector',
  env: BotConnectorEnv,
  docs: {
    title: 'genesys-bridge bot-connector',
    description:
      'Genesys Bot Connector (v1) and Digital Bot Connector (v2) endpoints. A bot behind the generic webhook adapter receives ' +
      'GenericWebhookRequest (POST, JSON, optional X-Bridge-Signature) and answers GenericWebhookResponse (see the schemas).',
    schemas: { GenericWebhookRequest: GENERIC_WEBHOOK_REQUEST_SCHEMA, GenericWebhookResponse: GENERIC_WEBHOOK_RESPONSE_SCHEMA },
  },
  httpModules: () => [BotConnectorHttpModule],
  producesTo: [QueueName.BotReplies, QueueName.BotListSync],
  workerQueues: { [QueueName.BotReplies]: BotRepliesWorkerModule, [QueueName.BotListSync]: BotListSyncWorkerModule },
};
