import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConnectorSettingsError, parseConnectorSettings } from './connector-settings.parse';

const example = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../../../docs/examples', name), 'utf8')).settings;

describe('parseConnectorSettings', () => {
  it.each(['connector.cognigy.json', 'connector.kore.json'])('accepts the documented example %s and fills in defaults', (file) => {
    const settings = parseConnectorSettings(example(file));
    expect(settings.timeBudgetMs).toBe(7_000);
    expect(settings.loopGuard).toMatchObject({ enabled: true, maxRepeats: 3 });
    expect(settings.bots[0].supportedLanguages).toEqual(['en-us']);
  });

  it('names every bad field by its path', () => {
    try {
      parseConnectorSettings({ adapter: { platform: 'watson' }, timeBudgetMs: 5, bots: [{ id: ' padded', name: 'x', intents: [{ name: '' }] }], auth: { allowedCidrs: ['everywhere'] }, surprise: true });
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConnectorSettingsError);
      const paths = (error as InvalidConnectorSettingsError).problems.map((problem) => problem.path);
      expect(paths).toEqual(expect.arrayContaining(['adapter.platform', 'timeBudgetMs', 'bots.0.id', 'bots.0.intents.0.name', 'auth.allowedCidrs', 'surprise']));
    }
  });

  it('requires at least one bot', () => {
    expect(() => parseConnectorSettings({ adapter: { platform: 'generic', url: 'https://bot.example/turn' }, bots: [] })).toThrow(/bots/);
  });
});
