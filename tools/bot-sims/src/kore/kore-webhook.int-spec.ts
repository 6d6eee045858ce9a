import { koreMessage, postJson } from '../testing/http-client';
import { startKoreFixture, templateOf, type KoreFixture } from '../testing/kore-fixture';

describe('Kore webhook v2 sync mode (bot-platforms.md §B2, §B3)', () => {
  let fixture: KoreFixture;
  let say: KoreFixture['say'];

  beforeEach(async () => {
    fixture = await startKoreFixture();
    say = fixture.say;
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('answers {to, from, data:[{type, val, createdOn, messageId}], _v:"v2", endOfTask}', async () => {
    const response = await say('user-1', 'multi');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['_v', 'data', 'endOfTask', 'from', 'to']);
    expect(response.body).toMatchObject({ to: 'user-1', from: fixture.sim.options.bots[0].botId, _v: 'v2', endOfTask: false });
    expect(response.body.data).toHaveLength(3);
    for (const item of response.body.data) {
      expect(Object.keys(item).sort()).toEqual(['createdOn', 'messageId', 'type', 'val']);
      expect(item.messageId).toMatch(/^ms-/);
      expect(Number.isNaN(Date.parse(item.createdOn))).toBe(false);
    }
    expect(response.body.data.slice(0, 2).map((item) => [item.type, item.val])).toEqual([
      ['text', 'First message.'],
      ['text', 'Second message.'],
    ]);
  });

  it('sends templates as a JSON string by default and as an object with templateEncoding "object"', async () => {
    const asString = (await say('user-1', 'buttons')).body.data[0];
    expect(asString.type).toBe('text');
    expect(typeof asString.val).toBe('string');
    const parsed = JSON.parse(asString.val as string) as { type: string; payload: { template_type: string; buttons: unknown[] } };
    expect(parsed).toMatchObject({ type: 'template', payload: { template_type: 'button', text: 'How can I help?' } });
    expect(parsed.payload.buttons).toEqual([
      { type: 'postback', title: 'Order status', payload: 'pb:order-status' },
      { type: 'web_url', title: 'Help center', url: 'https://example.com/help' },
    ]);

    fixture.sim.options.templateEncoding = 'object';
    const asObject = (await say('user-1', 'buttons')).body.data[0];
    expect(asObject.val).toEqual(parsed);
  });

  it('lets a rule or an output choose the template encoding', async () => {
    const template = { type: 'image', payload: { url: 'https://example.com/a.png' } };
    fixture.sim.setScript([
      { match: { text: 'rule' }, templateEncoding: 'object', outputs: [{ template }] },
      { match: { text: 'output' }, templateEncoding: 'object', outputs: [{ template, encoding: 'string' }] },
    ]);
    expect((await say('u', 'rule')).body.data[0].val).toEqual(template);
    expect((await say('u', 'output')).body.data[0].val).toBe(JSON.stringify(template));
  });

  it('marks template items with type "template" when templateItemType is "template" (UNCONFIRMED)', async () => {
    fixture.sim.options.templateItemType = 'template';
    const { data } = (await say('u', 'photo')).body;
    expect(data[0].type).toBe('template');
    expect((await say('u', 'hello')).body.data[0].type).toBe('text');
  });

  it('serves every Web SDK template of the default script', async () => {
    const first = async (text: string) => templateOf((await say('u', text)).body.data[0].val);
    expect(await first('menu')).toMatchObject({ type: 'template', payload: { template_type: 'quick_replies', quick_replies: expect.any(Array) } });
    const list = await first('list');
    expect(list).toMatchObject({ type: 'template', AlwaysShowGlobalButtons: false, payload: { template_type: 'list' } });
    expect((list.payload as { elements: unknown[] }).elements.length).toBeLessThanOrEqual(4);
    const carousel = await first('cards');
    expect(carousel).toMatchObject({ type: 'template', payload: { template_type: 'carousel' } });
    expect((carousel.payload as { elements: { buttons: unknown[] }[] }).elements.every((element) => element.buttons.length <= 3)).toBe(true);
    expect(await first('photo')).toEqual({ type: 'image', payload: { url: 'https://example.com/img/cat.jpg' } });
    expect(await first('video')).toEqual({ type: 'video', payload: { url: 'https://example.com/media/intro.mp4' } });
    expect(await first('video message')).toEqual({ type: 'message', payload: { text: '', videoUrl: 'https://example.com/media/intro.mp4' } });
    expect(await first('audio')).toEqual({ type: 'message', payload: { text: '', audioUrl: 'https://example.com/media/greeting.mp3' } });
    expect((await say('u', 'text')).body.data[0]).toMatchObject({ type: 'text', val: 'This is a plain text answer.' });
  });

  it('routes a postback payload (sent back as text) to a confirmation echoing it', async () => {
    const menu = templateOf((await say('u', 'menu')).body.data[0].val) as { payload: { quick_replies: { payload: string }[] } };
    const clicked = await say('u', menu.payload.quick_replies[1].payload);
    expect(clicked.body.data[0].val).toBe('You selected pb:support');
  });

  it('reports the end of a task with endReason, completedTaskId and completedTaskName', async () => {
    const response = await say('u', 'bye');
    expect(response.body).toMatchObject({ endOfTask: true, endReason: 'Fulfilled', completedTaskId: 'dg-goodbye-0001', completedTaskName: 'Goodbye' });
  });

  it('answers ON_CONNECT with the welcome and counts sessions started with session.new', async () => {
    const welcome = await say('user-9', 'ON_CONNECT', { message: { type: 'event' }, session: { new: true } });
    expect(welcome.body.data[0].val).toBe('Welcome! I am the Kore simulator.');
    await say('user-9', 'hello');
    await say('user-9', 'hello', { session: { new: true } });
    const session = fixture.sim.session('user-9');
    expect(session).toMatchObject({ active: true, sessionCount: 2, botId: fixture.sim.options.bots[0].botId });
    expect(session?.userInfo).toMatchObject({ firstName: 'Ada' });
    expect(session?.turns.map((turn) => turn.rule)).toEqual(['welcome', 'greeting', 'greeting']);
  });

  it('replies to SESSION_CLOSURE with SESSION_CLOSURE_SUCCESS, then SESSION_CLOSURE_IGNORED', async () => {
    await say('user-2', 'hello');
    const closure = { message: { type: 'event' } };
    const closed = await say('user-2', 'SESSION_CLOSURE', closure);
    expect(closed.status).toBe(200);
    expect(closed.body.data).toEqual([
      {
        type: 'event',
        val: 'SESSION_CLOSURE',
        eventType: 'SESSION_CLOSURE_SUCCESS',
        description: expect.any(String),
        createdOn: expect.any(String),
        messageId: expect.stringMatching(/^ms-/),
      },
    ]);
    expect(fixture.sim.session('user-2')).toMatchObject({ active: false, closedAt: expect.any(String) });
    expect((await say('user-2', 'SESSION_CLOSURE', closure)).body.data[0].eventType).toBe('SESSION_CLOSURE_IGNORED');
    expect((await say('never-seen', 'SESSION_CLOSURE', closure)).body.data[0].eventType).toBe('SESSION_CLOSURE_IGNORED');

    await say('user-2', 'hello');
    expect(fixture.sim.session('user-2')).toMatchObject({ active: true, sessionCount: 2 });
  });

  it.each([
    ['from.id is missing', { from: {} }, 'from.id'],
    ['message is missing', { message: undefined }, 'message is required'],
    ['message.type is unknown', { message: { type: 'sticker' } }, 'message.type'],
    ['a text message has an empty val', { message: { type: 'text', val: '' } }, 'message.val'],
    ['attachments come with an event', { message: { type: 'event', val: 'ON_CONNECT', attachments: [{ url: 'https://x' }] } }, 'attachments'],
  ])('answers 400 when %s', async (_case, overrides, expected) => {
    const body = { ...koreMessage('u', 'hello'), ...overrides };
    const response = await postJson(fixture.sim.webhookUrl(), body, { headers: { authorization: `bearer ${fixture.token}` } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ code: 400, msg: expect.stringContaining(expected) }], _v: 'v2' });
  });

  it('accepts attachments on a text message with a val and records customData', async () => {
    const response = await say('u', 'hello', { message: { attachments: [{ url: 'https://example.com/x.png' }] }, customData: { plan: 'pro' } });
    expect(response.status).toBe(200);
    expect(fixture.sim.session('u')?.customData).toEqual({ plan: 'pro' });
    expect(fixture.sim.state.requests[0].body).toMatchObject({ message: { attachments: [{ url: 'https://example.com/x.png' }] } });
    expect(fixture.sim.state.requests[0].headers.authorization).toBe(`bearer ${fixture.token}`);
  });
});
