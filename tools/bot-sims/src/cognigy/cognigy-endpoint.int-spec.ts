import { postJson, requestJson } from '../testing/http-client';
import { COGNIGY_DEFAULT_GENESYS_HANDOVER, COGNIGY_DEFAULT_HANDOVER } from './cognigy-default-script';
import type { CognigyRestResponse } from './cognigy-output.builder';
import { createCognigySim, type CognigySim } from './cognigy-sim';

type Body = Record<string, unknown>;

describe('Cognigy REST endpoint (bot-platforms.md §A2, §A5)', () => {
  let sim: CognigySim;
  const say = (text: string | undefined, extra: Body = {}) =>
    postJson<CognigyRestResponse>(sim.endpointUrl(), { userId: 'user-1', sessionId: 'session-1', ...(text === undefined ? {} : { text }), ...extra });
  const richOf = (entry: { data: Body }): Body => (entry.data._cognigy as { _default: Body })._default;

  beforeEach(async () => {
    sim = await createCognigySim({ urlTokens: ['token-abc'] });
  });

  afterEach(async () => {
    await sim.close();
  });

  it.each([
    ['userId is missing', { sessionId: 's', text: 'hi' }, 'userId'],
    ['sessionId is missing', { userId: 'u', text: 'hi' }, 'sessionId'],
    ['neither text nor data is given', { userId: 'u', sessionId: 's' }, 'text or data'],
    ['text is empty and data absent', { userId: 'u', sessionId: 's', text: '' }, 'text or data'],
    ['userId is not a string', { userId: 42, sessionId: 's', text: 'hi' }, 'userId'],
  ])('answers 400 when %s', async (_case, body, expected) => {
    const response = await postJson(sim.endpointUrl(), body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.message).toContain(expected);
  });

  it('answers 404 for an unknown URLToken and records the attempt', async () => {
    const response = await postJson(`${sim.url}/not-a-token`, { userId: 'u', sessionId: 's', text: 'hi' });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404 });
    expect(sim.state.requests.map((request) => [request.url, request.status])).toEqual([['/not-a-token', 404]]);
    expect(sim.state.sessions).toEqual({});
  });

  it('returns one outputStack entry per output and concatenates the top-level text', async () => {
    const response = await say('multi');
    expect(response.status).toBe(200);
    const { outputStack, ...top } = response.body;
    expect(top).toMatchObject({ text: 'First message. Second message. And a picture:', userId: 'user-1', sessionId: 'session-1' });
    expect(outputStack).toHaveLength(3);
    for (const entry of outputStack) {
      expect(Object.keys(entry).sort()).toEqual(['data', 'disableSensitiveLogging', 'source', 'text', 'traceId']);
      expect(entry).toMatchObject({ disableSensitiveLogging: false, source: 'bot' });
      expect(entry.traceId).toMatch(/^endpoint-httpIncomingMessage-/);
    }
    expect(outputStack.map((entry) => entry.text)).toEqual(['First message.', 'Second message.', 'And a picture:']);
    expect(richOf(outputStack[2])._image).toEqual({ type: 'image', imageUrl: 'https://example.com/img/dog.jpg', imageAltText: 'A dog' });
  });

  it('nests rich output under data._cognigy._default by default and under data._data._cognigy._default with nesting "_data"', async () => {
    const standard = await say('menu');
    const [entry] = standard.body.outputStack;
    expect(entry.text).toBe('What can I help you with?');
    expect(Object.keys(entry.data)).toEqual(['_cognigy']);
    expect(richOf(entry)._quickReplies).toMatchObject({ type: 'quick_replies', text: 'What can I help you with?' });

    sim.options.nesting = '_data';
    const nested = await say('menu');
    const [nestedEntry] = nested.body.outputStack;
    expect(Object.keys(nestedEntry.data)).toEqual(['_data']);
    const block = (nestedEntry.data._data as { _cognigy: { _default: Body } })._cognigy._default;
    expect(block._quickReplies).toEqual(richOf(entry)._quickReplies);
  });

  it('serves every _default rich type of the default script', async () => {
    const firstBlock = async (text: string): Promise<Body> => richOf((await say(text)).body.outputStack[0]);
    const menu = (await firstBlock('menu'))._quickReplies as { quickReplies: Body[] };
    expect(menu.quickReplies.map((reply) => reply.contentType)).toEqual(['postback', 'postback', 'phone_number']);
    const buttons = (await firstBlock('buttons'))._buttons as { type: string; buttons: Body[] };
    expect(buttons.type).toBe('buttons');
    expect(buttons.buttons.map((button) => button.type)).toEqual(['postback', 'web_url', 'phone_number']);
    expect(buttons.buttons[1]).toMatchObject({ url: 'https://example.com/help', target: '_blank' });
    const gallery = (await firstBlock('cards'))._gallery as { type: string; items: Body[] };
    expect(gallery.type).toBe('carousel');
    expect(gallery.items).toHaveLength(2);
    expect(gallery.items[0]).toMatchObject({ title: 'Pizza', imageUrl: expect.any(String), buttons: expect.any(Array) });
    expect(await firstBlock('list')).toEqual({ _list: expect.objectContaining({ type: 'list', items: expect.any(Array), button: expect.any(Object) }) });
    expect(await firstBlock('photo')).toEqual({ _image: expect.objectContaining({ type: 'image', imageUrl: expect.any(String) }) });
    expect(await firstBlock('video')).toEqual({ _video: expect.objectContaining({ type: 'video', videoUrl: expect.any(String) }) });
    expect(await firstBlock('audio')).toEqual({ _audio: expect.objectContaining({ type: 'audio', audioUrl: expect.any(String) }) });
    expect(await firstBlock('adaptive')).toEqual({ _adaptiveCard: expect.objectContaining({ type: 'adaptiveCard', adaptiveCard: expect.any(Object) }) });
  });

  it('sends files as data.attachments, or as a _default._attachment block with attachments "_attachment"', async () => {
    const [asData] = (await say('file')).body.outputStack;
    expect(asData.text).toBe('Here is your invoice.');
    expect(asData.data).toEqual({
      attachments: [{ name: 'invoice-42.pdf', url: 'https://example.com/files/invoice-42.pdf', type: 'file', caption: 'Invoice 42' }],
    });

    sim.options.attachments = '_attachment';
    const [asBlock] = (await say('file')).body.outputStack;
    expect(asBlock.data).not.toHaveProperty('attachments');
    expect(richOf(asBlock)._attachment).toEqual({ type: 'attachment', attachments: asData.data.attachments });
  });

  it('gives data-only input the flow text DATA_ONLY_MESSAGE_<20 characters>', async () => {
    const response = await say(undefined, { data: { orderId: 7 } });
    expect(response.status).toBe(200);
    expect(response.body.text).toMatch(/^Received data \{"orderId":7\} as DATA_ONLY_MESSAGE_[A-Za-z0-9]{20}$/);
    const [turn] = sim.session('session-1')?.turns ?? [];
    expect(turn.input).toMatchObject({ dataOnly: true, data: { orderId: 7 } });
    expect(turn.input.text).toMatch(/^DATA_ONLY_MESSAGE_[A-Za-z0-9]{20}$/);
  });

  it('routes a postback payload to a confirmation that echoes it', async () => {
    const menu = await say('menu');
    const quickReplies = (richOf(menu.body.outputStack[0])._quickReplies as { quickReplies: { payload: string }[] }).quickReplies;
    const clicked = await say(quickReplies[0].payload);
    expect(clicked.body.text).toBe('You selected pb:billing');
    expect(sim.session('session-1')?.turns.map((turn) => turn.rule)).toEqual(['quick replies', 'postback']);
  });

  it('signals a handover with data.handover (nested GenesysMetaData) after the farewell text', async () => {
    const { outputStack } = (await say('agent')).body;
    expect(outputStack.map((entry) => entry.text)).toEqual(['Let me connect you to a human agent.', null]);
    expect(outputStack[1].data).toEqual({ handover: COGNIGY_DEFAULT_HANDOVER });
    expect(outputStack[1].data.handover).toMatchObject({
      QueueName: 'Support',
      skills: ['Billing', 'French'],
      language: 'fr',
      priority: 5,
      GenesysMetaData: { customer: { tier: 'gold' } },
      reason: expect.any(String),
    });
  });

  it('also signals the Genesys endpoint convention data.parameters.command = "handover"', async () => {
    const { outputStack } = (await say('escalate')).body;
    expect(outputStack[1].data).toEqual(COGNIGY_DEFAULT_GENESYS_HANDOVER);
    expect(outputStack[1].data).toMatchObject({ replymessages: [], parameters: { command: 'handover', QueueName: 'Billing', priority: 3 } });
  });

  it('echoes unknown input through the fallback rule and answers an empty outputStack when no rule matches', async () => {
    expect((await say('something else')).body.text).toBe('You said: something else');
    sim.setScript([{ match: { text: 'only this' }, outputs: [{ text: 'ok' }] }]);
    const silent = await say('something else');
    expect(silent.status).toBe(200);
    expect(silent.body).toMatchObject({ text: null, data: {}, outputStack: [] });
  });

  it('refuses a body that is not JSON with a 4xx', async () => {
    const response = await requestJson('POST', sim.endpointUrl(), { headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
