import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BotConnectorStack, countRows, startBotConnectorStack } from './support/bot-connector-stack';

/**
 * Bad input on the Bot Connector endpoints: each gets a 4xx that names the problem (field paths for
 * body errors), nothing is stored, no bot is called, and the process keeps serving.
 */
describe('bot-connector: bad input', () => {
  let stack: BotConnectorStack;
  let bot: Server;
  let botCalls = 0;
  let connectorId: string;
  let url: string;
  const VERIFY_TOKEN = 'verify-token-for-tenant-a';

  const validTurn = () => ({
    botId: 'sales-bot',
    botVersion: '1',
    botSessionId: 'session-1',
    messageId: `m-${Math.random()}`,
    inputMessage: { type: 'Text', text: 'hello' },
    languageCode: 'en-us',
    botSessionTimeout: 60,
    genesysConversationId: 'conv-1',
    parameters: { customerTier: 'gold' },
  });

  const post = (body: string | object, headers: Record<string, string> = { 'verify-token': VERIFY_TOKEN }) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    bot = createServer((req, res) => {
      botCalls++;
      req.resume();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ outputs: [{ kind: 'text', text: 'hi there' }] }));
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    stack = await startBotConnectorStack({ BODY_LIMIT_BYTES: '16384' });
    const connection = await stack.connections.create({ name: 'tenant-a', genesysRegion: 'eu-west-1', genesysClientId: 'c', genesysClientSecret: 's', botPlatform: 'generic', botPlatformSettings: {} });
    const connector = await stack.connectors.create({
      connectionId: connection.id,
      name: 'generic-a',
      settings: {
        adapter: { platform: 'generic', url: `http://127.0.0.1:${(bot.address() as AddressInfo).port}/bot`, allowPrivateNetworks: true },
        bots: [{ id: 'sales-bot', name: 'Sales' }],
      },
      secrets: { verifyTokens: [VERIFY_TOKEN] },
    });
    connectorId = connector.id;
    url = `${stack.url}/bot-connector/v1/${connectorId}`;
  });

  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => bot?.close(resolve));
  });

  it('answers a valid turn (the baseline the other cases break)', async () => {
    const response = await post(validTurn());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ botState: 'MoreData', replyMessages: [{ type: 'Text', text: 'hi there' }] });
  });

  it.each([
    ['malformed JSON', '{"botId": "sales-bot",', /json/i, []],
    ['a missing field', (() => { const { botSessionId: _, ...rest } = validTurn(); return rest; })(), /Request validation failed/, ['botSessionId']],
    ['a mistyped field', { ...validTurn(), botSessionTimeout: 'sixty' }, /Request validation failed/, ['botSessionTimeout']],
    ['a nested field', { ...validTurn(), inputMessage: { type: 'Structured', content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'Tap', text: 'x' } }] } }, /Request validation failed/, ['inputMessage.content.0.buttonResponse.type', 'inputMessage.content.0.buttonResponse.payload']],
    ['non-string parameters', { ...validTurn(), parameters: { tier: 3 } }, /Request validation failed/, ['parameters']],
  ])('refuses %s with 400 and the field paths', async (_case, body, message, paths) => {
    const [turnsBefore, callsBefore] = [await countRows(stack.dataSource, 'bot_turns'), botCalls];
    const response = await post(body as object);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { message: string; errors?: { path: string }[] };
    expect(error.message).toMatch(message);
    expect((error.errors ?? []).map((problem) => problem.path)).toEqual(expect.arrayContaining(paths as string[]));
    expect(await countRows(stack.dataSource, 'bot_turns')).toBe(turnsBefore);
    expect(botCalls).toBe(callsBefore);
  });

  it('refuses an oversized body with 413', async () => {
    const response = await post({ ...validTurn(), inputMessage: { type: 'Text', text: 'x'.repeat(20_000) } });
    expect(response.status).toBe(413);
  });

  it.each([
    ['a missing credential', {}],
    ['a wrong credential', { 'verify-token': 'verify-token-for-tenant-b' }],
    ['the credential in another header', { authorization: `Bearer ${VERIFY_TOKEN}` }],
  ])('refuses %s with 401 before reading the body', async (_case, headers) => {
    const turnsBefore = await countRows(stack.dataSource, 'bot_turns');
    const response = await post(validTurn(), headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, message: 'missing or invalid connector credential' });
    expect(await countRows(stack.dataSource, 'bot_turns')).toBe(turnsBefore);
  });

  it('refuses an unknown connector with 404, also for a malformed id', async () => {
    for (const id of ['8a1f1f5e-2f0c-4c47-9a44-1f7a4ad6a1b9', 'not-a-uuid']) {
      const response = await fetch(`${stack.url}/bot-connector/v1/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'verify-token': VERIFY_TOKEN }, body: JSON.stringify(validTurn()) });
      expect(response.status).toBe(404);
    }
  });

  it('answers an unknown botId the Genesys way (Failed + BotNotFound) without calling the bot', async () => {
    const callsBefore = botCalls;
    const response = await post({ ...validTurn(), botId: 'other-bot' });
    expect(await response.json()).toMatchObject({ botState: 'Failed', errorInfo: { errorCode: 'BotNotFound' } });
    expect(botCalls).toBe(callsBefore);
  });

  it('publishes the endpoints and the generic webhook contract in OpenAPI', async () => {
    const openApi = (await (await fetch(`${stack.url}/docs/openapi.json`)).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/bot-connector/v1/{connectorId}', '/bot-connector/v2/{connectorId}/messages', '/bot-connector/v2/{connectorId}/bots']));
    expect(Object.keys(openApi.components.schemas)).toEqual(expect.arrayContaining(['GenericWebhookRequest', 'GenericWebhookResponse', 'BotConnectorV1RequestDto']));
  });

  it('keeps serving after all of that', async () => {
    expect((await fetch(`${stack.url}/health/ready`)).status).toBe(200);
    expect((await post(validTurn())).status).toBe(200);
  });
});
