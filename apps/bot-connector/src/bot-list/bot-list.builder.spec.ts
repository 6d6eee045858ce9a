import { parseConnectorSettings } from '../connectors/connector-settings.parse';
import { buildBotList, BotListLimitError } from './bot-list.builder';

const settings = (overrides: Record<string, unknown> = {}) =>
  parseConnectorSettings({
    adapter: { platform: 'cognigy', endpointBaseUrl: 'https://endpoint.example' },
    bots: [{ id: 'sales-bot', name: 'Sales', intents: [{ name: 'OrderCookie', slots: [{ name: 'Size', type: 'Integer' }] }] }],
    ...overrides,
  });

describe('buildBotList', () => {
  it('registers the bot intents, the built-in intents and their loop-guard alternates', () => {
    const [bot] = buildBotList(settings()).chatBots;
    expect(bot).toMatchObject({ id: 'sales-bot', name: 'Sales', versions: [{ version: '1', supportedLanguages: ['en-us'] }] });
    const intents = bot.versions[0].intents ?? [];
    expect(intents.map((intent) => intent.name)).toEqual(['OrderCookie', 'Handover', 'EndSession', 'Escalate', 'OrderCookie_alt', 'Handover_alt', 'EndSession_alt', 'Escalate_alt']);
    expect(intents[0].slots).toEqual({ Size: { name: 'Size', type: 'Integer' } });
    expect(intents[4].slots).toEqual({ Size: { name: 'Size', type: 'Integer' } });
  });

  it('leaves out alternates without the loop guard and the fallback intent when the fallback fails the action', () => {
    const [bot] = buildBotList(settings({ loopGuard: { enabled: false }, fallback: { mode: 'fail' } })).chatBots;
    expect(bot.versions[0].intents?.map((intent) => intent.name)).toEqual(['OrderCookie', 'Handover', 'EndSession']);
  });

  it('refuses a list over the Genesys intent limit, naming the bot', () => {
    const intents = Array.from({ length: 24 }, (_, i) => ({ name: `Intent${i}` }));
    expect(() => buildBotList(settings({ bots: [{ id: 'big', name: 'Big', intents }] }))).toThrow(BotListLimitError);
    expect(() => buildBotList(settings({ bots: [{ id: 'big', name: 'Big', intents }] }))).toThrow(/bot big: 54 intents/);
  });
});
