import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim-context';
import { isPlainObject, requireObject, type JsonObject } from '../support/field-checks';
import { badRequest } from '../support/genesys-error';
import type { BotConnectorIntegrationInput, BotTurnResult, ButtonResponseInput, DigitalBotConnectorIntegrationInput } from './bot-connector.model';
import type { BotSessionHandle } from './bot-session';
import type { DigitalBotSessionInput } from './digital-bot-connector-session';

const BASE = '/sim/bot-connector';

interface IntegrationParams {
  integrationId: string;
}
interface SessionParams {
  botSessionId: string;
}

/** One turn from a control-API body: `{text}`, `{quickReply: {text, payload}}` or `{button: {text, payload}}`. */
function sendTurn(session: BotSessionHandle, body: JsonObject): Promise<BotTurnResult> {
  if (isPlainObject(body.quickReply)) return session.clickQuickReply(body.quickReply as unknown as ButtonResponseInput);
  if (isPlainObject(body.button)) return session.clickButton(body.button as unknown as ButtonResponseInput);
  if (typeof body.text === 'string') return session.sendText(body.text);
  throw badRequest('a turn needs text, quickReply {text, payload} or button {text, payload}');
}

/** `/sim/bot-connector/*`: play Architect calling bots over HTTP, mirroring the in-process API (no auth; not a Genesys API). */
export function registerBotConnectorControlRoutes(app: FastifyInstance, ctx: SimContext): void {
  const bots = ctx.botConnectors;

  app.get(`${BASE}/integrations`, async () => bots.registry.list());

  app.post(`${BASE}/integrations`, async (request) =>
    bots.registry.addBotConnector(requireObject(request.body, 'body') as unknown as BotConnectorIntegrationInput),
  );

  app.post(`${BASE}/digital-integrations`, async (request) =>
    bots.registry.addDigitalBotConnector(requireObject(request.body, 'body') as unknown as DigitalBotConnectorIntegrationInput),
  );

  app.put<{ Params: IntegrationParams }>(`${BASE}/integrations/:integrationId/bots`, async (request, reply) => {
    bots.registry.setBots(request.params.integrationId, request.body);
    return reply.code(204).send();
  });

  app.get<{ Params: IntegrationParams }>(`${BASE}/integrations/:integrationId/remote-bots`, async (request) =>
    bots.digitalBotConnector(request.params.integrationId).listBots(),
  );

  app.get<{ Params: IntegrationParams & { botId: string } }>(`${BASE}/integrations/:integrationId/remote-bots/:botId`, async (request) =>
    bots.digitalBotConnector(request.params.integrationId).getBot(request.params.botId),
  );

  app.post<{ Params: IntegrationParams }>(`${BASE}/integrations/:integrationId/sessions`, async (request) => {
    const session = await bots.startSession(request.params.integrationId, requireObject(request.body, 'body') as unknown as DigitalBotSessionInput);
    return session.record;
  });

  app.get(`${BASE}/sessions`, async () => ctx.state.botSessions);

  app.get<{ Params: SessionParams }>(`${BASE}/sessions/:botSessionId`, async (request) => bots.requireSession(request.params.botSessionId).record);

  app.post<{ Params: SessionParams }>(`${BASE}/sessions/:botSessionId/turns`, async (request) =>
    sendTurn(bots.requireSession(request.params.botSessionId), requireObject(request.body, 'body')),
  );

  app.get<{ Querystring: { botSessionId?: string } }>(`${BASE}/turns`, async (request) => {
    const { botSessionId } = request.query;
    return botSessionId ? ctx.state.botTurns.filter((turn) => turn.botSessionId === botSessionId) : ctx.state.botTurns;
  });

  app.get(`${BASE}/outgoing-messages`, async () => ctx.state.botOutgoingMessages);
}
