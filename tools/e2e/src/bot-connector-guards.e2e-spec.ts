import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { type BotConnectorStack, countRows, startBotConnectorStack } from './support/bot-connector-stack';

/**
 * The Bot Connector safety kit end to end: messageId de-duplication, JWT credentials with rotation,
 * the loop guard against Genesys' repeated-intent rule, the circuit breaker and text-only numbering.
 * The bot is a generic-webhook bot written here whose answers each test sets.
 */
interface BotRequest {
  sessionId: string;
  input: { kind: string; text: string; payload?: string };
}

describe('bot-connector safety kit', () => {
  let stack: BotConnectorStack;
  let genesys: GenesysSim;
  let bot: Server;
  let botUrl: string;
  let connectionId: string;
  let answer: (request: BotRequest) => { status?: number; body?: unknown };
  const received: BotRequest[] = [];

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => resolve(body));
    });

  async function createConnector(name: string, settings: Record<string, unknown>, secrets: Record<string, unknown>) {
    const connector = await stack.connectors.create({
      connectionId,
      name,
      settings: { adapter: { platform: 'generic', url: botUrl, allowPrivateNetworks: true }, bots: [{ id: 'bot', name: 'Bot', intents: [{ name: 'Billing' }] }], ...settings },
      secrets,
    });
    return { id: connector.id, url: `${stack.url}/bot-connector/v1/${connector.id}` };
  }

  const turn = (messageId: string, text = 'hello', botSessionId = 'session-1') => ({
    botId: 'bot',
    botVersion: '1',
    botSessionId,
    messageId,
    inputMessage: { type: 'Text', text },
  });

  const post = (url: string, body: object, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  interface Answer {
    botState: string;
    replyMessages: { type: string; text?: string }[];
    errorInfo?: { errorCode: string };
  }
  const answerOf = async (response: Promise<Response>) => (await (await response).json()) as Answer;

  beforeAll(async () => {
    bot = createServer(async (req, res) => {
      const request = JSON.parse(await readBody(req)) as BotRequest;
      received.push(request);
      const { status = 200, body } = answer(request);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? { outputs: [] }));
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    botUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/bot`;
    [stack, genesys] = await Promise.all([startBotConnectorStack(), createGenesysSim()]);
    connectionId = (await stack.connections.create({ name: 'org', genesysRegion: 'eu-west-1', genesysClientId: 'c', genesysClientSecret: 's', botPlatform: 'generic', botPlatformSettings: {} })).id;
  });

  beforeEach(() => {
    received.length = 0;
    answer = () => ({ body: { outputs: [{ kind: 'text', text: 'ok' }] } });
  });

  afterAll(async () => {
    await stack?.stop();
    await genesys?.close();
    await new Promise((resolve) => bot?.close(resolve));
  });

  it('answers a repeated messageId from storage without calling the bot again', async () => {
    const connector = await createConnector('dedupe', {}, { verifyTokens: ['t1'] });
    let calls = 0;
    answer = () => ({ body: { outputs: [{ kind: 'text', text: `answer ${++calls}` }] } });
    const first = await answerOf(post(connector.url, turn('dup-1'), { 'verify-token': 't1' }));
    const again = await answerOf(post(connector.url, turn('dup-1'), { 'verify-token': 't1' }));
    expect(first).toEqual(again);
    expect(first.replyMessages[0].text).toBe('answer 1');
    expect(calls).toBe(1);
    const [{ count }] = await stack.dataSource.query(`SELECT COUNT(*) AS count FROM bot_turns WHERE message_id = 'dup-1'`);
    expect(Number(count)).toBe(1);
  });

  it('accepts Authorization: Bearer JWTs signed with the current or the previous secret, and nothing else', async () => {
    const connector = await createConnector('jwt', { auth: { mode: 'jwt' } }, { jwtSecrets: ['current-secret-1234567890', 'previous-secret-1234567890'] });
    const bearer = (secret: string, algorithm: jwt.Algorithm = 'HS256') => ({ authorization: `Bearer ${jwt.sign({ sub: 'genesys' }, secret, { algorithm })}` });
    expect((await post(connector.url, turn('jwt-1'), bearer('current-secret-1234567890'))).status).toBe(200);
    expect((await post(connector.url, turn('jwt-2'), bearer('previous-secret-1234567890'))).status).toBe(200);
    const turnsBefore = await countRows(stack.dataSource, 'bot_turns');
    expect((await post(connector.url, turn('jwt-3'), bearer('someone-elses-secret-123'))).status).toBe(401);
    expect((await post(connector.url, turn('jwt-4'), bearer('current-secret-1234567890', 'HS512'))).status).toBe(401);
    expect((await post(connector.url, turn('jwt-5'), { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    expect(await countRows(stack.dataSource, 'bot_turns')).toBe(turnsBefore);
  });

  it('refuses requests from outside the allowed CIDRs', async () => {
    const outside = await createConnector('cidr-outside', { auth: { allowedCidrs: ['10.0.0.0/8'] } }, { verifyTokens: ['t2'] });
    const inside = await createConnector('cidr-inside', { auth: { allowedCidrs: ['127.0.0.0/8'] } }, { verifyTokens: ['t2'] });
    expect((await post(outside.url, turn('cidr-1'), { 'verify-token': 't2' })).status).toBe(401);
    expect((await post(inside.url, turn('cidr-2'), { 'verify-token': 't2' })).status).toBe(200);
  });

  it('keeps a bot that repeats its intent clear of Genesys loop detection (the simulator enforces it)', async () => {
    const connector = await createConnector('loop', { genesysIntegrationId: 'bc-loop' }, { verifyTokens: ['t3'] });
    answer = () => ({ body: { outputs: [{ kind: 'text', text: 'Which invoice?' }], intent: 'Billing' } });
    genesys.addBotConnectorIntegration({ id: 'bc-loop', handleUtteranceUri: connector.url, credentials: { 'verify-token': 't3' } });
    genesys.botConnector('bc-loop').setBots({ chatBots: [{ id: 'bot', name: 'Bot', versions: [{ version: '1', supportedLanguages: ['en-us'], intents: [{ name: 'Billing' }, { name: 'Billing_alt' }, { name: 'Handover' }, { name: 'Escalate' }, { name: 'EndSession' }] }] }] });
    const session = genesys.botConnector('bc-loop').startSession({ botId: 'bot', botVersion: '1' });
    const intents: string[] = [];
    for (let i = 0; i < 7; i++) {
      const result = await session.sendText(`question ${i}`);
      expect(result.status).toBe('ok');
      intents.push(result.intent ?? '');
    }
    expect(intents).toEqual(['Billing', 'Billing', 'Billing', 'Billing_alt', 'Billing_alt', 'Billing_alt', 'Billing']);
  });

  it('opens the circuit after repeated bot failures: the fallback comes at once and the bot is left alone', async () => {
    const connector = await createConnector('breaker', { fallback: { mode: 'fail' } }, { verifyTokens: ['t4'] });
    answer = () => ({ status: 500, body: { error: 'down' } });
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await answerOf(post(connector.url, turn(`cb-${i}`, 'hi', `cb-session-${i}`), { 'verify-token': 't4' })));
    expect(answers[0]).toMatchObject({ botState: 'Failed', errorInfo: { errorCode: 'BotError' } });
    expect(answers.at(-1)).toMatchObject({ botState: 'Failed', errorInfo: { errorCode: 'BotUnavailable' } });
    expect(received.length).toBeLessThan(8);
  });

  it('text-only mode numbers the choices and maps a typed number back to the postback', async () => {
    const connector = await createConnector('text-only', { capabilities: { textOnly: true } }, { verifyTokens: ['t5'] });
    answer = (request) =>
      request.input.kind === 'postback'
        ? { body: { outputs: [{ kind: 'text', text: `got ${request.input.payload}` }] } }
        : { body: { outputs: [{ kind: 'quick-replies', text: 'Pick one', options: [{ title: 'Billing', payload: 'pb:billing' }, { title: 'Support', payload: 'pb:support' }] }] } };
    const menu = await answerOf(post(connector.url, turn('to-1', 'menu', 'text-only-session'), { 'verify-token': 't5' }));
    expect(menu.replyMessages.every((reply) => reply.type === 'Text')).toBe(true);
    expect(JSON.stringify(menu.replyMessages)).toMatch(/1\. Billing.*2\. Support/);
    const picked = await answerOf(post(connector.url, turn('to-2', '2', 'text-only-session'), { 'verify-token': 't5' }));
    expect(picked.replyMessages[0].text).toBe('got pb:support');
  });
});
