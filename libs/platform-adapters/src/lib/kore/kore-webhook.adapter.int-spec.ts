import { type JwtPayload, verify } from 'jsonwebtoken';
import { type CannedResponse, type LoopbackServer, type LoopbackRequest, startLoopbackServer } from '@genesys-bridge/testing';
import { testTurn } from '../../__fixtures__/test-turn';
import { KoreWebhookAdapter } from './kore-webhook.adapter';

const CLIENT_ID = 'cs-11111111-2222-3333-4444-555555555555';
const CLIENT_SECRET = 'kore-client-secret-ABCDEFGHIJKLMNOP';
const BOT_ID = 'st-aaaa-bbbb';
const WEBHOOK_PATH = `/chatbot/v2/webhook/${BOT_ID}`;

const text = (val: unknown) => ({ type: 'text', val, createdOn: '2025-01-01T00:00:00.000Z', messageId: 'ms-1' });

function claimsOf(request: LoopbackRequest): JwtPayload {
  const [scheme, token] = String(request.headers.authorization).split(' ');
  expect(scheme).toBe('bearer');
  return verify(token, CLIENT_SECRET, { algorithms: ['HS256'] }) as JwtPayload;
}

describe('KoreWebhookAdapter (loopback Kore XO webhook v2)', () => {
  let server: LoopbackServer;
  let answer: (request: LoopbackRequest) => CannedResponse;
  let adapter: KoreWebhookAdapter;

  beforeAll(async () => {
    server = await startLoopbackServer((request) => answer(request));
    adapter = new KoreWebhookAdapter({
      webhookUrl: `${server.baseUrl}${WEBHOOK_PATH}`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      pollIntervalMs: 5,
      allowPrivateNetworks: true,
    });
  });

  beforeEach(() => {
    server.requests.length = 0;
  });

  afterAll(() => server.close());

  it('signs an HS256 JWT {sub: userId, appId: clientId} and sends the documented v2 body', async () => {
    answer = () => ({ status: 200, body: { data: [text('Hi there')], _v: 'v2', endOfTask: false } });
    const result = await adapter.sendTurn(
      testTurn({ userId: 'genesys-user-9', isNewSession: true, languageCode: 'fr-fr', parameters: { plan: 'gold' }, correlationId: 'corr-k' }),
    );
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: WEBHOOK_PATH });
    const claims = claimsOf(request);
    expect(claims).toMatchObject({ sub: 'genesys-user-9', appId: CLIENT_ID });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
    expect(request.headers['x-correlation-id']).toBe('corr-k');
    expect(request.json).toEqual({
      session: { new: true },
      message: { type: 'text', val: 'hello' },
      from: { id: 'genesys-user-9' },
      to: { id: BOT_ID },
      customData: { languageCode: 'fr-fr', plan: 'gold' },
    });
    expect(result).toEqual({ outputs: [{ kind: 'text', text: 'Hi there' }], warnings: [] });
  });

  it('sends a click as its payload and leaves customData out when there is nothing to send', async () => {
    answer = () => ({ status: 200, body: { data: [] } });
    await adapter.sendTurn(testTurn({ input: { kind: 'postback', text: 'Balance', payload: 'SHOW_BALANCE', buttonType: 'Button' } }));
    expect(server.requests[0].json).toEqual({ session: { new: false }, message: { type: 'text', val: 'SHOW_BALANCE' }, from: { id: 'user-1' }, to: { id: BOT_ID } });
  });

  it('polls while there is a pollId (2 polls), collecting every data item in order, each poll authorised', async () => {
    answer = (request) => {
      if (request.method === 'POST') return { status: 200, body: { data: [text('Checking…')], pollId: 'poll-1', _v: 'v2' } };
      if (request.path.endsWith('/poll/poll-1')) return { status: 200, body: { status: 'Inprogress', pollId: 'poll-2', _v: 'v2' } };
      if (request.path.endsWith('/poll/poll-2')) {
        return { status: 200, body: { data: [text('Your balance is 42'), text('Anything else?')], endOfTask: true, completedTaskName: 'Show Balance', _v: 'v2' } };
      }
      return { status: 400, body: { errors: [{ msg: 'No data found', code: 400 }] } };
    };
    const result = await adapter.sendTurn(testTurn({ userId: 'poller' }));
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${WEBHOOK_PATH}`,
      `GET ${WEBHOOK_PATH}/poll/poll-1`,
      `GET ${WEBHOOK_PATH}/poll/poll-2`,
    ]);
    for (const request of server.requests) expect(claimsOf(request)).toMatchObject({ sub: 'poller', appId: CLIENT_ID });
    expect(result).toEqual({
      outputs: [
        { kind: 'text', text: 'Checking…' },
        { kind: 'text', text: 'Your balance is 42' },
        { kind: 'text', text: 'Anything else?' },
      ],
      intent: 'Show Balance',
      warnings: [],
    });
  });

  it('parses a template sent as a JSON string', async () => {
    const template = {
      type: 'template',
      payload: { template_type: 'button', text: 'What next?', buttons: [{ type: 'postback', title: 'Balance', payload: 'SHOW_BALANCE' }, { type: 'web_url', title: 'Site', url: 'https://kore.test' }] },
    };
    answer = () => ({ status: 200, body: { data: [text(JSON.stringify(template))] } });
    expect((await adapter.sendTurn(testTurn())).outputs).toEqual([
      {
        kind: 'buttons',
        text: 'What next?',
        buttons: [
          { type: 'postback', title: 'Balance', payload: 'SHOW_BALANCE' },
          { type: 'url', title: 'Site', url: 'https://kore.test' },
        ],
      },
    ]);
  });

  const ROUTING = { QueueName: 'Cards', skills: 'cards,english', language: 'en', priority: '2', GenesysMetaData: { account: 'A-1' }, reason: 'lost card' };
  const EXPECTED = { queueName: 'Cards', skills: ['cards', 'english'], language: 'en', priority: 2, metadata: { account: 'A-1' }, reason: 'lost card' };

  it.each<[string, unknown]>([
    ['an object', { type: 'agent_transfer', payload: ROUTING }],
    ['a JSON string (GenesysMetaData also a string)', JSON.stringify({ type: 'agent_transfer', payload: { ...ROUTING, GenesysMetaData: JSON.stringify(ROUTING.GenesysMetaData) } })],
  ])('detects an agent_transfer item whose val is %s, and does not show it', async (_, val) => {
    answer = () => ({ status: 200, body: { data: [text('Transferring you.'), text(val)] } });
    const result = await adapter.sendTurn(testTurn());
    expect(result.handover).toEqual(EXPECTED);
    expect(result.outputs).toEqual([{ kind: 'text', text: 'Transferring you.' }]);
  });

  it('detects the end of an agent-transfer task (endOfTask + completedTaskName)', async () => {
    answer = () => ({ status: 200, body: { data: [text('One moment.')], endOfTask: true, endReason: 'Fulfilled', completedTaskName: 'Agent Transfer' } });
    expect(await adapter.sendTurn(testTurn())).toEqual({ outputs: [{ kind: 'text', text: 'One moment.' }], handover: {}, intent: 'Agent Transfer', warnings: [] });
  });

  it('does not hand over for other tasks, nor for the transfer task before it ends', async () => {
    answer = () => ({ status: 200, body: { data: [], endOfTask: true, completedTaskName: 'Show Balance' } });
    expect((await adapter.sendTurn(testTurn())).handover).toBeUndefined();
    answer = () => ({ status: 200, body: { data: [], endOfTask: false, completedTaskName: 'Agent Transfer' } });
    expect((await adapter.sendTurn(testTurn())).handover).toBeUndefined();
  });

  it.each<[string, CannedResponse, object]>([
    ['401', { status: 401, body: { errors: [{ msg: 'Invalid access token', code: 401 }], _v: 'v2' } }, { kind: 'auth', status: 401 }],
    ['429', { status: 429, body: { errors: [{ msg: 'Too many requests', code: 429 }] } }, { kind: 'http', status: 429 }],
    ['504', { status: 504, body: { errors: [{ msg: 'Gateway timeout', code: 504 }] } }, { kind: 'http', status: 504 }],
    ['an errors body with status 200', { status: 200, body: { errors: [{ msg: 'No data found', code: 400 }] } }, { kind: 'http', status: 400 }],
    ['a data field that is not an array', { status: 200, body: { data: 'hi' } }, { kind: 'invalid-response' }],
  ])('maps %s', async (_, response, expected) => {
    answer = () => response;
    await expect(adapter.sendTurn(testTurn())).rejects.toMatchObject({ platform: 'kore', ...expected });
  });

  it('includes the platform message in the error', async () => {
    answer = () => ({ status: 401, body: { errors: [{ msg: 'Invalid access token', code: 401 }] } });
    await expect(adapter.sendTurn(testTurn())).rejects.toThrow('failed with HTTP 401: Invalid access token');
  });

  it('gives up after maxPolls when Kore keeps answering with a pollId', async () => {
    const stubborn = new KoreWebhookAdapter({
      webhookUrl: `${server.baseUrl}${WEBHOOK_PATH}`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      pollIntervalMs: 1,
      maxPolls: 3,
      allowPrivateNetworks: true,
    });
    answer = () => ({ status: 200, body: { status: 'Inprogress', pollId: 'again' } });
    await expect(stubborn.sendTurn(testTurn())).rejects.toMatchObject({ kind: 'invalid-response', message: expect.stringContaining('after 3 polls') });
    expect(server.requests).toHaveLength(4);
  });
});
