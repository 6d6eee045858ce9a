import type { BotSessionRecord, BotTurnRecord, BotTurnResult } from './bot-connector.model';
import { BotServer } from '../testing/bot-server';
import { createGenesysSim, type GenesysSim } from '../genesys-sim';
import { SimApiClient } from '../testing/sim-api-client';
import { TEST_CLIENT } from '../testing/sim-fixture';
import { waitFor } from '../testing/wait-for';

/** Drives everything over /sim/bot-connector the way a human would with curl. */
describe('control API /sim/bot-connector', () => {
  let sim: GenesysSim;
  let bot: BotServer;
  let api: SimApiClient;

  beforeEach(async () => {
    bot = await BotServer.start((request) => {
      if (request.path === '/v1') {
        const text = (request.body?.inputMessage as { text?: string } | undefined)?.text;
        return text === 'bye'
          ? { status: 200, body: { botState: 'Complete', intent: 'Goodbye', replyMessages: [{ type: 'Text', text: 'Bye!' }] } }
          : { status: 200, body: { botState: 'MoreData', replyMessages: [{ type: 'Text', text: `echo: ${text ?? ''}` }] } };
      }
      if (request.path === '/v2/bots') return { status: 200, body: { entities: [{ id: 'echo', name: 'Echo' }] } };
      if (request.path === '/v2/bots/echo') return { status: 200, body: { id: 'echo', name: 'Echo', versions: [{ version: '1', intents: [{ name: 'Goodbye' }] }] } };
      if (request.path === '/v2/messages') return { status: 202 };
      return { status: 404 };
    });
    sim = await createGenesysSim({ clients: [TEST_CLIENT] });
    api = new SimApiClient(sim.url, TEST_CLIENT.clientId, TEST_CLIENT.clientSecret);
  });

  afterEach(async () => {
    await sim.close();
    await bot.close();
  });

  it('sets up a v1 integration and bot list, starts a session, sends turns and lists the recorded turns', async () => {
    const created = await api.raw('POST', '/sim/bot-connector/integrations', {
      id: 'curl-bc',
      handleUtteranceUri: `${bot.url}/v1`,
      credentials: { 'verify-token': 'abc' },
      chatBots: [{ id: 'echo', name: 'Echo', versions: [{ version: '1', supportedLanguages: ['en-us'], intents: [{ name: 'Goodbye' }] }] }],
    });
    expect(created).toMatchObject({ status: 200, body: { kind: 'bot-connector', id: 'curl-bc', handleUtteranceUri: `${bot.url}/v1` } });
    expect((await api.raw('POST', '/sim/bot-connector/integrations', { id: 'bad', handleUtteranceUri: 'not a url' })).status).toBe(400);

    const started = await api.raw<BotSessionRecord>('POST', '/sim/bot-connector/integrations/curl-bc/sessions', { botId: 'echo', botVersion: '1' });
    expect(started.status).toBe(200);
    const sessionId = started.body.botSessionId;
    const turnsPath = `/sim/bot-connector/sessions/${sessionId}/turns`;

    expect((await api.raw<BotTurnResult>('POST', turnsPath, { text: 'hello' })).body).toMatchObject({ status: 'ok', replies: [{ type: 'Text', text: 'echo: hello' }] });
    expect((await api.raw<BotTurnResult>('POST', turnsPath, { quickReply: { text: 'Menu', payload: 'menu' } })).body).toMatchObject({ status: 'ok' });
    expect((await api.raw<BotTurnResult>('POST', turnsPath, { text: 'bye' })).body).toMatchObject({ status: 'ok', botState: 'Complete', sessionState: 'complete' });
    const over = await api.raw('POST', turnsPath, { text: 'still there?' });
    expect(over).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect((await api.raw('POST', turnsPath, {})).status).toBe(400);

    expect(bot.requests[0].headers['verify-token']).toBe('abc');
    const turns = await api.raw<BotTurnRecord[]>('GET', `/sim/bot-connector/turns?botSessionId=${sessionId}`);
    expect(turns.body.map((turn) => [turn.turn, turn.status, (turn.requestBody.inputMessage as { type: string }).type])).toEqual([
      [1, 'ok', 'Text'],
      [2, 'ok', 'Structured'],
      [3, 'ok', 'Text'],
    ]);
    expect((await api.raw<BotSessionRecord>('GET', `/sim/bot-connector/sessions/${sessionId}`)).body).toMatchObject({ state: 'complete', intent: 'Goodbye', turns: 3 });
    expect((await api.raw<BotSessionRecord[]>('GET', '/sim/bot-connector/sessions')).body).toHaveLength(1);
    expect((await api.raw('GET', '/sim/bot-connector/sessions/unknown')).status).toBe(404);

    expect((await api.raw('POST', '/sim/reset')).status).toBe(204);
    expect((await api.raw<BotTurnRecord[]>('GET', '/sim/bot-connector/turns')).body).toEqual([]);
    expect((await api.raw('GET', `/sim/bot-connector/sessions/${sessionId}`)).status).toBe(404);
    expect((await api.raw('POST', '/sim/bot-connector/integrations/curl-bc/sessions', { botId: 'echo', botVersion: '1' })).status).toBe(200);
  });

  it('drives a v2 session: remote bot lookups, a turn answered on the outgoing API, and the recorded outgoing messages', async () => {
    expect((await api.raw('POST', '/sim/bot-connector/digital-integrations', { id: 'curl-dbc', baseUrl: `${bot.url}/v2/` })).body).toMatchObject({
      kind: 'digital-bot-connector',
      baseUrl: `${bot.url}/v2`,
    });
    expect((await api.raw('GET', '/sim/bot-connector/integrations/curl-dbc/remote-bots')).body).toMatchObject({ status: 'ok', bots: [{ id: 'echo' }] });
    expect((await api.raw('GET', '/sim/bot-connector/integrations/curl-dbc/remote-bots/echo')).body).toMatchObject({ status: 'ok', bot: { id: 'echo' } });
    expect((await api.raw<{ kind: string }[]>('GET', '/sim/bot-connector/integrations')).body.map((integration) => integration.kind)).toEqual(['digital-bot-connector']);

    const session = (await api.raw<BotSessionRecord>('POST', '/sim/bot-connector/integrations/curl-dbc/sessions', { botId: 'echo', botVersion: '1', botResponseTimeoutMs: 5_000 })).body;
    expect(session).toMatchObject({ kind: 'digital-bot-connector', botName: 'Echo', state: 'active' });
    const turn = api.raw<BotTurnResult>('POST', `/sim/bot-connector/sessions/${session.botSessionId}/turns`, { button: { text: 'Done', payload: 'done' } });
    const request = await waitFor(() => bot.requestsTo('/v2/messages')[0], 'the v2 turn');
    const outgoing = await api.call('POST', '/api/v2/integrations/botconnectors/outgoing/messages', {
      botId: 'echo',
      botVersion: '1',
      botSessionId: session.botSessionId,
      messageId: request.body?.messageId,
      botState: 'Complete',
      intent: 'Goodbye',
    });
    expect(outgoing.status).toBe(200);
    expect((await turn).body).toMatchObject({ status: 'ok', botState: 'Complete', intent: 'Goodbye', sessionState: 'complete' });
    expect((await api.raw<{ outcome: string }[]>('GET', '/sim/bot-connector/outgoing-messages')).body.map((record) => record.outcome)).toEqual(['accepted']);
    expect((await api.raw('POST', '/sim/bot-connector/integrations/nope/sessions', { botId: 'echo', botVersion: '1' })).status).toBe(404);
  });

  it('seeds bot connector integrations from options and changes bot options at runtime over PATCH /sim/options', async () => {
    const seeded = await createGenesysSim({
      botConnectorIntegrations: [{ id: 'seed-bc', handleUtteranceUri: `${bot.url}/v1`, chatBots: [{ id: 'echo', versions: [{ version: '1', supportedLanguages: [], intents: [] }] }] }],
      digitalBotConnectorIntegrations: [{ id: 'seed-dbc', baseUrl: `${bot.url}/v2` }],
    });
    try {
      expect(seeded.botConnector('seed-bc').bots().chatBots.map((entry) => entry.id)).toEqual(['echo']);
      expect(seeded.digitalBotConnector('seed-dbc').integration.baseUrl).toBe(`${bot.url}/v2`);
      const client = new SimApiClient(seeded.url, 'none', 'none');
      expect((await client.raw('PATCH', '/sim/options', { botConnector: { loopGuard: false, turnTimeoutMs: 2_000 } })).status).toBe(200);
      expect(seeded.options.botConnector).toMatchObject({ loopGuard: false, turnTimeoutMs: 2_000, loopGuardMaxRepeats: 3 });
    } finally {
      await seeded.close();
    }
  });
});
