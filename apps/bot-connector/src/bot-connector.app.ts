import type { AppDefinition } from '@genesys-bridge/service-runtime';
import { BotConnectorEnv } from './config/bot-connector.env';

/** Genesys Bot Connector v1/v2 endpoints arrive with issue #3; the worker has no queues yet. */
export const botConnectorApp: AppDefinition<BotConnectorEnv, never> = {
  name: 'bot-connector',
  env: BotConnectorEnv,
  docs: { title: 'genesys-bridge bot-connector', description: 'Genesys Bot Connector (v1) and Digital Bot Connector (v2) endpoints' },
  workerQueues: {},
};
