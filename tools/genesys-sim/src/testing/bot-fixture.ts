import type { BotConnectorBot, BotConnectorIntegration, DigitalBotConnectorIntegration } from '../bot-connector/bot-connector.model';
import type { GenesysSimOptionsInput } from '../config/sim-options';
import { createGenesysSim, type GenesysSim } from '../genesys-sim';
import { BotServer, type BotHandler } from './bot-server';
import { TEST_CLIENT } from './sim-fixture';
import { SimApiClient } from './sim-api-client';

/** Credentials as configured on the integration: each field name arrives as a header. */
export const BOT_CREDENTIALS = { Authorization: 'Bearer bot-secret', 'x-genesys-verify-token': 'verify-me' };

/** A bot list entry like the §1.5 sample: two intents, one with a slot. */
export const COOKIE_BOT: BotConnectorBot = {
  id: 'cookie-bot',
  name: 'CookieBot',
  description: 'Orders cookies',
  versions: [
    {
      version: 'Delta',
      supportedLanguages: ['en-us', 'es'],
      intents: [{ name: 'OrderCookie', slots: { Size: { name: 'Size', type: 'Integer' } } }, { name: 'Escalate' }],
    },
  ],
};

export interface BotFixture {
  sim: GenesysSim;
  bot: BotServer;
  api: SimApiClient;
  /** v1 integration pointing at `${bot.url}/utterance`, with COOKIE_BOT in its bot list. */
  integration: BotConnectorIntegration;
  /** v2 integration with base URL `${bot.url}/digital`. */
  digital: DigitalBotConnectorIntegration;
  close(): Promise<void>;
}

export async function startBotFixture(options: GenesysSimOptionsInput = {}, handler?: BotHandler): Promise<BotFixture> {
  const bot = await BotServer.start(handler);
  const sim = await createGenesysSim({ ...options, clients: [TEST_CLIENT] });
  const integration = sim.addBotConnectorIntegration({
    id: 'bc-1',
    handleUtteranceUri: `${bot.url}/utterance`,
    credentials: BOT_CREDENTIALS,
    chatBots: [COOKIE_BOT],
  });
  const digital = sim.addDigitalBotConnectorIntegration({ id: 'dbc-1', baseUrl: `${bot.url}/digital`, credentials: BOT_CREDENTIALS });
  return {
    sim,
    bot,
    api: new SimApiClient(sim.url, TEST_CLIENT.clientId, TEST_CLIENT.clientSecret),
    integration,
    digital,
    close: async () => {
      await sim.close();
      await bot.close();
    },
  };
}
