import { CognigyRestAdapter } from './cognigy/cognigy-rest.adapter';
import { type AdapterConfig, createAdapter } from './create-adapter';
import { GenericWebhookAdapter } from './generic/generic-webhook.adapter';
import { KoreWebhookAdapter } from './kore/kore-webhook.adapter';

describe('createAdapter', () => {
  it('builds the adapter of each platform', () => {
    const cognigy = createAdapter({ platform: 'cognigy', endpointBaseUrl: 'https://endpoint.test', urlToken: 'tok-123456' });
    const kore = createAdapter({ platform: 'kore', webhookUrl: 'https://bots.kore.test/chatbot/v2/webhook/st-1', clientId: 'cs-1', clientSecret: 'secret-123' });
    const generic = createAdapter({ platform: 'generic', url: 'https://bot.test/turn' });
    expect(cognigy).toBeInstanceOf(CognigyRestAdapter);
    expect(kore).toBeInstanceOf(KoreWebhookAdapter);
    expect(generic).toBeInstanceOf(GenericWebhookAdapter);
    expect([cognigy.platform, kore.platform, generic.platform]).toEqual(['cognigy', 'kore', 'generic']);
  });

  it.each<[string, AdapterConfig]>([
    ['a Cognigy base URL that is not a URL', { platform: 'cognigy', endpointBaseUrl: 'endpoint.test', urlToken: 'tok-SECRET-1' }],
    ['a missing Cognigy URL token', { platform: 'cognigy', endpointBaseUrl: 'https://endpoint.test', urlToken: '' }],
    ['a Kore URL of the wrong shape', { platform: 'kore', webhookUrl: 'https://bots.kore.test/hooks/st-1', clientId: 'cs-1', clientSecret: 'kore-SECRET-2' }],
    ['a missing Kore secret', { platform: 'kore', webhookUrl: 'https://bots.kore.test/chatbot/v2/webhook/st-1', clientId: 'cs-1', clientSecret: '' }],
    ['a generic URL that is not a URL', { platform: 'generic', url: '/turn', bearerToken: 'bearer-SECRET-3' }],
  ])('refuses %s with a TypeError that names no secret', (_, config) => {
    let thrown: unknown;
    try {
      createAdapter(config);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).not.toMatch(/SECRET/);
  });

  it('refuses an unknown platform', () => {
    expect(() => createAdapter({ platform: 'dialogflow' } as unknown as AdapterConfig)).toThrow('unknown bot platform "dialogflow"');
  });
});
