import type { BotSessionHandle } from './bot-session';
import type { DigitalBotSessionInput } from './digital-bot-connector-session';
import { BOT_CREDENTIALS, startBotFixture, type BotFixture } from '../testing/bot-fixture';
import type { BotAnswer, BotHandler, BotRequest } from '../testing/bot-server';
import { SimApiClient } from '../testing/sim-api-client';
import { TEST_CLIENT } from '../testing/sim-fixture';
import { waitFor } from '../testing/wait-for';

const OUTGOING = '/api/v2/integrations/botconnectors/outgoing/messages';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const WEATHER_BOT = {
  id: 'weather-bot',
  name: 'WeatherBot',
  description: 'Tells the weather',
  versions: [{ version: 'latest', supportedLanguages: ['en-us', 'fr'], intents: [{ name: 'Forecast' }, { name: 'Handover' }] }],
};

/** The bot service our product exposes: GET /bots, GET /bots/{id}, POST /messages acknowledged with 202. */
function digitalBot(ack: () => BotAnswer = () => ({ status: 202 })): BotHandler {
  return (request) => {
    if (request.method === 'GET' && request.path === '/digital/bots') return { status: 200, body: { entities: [WEATHER_BOT] } };
    if (request.method === 'GET' && request.path === '/digital/bots/weather-bot') return { status: 200, body: WEATHER_BOT };
    if (request.method === 'POST' && request.path === '/digital/messages') return ack();
    return { status: 404, body: { message: 'no such route' } };
  };
}

describe('Call Digital Bot Connector (v2): async replies on the outgoing messages API', () => {
  let fixture: BotFixture;

  afterEach(async () => {
    await fixture.close();
  });

  const turnRequests = (): BotRequest[] => fixture.bot.requestsTo('/digital/messages');
  const nthTurn = (count: number): Promise<BotRequest> => waitFor(() => turnRequests()[count - 1], `turn ${count} to reach the bot`);
  const postReply = (session: BotSessionHandle, body: Record<string, unknown> = {}) =>
    fixture.api.call('POST', OUTGOING, { botId: 'weather-bot', botVersion: 'latest', botSessionId: session.botSessionId, botState: 'MoreData', ...body });

  const startSession = (options: Partial<DigitalBotSessionInput> = {}): Promise<BotSessionHandle> =>
    fixture.sim.digitalBotConnector('dbc-1').startSession({ botId: 'weather-bot', botVersion: 'latest', ...options });

  it('lists and reads bots with the credential headers, validating their shapes', async () => {
    fixture = await startBotFixture({}, digitalBot());
    const handle = fixture.sim.digitalBotConnector('dbc-1');
    const listed = await handle.listBots();
    expect(listed).toMatchObject({ status: 'ok', httpStatus: 200, errors: [], bots: [{ id: 'weather-bot', name: 'WeatherBot' }] });
    expect(await handle.getBot('weather-bot')).toMatchObject({ status: 'ok', bot: { id: 'weather-bot', versions: [{ version: 'latest', intents: [{ name: 'Forecast' }, { name: 'Handover' }] }] } });
    for (const request of fixture.bot.requests) {
      expect(request.method).toBe('GET');
      expect(request.headers.authorization).toBe(BOT_CREDENTIALS.Authorization);
      expect(request.headers['x-genesys-verify-token']).toBe(BOT_CREDENTIALS['x-genesys-verify-token']);
    }

    fixture.bot.handler = (request) =>
      request.path === '/digital/bots' ? { status: 200, body: { bots: [WEATHER_BOT] } } : { status: 200, body: { ...WEATHER_BOT, id: 'other', versions: [{ version: 'v' }] } };
    expect(await handle.listBots()).toMatchObject({ status: 'invalid', errors: ['entities'] });
    expect(await handle.getBot('weather-bot')).toMatchObject({ status: 'invalid', errors: ['versions[0].intents', 'id'] });
    fixture.bot.handler = () => ({ status: 503 });
    expect(await handle.getBot('weather-bot')).toMatchObject({ status: 'http-error', httpStatus: 503 });
    expect(fixture.sim.state.botServiceRequests.map((record) => record.status)).toEqual(['ok', 'ok', 'invalid', 'invalid', 'http-error']);
    await expect(startSession()).rejects.toThrow(/GET .*\/bots\/weather-bot failed \(http-error/);
  });

  it('POSTs the turn to {base}/messages, takes a fast 2xx ack, then correlates the outgoing reply by botSessionId', async () => {
    fixture = await startBotFixture({}, digitalBot());
    const session = await startSession({ parameters: { city: 'Paris' }, genesysConversationId: 'conv-9' });
    const pending = session.sendText('Weather in Paris?');
    const request = await nthTurn(1);
    expect(request.headers.authorization).toBe(BOT_CREDENTIALS.Authorization);
    expect(request.body).toEqual({
      botId: 'weather-bot',
      botName: 'WeatherBot',
      botVersion: 'latest',
      integrationId: 'dbc-1',
      botSessionId: session.botSessionId,
      messageId: expect.stringMatching(UUID),
      conversationId: 'conv-9',
      languageCode: 'en-us',
      inputMessage: { type: 'Text', text: 'Weather in Paris?' },
      messagingPlatformType: 'Open',
      channels: ['Messaging'],
      botSessionTimeout: 60,
      parameters: { city: 'Paris' },
    });

    const posted = await postReply(session, { languageCode: 'en-us', replyMessages: [{ type: 'Text', text: 'Sunny.' }], intent: 'Forecast', confidence: 0.8, parameters: { temp: '21' } });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({ messageId: request.body?.messageId });
    expect(await pending).toMatchObject({ status: 'ok', botState: 'MoreData', httpStatus: 202, replies: [{ type: 'Text', text: 'Sunny.' }], intent: 'Forecast', parameters: { temp: '21' }, sessionState: 'active' });

    const second = session.clickQuickReply({ text: 'Talk to a human', payload: 'handover' });
    const secondRequest = await nthTurn(2);
    expect(secondRequest.body?.messageId).not.toBe(request.body?.messageId);
    const done = await postReply(session, { messageId: secondRequest.body?.messageId, botState: 'Complete', intent: 'Handover' });
    expect(done.body).toEqual({ messageId: secondRequest.body?.messageId });
    expect(await second).toMatchObject({ status: 'ok', botState: 'Complete', intent: 'Handover', sessionState: 'complete' });
    expect(fixture.sim.state.botOutgoingMessages.map((record) => [record.outcome, record.clientId])).toEqual([
      ['accepted', TEST_CLIENT.clientId],
      ['accepted', TEST_CLIENT.clientId],
    ]);
    expect(fixture.sim.state.botTurns.map((turn) => turn.status)).toEqual(['ok', 'ok']);
    await expect(session.sendText('again')).rejects.toThrow(/over/);
  });

  it('accepts a reply that arrives before the ack', async () => {
    fixture = await startBotFixture({});
    fixture.bot.handler = async (request) => {
      if (request.path !== '/digital/messages') return digitalBot()(request);
      const early = await fixture.api.call('POST', OUTGOING, {
        botId: 'weather-bot',
        botVersion: 'latest',
        botSessionId: request.body?.botSessionId,
        messageId: request.body?.messageId,
        botState: 'MoreData',
        replyMessages: [{ type: 'Text', text: 'fast' }],
      });
      return { status: early.status === 200 ? 200 : 500 };
    };
    const session = await startSession();
    expect(await session.sendText('hi')).toMatchObject({ status: 'ok', httpStatus: 200, replies: [{ type: 'Text', text: 'fast' }] });
  });

  it('rejects an invalid outgoing body with 400 naming each field, and keeps the turn waiting for a valid one', async () => {
    fixture = await startBotFixture({}, digitalBot());
    const session = await startSession();
    const pending = session.sendText('hi');
    const request = await nthTurn(1);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ botState: 'complete' }, ['botState']],
      [{ botState: 'Complete' }, ['intent']],
      [{ botState: 'Complete', intent: 'Rain' }, ['intent']],
      [{ parameters: { nested: { a: 'b' } } }, ['parameters.nested']],
      [{ parameters: { count: 1 } }, ['parameters.count']],
      [{ botState: 'Failed', errorInfo: { errorCode: 'E', errorMessage: 'm' } }, ['errorInfo.errorCode', 'errorInfo.errorMessage']],
      [{ replyMessages: [{ type: 'Structured', content: [{ contentType: 'Story', story: {} }] }] }, ['replyMessages[0].content[0].contentType']],
      [{ botId: 'other-bot', botVersion: 'v9' }, ['botId', 'botVersion']],
      [{ messageId: 'not-a-turn' }, ['messageId']],
      [{ botSessionId: 'unknown-session' }, ['botSessionId']],
      [{ botSessionId: undefined, botState: undefined }, ['botSessionId', 'botState']],
    ];
    for (const [body, fields] of cases) {
      const response = await postReply(session, body);
      expect({ body, status: response.status, code: response.body.code }).toEqual({ body, status: 400, code: 'bad.request' });
      expect((response.body.details as { fieldName: string }[]).map((detail) => detail.fieldName)).toEqual(fields);
      for (const field of fields) expect(response.body.message).toContain(field);
    }
    expect(fixture.sim.state.botTurns[0].status).toBe('pending');
    expect((await postReply(session, { botState: 'Failed', errorInfo: { code: 'E1', message: 'broken' } })).status).toBe(200);
    expect(await pending).toMatchObject({ status: 'ok', botState: 'Failed', errorInfo: { code: 'E1', message: 'broken' }, sessionState: 'failed' });
    const turn = fixture.sim.state.botTurns[0];
    expect(turn.rejectedReplies.length).toBe(cases.length - 3);
    expect(turn.id).toBe(request.body?.messageId);
    expect(fixture.sim.state.botOutgoingMessages.filter((record) => record.outcome === 'rejected')).toHaveLength(cases.length);
  });

  describe('Bot Response Timeout', () => {
    it('times the turn out when the reply comes too late, and rejects the late reply by default (UNCONFIRMED)', async () => {
      fixture = await startBotFixture({ digitalBotConnector: { botResponseTimeoutMs: 1_000 } }, digitalBot());
      const session = await startSession();
      const result = await session.sendText('hi');
      expect(result).toMatchObject({ status: 'timeout', httpStatus: 202, sessionState: 'failed', error: 'no outgoing message within the Bot Response Timeout (1000 ms)' });
      expect(result.durationMs).toBeGreaterThanOrEqual(990);
      const messageId = turnRequests()[0].body?.messageId as string;
      const late = await postReply(session, { messageId });
      expect(late.status).toBe(400);
      expect((late.body.details as { fieldName: string }[]).map((detail) => detail.fieldName)).toEqual(['messageId']);
      expect(fixture.sim.state.botOutgoingMessages.at(-1)).toMatchObject({ outcome: 'late-rejected', turnMessageId: messageId });
      expect(session.record.endReason).toBe('timeout');
    });

    it('answers a late reply 200 and ignores it with lateReplies: accept', async () => {
      fixture = await startBotFixture({ digitalBotConnector: { lateReplies: 'accept' } }, digitalBot());
      const session = await fixture.sim.digitalBotConnector('dbc-1').startSession({ botId: 'weather-bot', botVersion: 'latest', botResponseTimeoutMs: 1_000 });
      expect((await session.sendText('hi')).status).toBe('timeout');
      const late = await postReply(session, { botState: 'Complete', intent: 'Forecast' });
      expect(late).toMatchObject({ status: 200, body: { messageId: turnRequests()[0].body?.messageId } });
      expect(fixture.sim.state.botOutgoingMessages.at(-1)?.outcome).toBe('late-accepted');
      expect(session.record).toMatchObject({ state: 'failed', endReason: 'timeout' });
    });

    it('refuses a timeout below the 1 s minimum', async () => {
      fixture = await startBotFixture({}, digitalBot());
      await expect(startSession({ botResponseTimeoutMs: 999 })).rejects.toThrow(/at least 1000/);
      const session = await startSession();
      fixture.sim.options.digitalBotConnector.botResponseTimeoutMs = 500;
      await expect(session.sendText('hi')).rejects.toThrow(/at least 1000/);
      expect(fixture.sim.state.botTurns).toEqual([]);
      expect(session.record.turns).toBe(0);
    });
  });

  it('fails the turn when the ack is not 2xx or does not come in time', async () => {
    let ack: BotAnswer = { status: 500, body: { error: 'down' } };
    fixture = await startBotFixture({ digitalBotConnector: { requestTimeoutMs: 150 } }, digitalBot(() => ack));
    expect(await (await startSession()).sendText('hi')).toMatchObject({ status: 'http-error', httpStatus: 500, sessionState: 'failed' });
    ack = 'hang';
    const result = await (await startSession()).sendText('hi');
    expect(result).toMatchObject({ status: 'timeout', sessionState: 'failed' });
    expect(result.error).toMatch(/acknowledgement/);
  });

  it('needs a Bearer token and counts against the rate limits like every API', async () => {
    fixture = await startBotFixture({ rateLimit: { limit: 3, windowMs: 60_000 } }, digitalBot());
    const session = await startSession();
    const pending = session.sendText('hi');
    await nthTurn(1);
    const anonymous = await fixture.api.raw('POST', OUTGOING, { botId: 'weather-bot', botVersion: 'latest', botSessionId: session.botSessionId, botState: 'MoreData' });
    expect(anonymous.status).toBe(401);
    const other = new SimApiClient(fixture.sim.url, TEST_CLIENT.clientId, TEST_CLIENT.clientSecret);
    for (let i = 0; i < 3; i++) expect((await other.call('POST', OUTGOING, {})).status).toBe(400);
    const limited = await other.call('POST', OUTGOING, { botId: 'weather-bot', botVersion: 'latest', botSessionId: session.botSessionId, botState: 'MoreData' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await postReply(session)).status).toBe(200);
    expect((await pending).status).toBe('ok');
  });

  it('allows at most 5 Digital Bot Connector integrations', async () => {
    fixture = await startBotFixture({}, digitalBot());
    for (let i = 2; i <= 5; i++) fixture.sim.addDigitalBotConnectorIntegration({ baseUrl: `${fixture.bot.url}/digital` });
    expect(() => fixture.sim.addDigitalBotConnectorIntegration({ baseUrl: `${fixture.bot.url}/digital` })).toThrow(/at most 5/);
  });
});
