import type { FastifyInstance } from 'fastify';
import { paginate, parsePageRequest } from '../routing/paging';
import type { SimContext } from '../sim-context';
import { notFound } from '../support/genesys-error';
import type { BotConnectorBot } from './bot-connector.model';

const BOTS = '/api/v2/integrations/botconnector/:integrationId/bots';

interface IntegrationParams {
  integrationId: string;
}
interface BotParams extends IntegrationParams {
  botId: string;
}
type Query = Record<string, unknown>;

const botsPath = (integrationId: string): string => `/api/v2/integrations/botconnector/${integrationId}/bots`;

function botView(integrationId: string, bot: BotConnectorBot): Record<string, unknown> {
  return { ...bot, selfUri: `${botsPath(integrationId)}/${encodeURIComponent(bot.id)}` };
}

/** Bot list API (genesys-api.md §1.5) and the v2 outgoing message endpoint (§1.6); Bearer token and rate limits like every API. */
export function registerBotConnectorRoutes(app: FastifyInstance, ctx: SimContext): void {
  const registry = ctx.botConnectors.registry;
  const requireBot = (params: BotParams): BotConnectorBot => {
    const bot = registry.bots(params.integrationId).chatBots.find((candidate) => candidate.id === params.botId);
    if (!bot) throw notFound(`The bot ${params.botId} was not found in integration ${params.integrationId}.`);
    return bot;
  };

  app.put<{ Params: IntegrationParams }>(BOTS, async (request, reply) => {
    registry.setBots(request.params.integrationId, request.body);
    return reply.code(204).send();
  });

  app.get<{ Params: IntegrationParams }>(BOTS, async (request) => {
    const { integrationId } = request.params;
    return { chatBots: registry.bots(integrationId).chatBots.map((bot) => botView(integrationId, bot)) };
  });

  app.get<{ Params: IntegrationParams; Querystring: Query }>(`${BOTS}/summaries`, async (request) => {
    const { integrationId } = request.params;
    const page = parsePageRequest(request.query, ctx.options.maxPageSize);
    const summaries = registry.bots(integrationId).chatBots.map(({ id, name, description }) => ({ id, name, description }));
    return paginate(summaries, page, `${botsPath(integrationId)}/summaries`);
  });

  app.get<{ Params: BotParams; Querystring: { version?: string } }>(`${BOTS}/:botId`, async (request) => {
    const bot = requireBot(request.params);
    const version = request.query.version;
    if (version === undefined || version === '') return botView(request.params.integrationId, bot);
    const versions = bot.versions.filter((candidate) => candidate.version === version);
    if (versions.length === 0) throw notFound(`The bot ${bot.id} has no version ${version}.`);
    return botView(request.params.integrationId, { ...bot, versions });
  });

  app.get<{ Params: BotParams; Querystring: Query }>(`${BOTS}/:botId/versions`, async (request) => {
    const bot = requireBot(request.params);
    const page = parsePageRequest(request.query, ctx.options.maxPageSize);
    const versions = bot.versions.map(({ version }) => ({ id: bot.id, name: bot.name, description: bot.description, version }));
    return paginate(versions, page, `${botsPath(request.params.integrationId)}/${encodeURIComponent(bot.id)}/versions`);
  });

  app.post('/api/v2/integrations/botconnectors/outgoing/messages', async (request) =>
    ctx.botConnectors.receiveOutgoing(request.body, request.accessToken?.clientId),
  );
}
