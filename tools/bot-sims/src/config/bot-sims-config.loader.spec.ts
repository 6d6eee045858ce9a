import { DEFAULT_COGNIGY_URL_TOKEN } from '../cognigy/cognigy-options';
import { DEFAULT_KORE_BOT } from '../kore/kore-options';
import { loadBotSimsConfig } from './bot-sims-config.loader';

const noFile = (): string => {
  throw new Error('no file expected');
};

describe('bot-sims standalone configuration', () => {
  it('defaults to 127.0.0.1, ports 9091 / 9092, the default URLToken and bot', () => {
    const config = loadBotSimsConfig({}, noFile);
    expect(config.cognigy).toMatchObject({ host: '127.0.0.1', port: 9091, urlTokens: [DEFAULT_COGNIGY_URL_TOKEN] });
    expect(config.kore).toMatchObject({ host: '127.0.0.1', port: 9092, bots: [DEFAULT_KORE_BOT] });
  });

  it('reads ports, host, token and bot credentials from the environment', () => {
    const config = loadBotSimsConfig(
      {
        BOT_SIMS_HOST: '0.0.0.0',
        BOT_SIMS_PORT_COGNIGY: '7001',
        BOT_SIMS_PORT_KORE: '7002',
        BOT_SIMS_COGNIGY_URL_TOKEN: 'tok',
        BOT_SIMS_KORE_CLIENT_SECRET: 's3cret',
      },
      noFile,
    );
    expect(config.cognigy).toMatchObject({ host: '0.0.0.0', port: 7001, urlTokens: ['tok'] });
    expect(config.kore).toMatchObject({ host: '0.0.0.0', port: 7002, bots: [{ ...DEFAULT_KORE_BOT, clientSecret: 's3cret' }] });
  });

  it('overlays the environment on BOT_SIMS_CONFIG', () => {
    const file = JSON.stringify({ cognigy: { nesting: '_data', port: 1234 }, kore: { polling: false, bots: [{ botId: 'st-f', name: 'f', clientId: 'cs-f', clientSecret: 'x' }] } });
    const config = loadBotSimsConfig({ BOT_SIMS_CONFIG: '/cfg.json', BOT_SIMS_PORT_KORE: '0' }, () => file);
    expect(config.cognigy).toMatchObject({ nesting: '_data', port: 1234 });
    expect(config.kore).toMatchObject({ polling: false, port: 0, bots: [{ botId: 'st-f' }] });
  });

  it('sets the Kore BotKit callback URL from BOT_SIMS_KORE_BOTKIT_CALLBACK_URL, keeping other botkit options of the file', () => {
    const file = JSON.stringify({ kore: { botkit: { agentSessionIdleMs: 1000, callbackUrl: 'http://file' } } });
    const config = loadBotSimsConfig({ BOT_SIMS_CONFIG: '/cfg.json', BOT_SIMS_KORE_BOTKIT_CALLBACK_URL: 'http://127.0.0.1:3001/kore/c-1' }, () => file);
    expect(config.kore.botkit).toEqual({ agentSessionIdleMs: 1000, callbackUrl: 'http://127.0.0.1:3001/kore/c-1' });
    expect(loadBotSimsConfig({}, noFile).kore.botkit).toBeUndefined();
  });

  it('refuses bad ports and bad files', () => {
    expect(() => loadBotSimsConfig({ BOT_SIMS_PORT_KORE: 'x' }, noFile)).toThrow('BOT_SIMS_PORT_KORE');
    expect(() => loadBotSimsConfig({ BOT_SIMS_CONFIG: '/c' }, () => '{')).toThrow('not valid JSON');
    expect(() => loadBotSimsConfig({ BOT_SIMS_CONFIG: '/c' }, () => '[]')).toThrow('JSON object');
  });
});
