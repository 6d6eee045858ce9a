import { DEFAULT_SEED, loadSimConfig } from './sim-config.loader';

const noFile = (): string => {
  throw new Error('no file expected');
};

describe('loadSimConfig', () => {
  it('defaults to 127.0.0.1:9090 with a seeded client, integration and queues', () => {
    const config = loadSimConfig({}, noFile);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 9090 });
    expect(config.clients).toEqual([{ clientId: DEFAULT_SEED.clientId, clientSecret: DEFAULT_SEED.clientSecret }]);
    expect(config.integrations?.[0]?.id).toBe(DEFAULT_SEED.integrationId);
    expect(config.queues?.map((queue) => queue?.name)).toEqual(DEFAULT_SEED.queues);
  });

  it('takes host, port and seed credentials from the environment', () => {
    const config = loadSimConfig(
      { SIM_HOST: '0.0.0.0', SIM_PORT: '9191', SIM_CLIENT_ID: 'id', SIM_CLIENT_SECRET: 'secret', SIM_WEBHOOK_URL: 'http://h/w' },
      noFile,
    );
    expect(config).toMatchObject({ host: '0.0.0.0', port: 9191, clients: [{ clientId: 'id', clientSecret: 'secret' }] });
    expect(config.integrations?.[0]?.outboundNotificationWebhookUrl).toBe('http://h/w');
  });

  it('reads SIM_CONFIG as JSON options; the file seed replaces the default one', () => {
    const file = JSON.stringify({ port: 7000, queues: [{ name: 'Only' }], webhook: { retryIntervalMs: 100 } });
    const config = loadSimConfig({ SIM_CONFIG: '/etc/sim.json' }, (path) => (path === '/etc/sim.json' ? file : ''));
    expect(config).toMatchObject({ port: 7000, queues: [{ name: 'Only' }], webhook: { retryIntervalMs: 100 } });
  });

  it('explains bad input', () => {
    expect(() => loadSimConfig({ SIM_PORT: 'abc' }, noFile)).toThrow(/SIM_PORT/);
    expect(() => loadSimConfig({ SIM_CONFIG: 'x.json' }, () => '{nope')).toThrow(/not valid JSON/);
  });
});
