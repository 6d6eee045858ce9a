import { COOKIE_BOT, startBotFixture, type BotFixture } from '../testing/bot-fixture';

const BOTS = '/api/v2/integrations/botconnector/bc-1/bots';

interface ErrorBody {
  code: string;
  message: string;
  details: { errorCode: string; fieldName: string }[];
}

const bot = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Bot ${id}`,
  versions: [{ version: 'v1', supportedLanguages: ['en-us'], intents: [{ name: 'Escalate' }] }],
  ...extra,
});

describe('bot list API (PUT/GET /api/v2/integrations/botconnector/{integrationId}/bots)', () => {
  let fixture: BotFixture;

  beforeEach(async () => {
    fixture = await startBotFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('replaces the list with PUT (204) and serves it, one bot, its versions and the summaries', async () => {
    const second = bot('faq-bot', { description: 'Answers questions', versions: ['v1', 'v2', 'v3'].map((version) => ({ version, supportedLanguages: ['fr'], intents: [] })) });
    expect((await fixture.api.call('PUT', BOTS, { chatBots: [COOKIE_BOT, second] })).status).toBe(204);

    const list = await fixture.api.call<{ chatBots: Record<string, unknown>[] }>('GET', BOTS);
    expect(list.status).toBe(200);
    expect(list.body.chatBots).toEqual([
      { ...COOKIE_BOT, selfUri: `${BOTS}/cookie-bot` },
      { ...second, selfUri: `${BOTS}/faq-bot` },
    ]);
    expect((await fixture.api.call('GET', `${BOTS}/faq-bot`)).body).toMatchObject({ id: 'faq-bot', versions: [{ version: 'v1' }, { version: 'v2' }, { version: 'v3' }] });
    expect((await fixture.api.call('GET', `${BOTS}/faq-bot?version=v2`)).body).toMatchObject({ id: 'faq-bot', versions: [{ version: 'v2' }] });
    expect((await fixture.api.call('GET', `${BOTS}/faq-bot?version=v9`)).status).toBe(404);
    expect((await fixture.api.call('GET', `${BOTS}/nope`)).status).toBe(404);

    const versions = await fixture.api.call('GET', `${BOTS}/faq-bot/versions?pageSize=2`);
    expect(versions.body).toMatchObject({
      entities: [
        { id: 'faq-bot', name: 'Bot faq-bot', description: 'Answers questions', version: 'v1' },
        { id: 'faq-bot', version: 'v2' },
      ],
      pageSize: 2,
      pageNumber: 1,
      total: 3,
      pageCount: 2,
      nextUri: `${BOTS}/faq-bot/versions?pageSize=2&pageNumber=2`,
    });
    const summaries = await fixture.api.call('GET', `${BOTS}/summaries`);
    expect(summaries.body).toMatchObject({
      entities: [
        { id: 'cookie-bot', name: 'CookieBot', description: 'Orders cookies' },
        { id: 'faq-bot', name: 'Bot faq-bot', description: 'Answers questions' },
      ],
      total: 2,
    });

    expect((await fixture.api.call('PUT', BOTS, { chatBots: [second] })).status).toBe(204);
    expect(fixture.sim.botConnector('bc-1').bots().chatBots.map((entry) => entry.id)).toEqual(['faq-bot']);
    expect(() => fixture.sim.botConnector('bc-1').startSession({ botId: 'cookie-bot', botVersion: 'Delta' })).toThrow(/not in the bot list/);
  });

  it.each([
    ['more than 50 bots', { chatBots: Array.from({ length: 51 }, (_, i) => bot(`b${i}`)) }, 'chatBots'],
    ['more than 50 versions', { chatBots: [bot('b', { versions: Array.from({ length: 51 }, (_, i) => ({ version: `v${i}`, supportedLanguages: [], intents: [] })) })] }, 'chatBots[0].versions'],
    [
      'more than 50 intents',
      { chatBots: [bot('b', { versions: [{ version: 'v', supportedLanguages: [], intents: Array.from({ length: 51 }, (_, i) => ({ name: `i${i}` })) }] })] },
      'chatBots[0].versions[0].intents',
    ],
    [
      'more than 50 slots',
      {
        chatBots: [
          bot('b', {
            versions: [
              { version: 'v', supportedLanguages: [], intents: [{ name: 'i', slots: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`s${i}`, { name: `s${i}`, type: 'String' }])) }] },
            ],
          }),
        ],
      },
      'chatBots[0].versions[0].intents[0].slots',
    ],
    ['a 101-character bot name', { chatBots: [bot('b', { name: 'n'.repeat(101) })] }, 'chatBots[0].name'],
    ['a name with trailing whitespace', { chatBots: [bot('b', { name: 'Bot ' })] }, 'chatBots[0].name'],
    ['a 257-character description', { chatBots: [bot('b', { description: 'd'.repeat(257) })] }, 'chatBots[0].description'],
    [
      'an unknown slot type',
      { chatBots: [bot('b', { versions: [{ version: 'v', supportedLanguages: [], intents: [{ name: 'i', slots: { when: { name: 'when', type: 'Date' } } }] }] })] },
      'chatBots[0].versions[0].intents[0].slots.when.type',
    ],
  ])('answers 400 naming the field for %s, and keeps the previous list', async (_name, body, field) => {
    const response = await fixture.api.call<ErrorBody>('PUT', BOTS, body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('bad.request');
    expect(response.body.details).toEqual([expect.objectContaining({ errorCode: 'invalid.value', fieldName: field })]);
    expect(response.body.message).toContain(field);
    expect(fixture.sim.botConnector('bc-1').bots().chatBots).toEqual([COOKIE_BOT]);
  });

  it('needs a Bearer token, and 404s for unknown or non-v1 integrations', async () => {
    expect((await fixture.api.raw('GET', BOTS)).status).toBe(401);
    expect((await fixture.api.raw('PUT', BOTS, { chatBots: [] })).status).toBe(401);
    expect((await fixture.api.call('GET', '/api/v2/integrations/botconnector/nope/bots')).status).toBe(404);
    expect((await fixture.api.call('PUT', '/api/v2/integrations/botconnector/dbc-1/bots', { chatBots: [] })).status).toBe(404);
  });

  it('accepts the same list in-process (setBots) and over the control API', async () => {
    fixture.sim.botConnector('bc-1').setBots({ chatBots: [bot('in-process')] });
    expect((await fixture.api.call<{ chatBots: { id: string }[] }>('GET', BOTS)).body.chatBots.map((entry) => entry.id)).toEqual(['in-process']);
    expect(() => fixture.sim.botConnector('bc-1').setBots({ chatBots: [bot('b', { name: ' padded' })] })).toThrow(/chatBots\[0\]\.name/);
    expect((await fixture.api.raw('PUT', '/sim/bot-connector/integrations/bc-1/bots', { chatBots: [bot('over-http')] })).status).toBe(204);
    expect(fixture.sim.botConnector('bc-1').bots().chatBots.map((entry) => entry.id)).toEqual(['over-http']);
  });
});
