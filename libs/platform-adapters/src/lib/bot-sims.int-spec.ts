import {
  COGNIGY_DEFAULT_GENESYS_HANDOVER,
  COGNIGY_DEFAULT_HANDOVER,
  type CognigySim,
  createCognigySim,
  createKoreSim,
  DEFAULT_COGNIGY_URL_TOKEN,
  DEFAULT_KORE_BOT,
  KORE_DEFAULT_HANDOVER,
  type KoreSim,
} from '@genesys-bridge/bot-sims';
import { testTurn } from '../__fixtures__/test-turn';
import { type BotTurnRequest } from './bot-platform.adapter';
import { createAdapter } from './create-adapter';

const say = (text: string, overrides: Partial<BotTurnRequest> = {}) => testTurn({ input: { kind: 'text', text }, ...overrides });

/** The handover the adapters should produce from the simulators' routing payloads (GenesysMetaData object or string). */
const expectedHandover = (routing: typeof COGNIGY_DEFAULT_HANDOVER | typeof KORE_DEFAULT_HANDOVER) => ({
  queueName: routing.QueueName,
  skills: routing.skills,
  language: routing.language,
  priority: routing.priority,
  metadata: typeof routing.GenesysMetaData === 'string' ? JSON.parse(routing.GenesysMetaData) : routing.GenesysMetaData,
  reason: routing.reason,
});

describe('CognigyRestAdapter against the Cognigy simulator', () => {
  let sim: CognigySim;
  const adapter = () => createAdapter({ platform: 'cognigy', endpointBaseUrl: sim.url, urlToken: DEFAULT_COGNIGY_URL_TOKEN, allowPrivateNetworks: true });

  beforeAll(async () => {
    sim = await createCognigySim();
  });

  afterEach(() => {
    sim.options.nesting = '_cognigy';
  });

  afterAll(() => sim.close());

  it('returns every output of a multi-output turn', async () => {
    const result = await adapter().sendTurn(say('multi'));
    expect(result.outputs).toEqual([
      { kind: 'text', text: 'First message.' },
      { kind: 'text', text: 'Second message.' },
      { kind: 'text', text: 'And a picture:' },
      { kind: 'media', mediaType: 'Image', url: 'https://example.com/img/dog.jpg' },
    ]);
    expect(result.handover).toBeUndefined();
  });

  it.each(['_cognigy', '_data'] as const)('reads rich output nested under %s', async (nesting) => {
    sim.options.nesting = nesting;
    expect((await adapter().sendTurn(say('photo'))).outputs).toEqual([{ kind: 'media', mediaType: 'Image', url: 'https://example.com/img/cat.jpg' }]);
  });

  it('hands over on data.handover with the routing and metadata', async () => {
    const result = await adapter().sendTurn(say('agent'));
    expect(result.outputs).toEqual([{ kind: 'text', text: 'Let me connect you to a human agent.' }]);
    expect(result.handover).toEqual(expectedHandover(COGNIGY_DEFAULT_HANDOVER));
  });

  it("hands over on the Genesys endpoint's parameters.command convention", async () => {
    const { command: _command, QueueName, ...rest } = COGNIGY_DEFAULT_GENESYS_HANDOVER.parameters;
    const result = await adapter().sendTurn(say('escalate'));
    expect(result.outputs).toEqual([{ kind: 'text', text: 'Transferring you now.' }]);
    expect(result.handover).toEqual({ queueName: QueueName, ...rest });
  });

  it('sends a click as its payload', async () => {
    const result = await adapter().sendTurn(testTurn({ input: { kind: 'postback', text: 'Billing', payload: 'pb:billing', buttonType: 'QuickReply' } }));
    expect(result.outputs).toEqual([{ kind: 'text', text: 'You selected pb:billing' }]);
  });

  it.each([
    ['boom', { kind: 'http', status: 500 }],
    ['drop', { kind: 'unreachable' }],
  ])('maps the simulated failure "%s"', async (text, expected) => {
    await expect(adapter().sendTurn(say(text))).rejects.toMatchObject({ platform: 'cognigy', ...expected });
  });

  it('times out on a hanging bot when the budget runs out', async () => {
    await expect(adapter().sendTurn(say('hang', { signal: AbortSignal.timeout(150) }))).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('reports a wrong URL token as an http error without the token in it', async () => {
    const wrong = createAdapter({ platform: 'cognigy', endpointBaseUrl: sim.url, urlToken: 'wrong-token-1234567', allowPrivateNetworks: true });
    const error = await wrong.sendTurn(say('hi')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 404 });
    expect(JSON.stringify(error)).not.toContain('wrong-token-1234567');
  });
});

describe('KoreWebhookAdapter against the Kore simulator', () => {
  let sim: KoreSim;
  const adapter = (clientSecret = DEFAULT_KORE_BOT.clientSecret) =>
    createAdapter({ platform: 'kore', webhookUrl: sim.webhookUrl(), clientId: DEFAULT_KORE_BOT.clientId, clientSecret, pollIntervalMs: 50, allowPrivateNetworks: true });

  beforeAll(async () => {
    sim = await createKoreSim();
  });

  afterEach(() => {
    sim.options.templateEncoding = 'string';
  });

  afterAll(() => sim.close());

  it('is accepted by the JWT check and gets the answer', async () => {
    expect((await adapter().sendTurn(say('hi'))).outputs).toEqual([
      { kind: 'text', text: 'Hello from the Kore simulator! Try: buttons, menu, list, cards, photo, video, audio, multi, backend, agent.' },
    ]);
  });

  it('maps a wrong client secret to auth', async () => {
    await expect(adapter('not-the-secret-123').sendTurn(say('hi'))).rejects.toMatchObject({ kind: 'auth', status: 401 });
  });

  it('polls a slow backend until the last message', async () => {
    const result = await adapter().sendTurn(say('backend', { userId: 'kore-poller' }));
    expect(result.outputs).toEqual([
      { kind: 'text', text: 'Let me check that for you…' },
      { kind: 'text', text: 'Your balance is 42.00 EUR.' },
      { kind: 'text', text: 'Anything else?' },
    ]);
    expect(result.intent).toBe('Show Balance');
  });

  it.each(['string', 'object'] as const)('parses a button template sent as a %s', async (encoding) => {
    sim.options.templateEncoding = encoding;
    const [output] = (await adapter().sendTurn(say('buttons'))).outputs;
    expect(output).toEqual({
      kind: 'buttons',
      text: 'How can I help?',
      buttons: [
        { type: 'postback', title: 'Order status', payload: 'pb:order-status' },
        { type: 'url', title: 'Help center', url: 'https://example.com/help' },
      ],
    });
  });

  it.each([
    ['agent', 'an agent_transfer item'],
    ['agent string', 'an agent_transfer item with GenesysMetaData as a string'],
    ['agent task', 'the end of the Agent Transfer task'],
  ])('hands over on "%s" (%s)', async (text) => {
    const result = await adapter().sendTurn(say(text));
    expect(result.outputs).toEqual([{ kind: 'text', text: 'Let me connect you to a human agent.' }]);
    expect(result.handover).toEqual(expectedHandover(KORE_DEFAULT_HANDOVER));
  });

  it.each([
    ['boom', { kind: 'http', status: 500 }],
    ['unavailable', { kind: 'http', status: 503 }],
    ['drop', { kind: 'unreachable' }],
  ])('maps the simulated failure "%s"', async (text, expected) => {
    await expect(adapter().sendTurn(say(text))).rejects.toMatchObject({ platform: 'kore', ...expected });
  });

  it('times out on a slow bot when the budget runs out', async () => {
    await expect(adapter().sendTurn(say('slow', { signal: AbortSignal.timeout(150) }))).rejects.toMatchObject({ kind: 'timeout' });
  });
});
