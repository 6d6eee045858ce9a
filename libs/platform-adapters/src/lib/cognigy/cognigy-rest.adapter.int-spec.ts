import { type LoopbackServer, type LoopbackRequest, startLoopbackServer } from '@genesys-bridge/testing';
import { testTurn } from '../../__fixtures__/test-turn';
import { BotPlatformError } from '../bot-platform.error';
import { CognigyRestAdapter } from './cognigy-rest.adapter';

const URL_TOKEN = 'c0ffee-url-token-0123456789';

/** Wraps outputs the way the REST endpoint does; the top-level text concatenates them and must be ignored. */
const restResponse = (outputStack: unknown[]) => ({
  text: 'CONCATENATED TOP-LEVEL TEXT',
  data: {},
  userId: 'user-1',
  sessionId: 'session-1',
  outputStack: outputStack.map((entry) => ({ traceId: 'endpoint-httpIncomingMessage-1', disableSensitiveLogging: false, source: 'bot', ...(entry as object) })),
});

describe('CognigyRestAdapter (loopback Cognigy REST endpoint)', () => {
  let server: LoopbackServer;
  let answer: (request: LoopbackRequest) => unknown;
  let adapter: CognigyRestAdapter;

  beforeAll(async () => {
    server = await startLoopbackServer((request) => ({ status: 200, body: answer(request) }));
    adapter = new CognigyRestAdapter({
      endpointBaseUrl: `${server.baseUrl}/endpoint/`,
      urlToken: URL_TOKEN,
      handoverIntents: ['TalkToHuman'],
      allowPrivateNetworks: true,
    });
  });

  beforeEach(() => {
    server.requests.length = 0;
  });

  afterAll(() => server.close());

  it('POSTs {userId, sessionId, text, data} to {endpointBaseUrl}/{urlToken} with the Genesys context in data.genesys', async () => {
    answer = () => restResponse([]);
    await adapter.sendTurn(
      testTurn({
        input: { kind: 'postback', text: 'Yes please', payload: 'YES', buttonType: 'QuickReply' },
        isNewSession: true,
        languageCode: 'en-us',
        parameters: { customerId: 'C-7' },
        correlationId: 'corr-1',
      }),
    );
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: `/endpoint/${URL_TOKEN}` });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-correlation-id']).toBe('corr-1');
    expect(request.json).toEqual({
      userId: 'user-1',
      sessionId: 'session-1',
      text: 'YES',
      data: { buttonText: 'Yes please', buttonType: 'QuickReply', genesys: { isNewSession: true, languageCode: 'en-us', parameters: { customerId: 'C-7' } } },
    });
  });

  it('returns every outputStack entry in order, reading both _cognigy nestings, never the top-level text', async () => {
    answer = () =>
      restResponse([
        { text: 'First', data: {} },
        {
          text: 'Pick one',
          data: { _cognigy: { _default: { _quickReplies: { type: 'quick_replies', text: 'Pick one', quickReplies: [{ contentType: 'postback', title: 'A', payload: 'a' }] } } } },
        },
        { text: '', data: { _data: { _cognigy: { _default: { _image: { type: 'image', imageUrl: 'https://cdn.test/x.png' } } } } } },
        { text: 'Last', data: null },
      ]);
    const result = await adapter.sendTurn(testTurn());
    expect(result).toEqual({
      outputs: [
        { kind: 'text', text: 'First' },
        { kind: 'quick-replies', text: 'Pick one', options: [{ title: 'A', payload: 'a' }] },
        { kind: 'media', mediaType: 'Image', url: 'https://cdn.test/x.png' },
        { kind: 'text', text: 'Last' },
      ],
      warnings: [],
    });
    expect(JSON.stringify(result)).not.toContain('CONCATENATED');
  });

  const HANDOVER_ROUTING = { QueueName: 'Billing', skills: ['billing'], language: 'de', priority: 3, GenesysMetaData: '{"caseId":"C-1","vip":true}', reason: 'asked' };
  const EXPECTED_HANDOVER = { queueName: 'Billing', skills: ['billing'], language: 'de', priority: 3, metadata: { caseId: 'C-1', vip: true }, reason: 'asked' };

  it.each<[string, Record<string, unknown>]>([
    ['data.handover', { handover: HANDOVER_ROUTING }],
    ['data.parameters.command = handover', { replymessages: [], parameters: { command: 'handover', ...HANDOVER_ROUTING } }],
    ['a configured handover intent', { intent: 'TalkToHuman', parameters: HANDOVER_ROUTING }],
    ['top-level GenesysMetaData/QueueName from an agent-transfer node', { ...HANDOVER_ROUTING }],
  ])('detects a handover from %s; the signal output is not shown', async (_, data) => {
    answer = () => restResponse([{ text: 'Let me get someone.', data: {} }, { text: null, data }]);
    const result = await adapter.sendTurn(testTurn());
    expect(result.handover).toEqual(EXPECTED_HANDOVER);
    expect(result.outputs).toEqual([{ kind: 'text', text: 'Let me get someone.' }]);
    expect(result.endSession).toBeUndefined();
  });

  it('shows the text of a handover output that has one, and keeps the first handover of a turn', async () => {
    answer = () =>
      restResponse([
        { text: 'Connecting you now', data: { handover: { queueName: 'First' } } },
        { text: '', data: { handover: { queueName: 'Second' } } },
      ]);
    const result = await adapter.sendTurn(testTurn());
    expect(result.outputs).toEqual([{ kind: 'text', text: 'Connecting you now' }]);
    expect(result.handover).toEqual({ queueName: 'First' });
    expect(result.warnings).toEqual(['outputStack[1]: a second handover request in one turn was ignored']);
  });

  it('ends the session on data.parameters.command = end and reports data.intent', async () => {
    answer = () => restResponse([{ text: 'Bye!', data: { intent: 'Goodbye', parameters: { command: 'end' } } }]);
    expect(await adapter.sendTurn(testTurn())).toEqual({ outputs: [{ kind: 'text', text: 'Bye!' }], endSession: true, intent: 'Goodbye', warnings: [] });
  });

  it.each<[string, unknown]>([
    ['no outputStack', { text: 'hi', data: {} }],
    ['an outputStack that is not an array', { outputStack: { text: 'hi' } }],
    ['a JSON array', []],
  ])('fails with invalid-response on %s', async (_, body) => {
    answer = () => body;
    const error = await adapter.sendTurn(testTurn()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BotPlatformError);
    expect(error).toMatchObject({ platform: 'cognigy', kind: 'invalid-response', message: expect.stringContaining('without an outputStack array') });
  });

  it('skips entries that are not objects with a warning', async () => {
    answer = () => ({ outputStack: ['junk', { text: 'ok' }] });
    expect(await adapter.sendTurn(testTurn())).toEqual({ outputs: [{ kind: 'text', text: 'ok' }], warnings: ['outputStack[0] is not an object; skipped'] });
  });
});
