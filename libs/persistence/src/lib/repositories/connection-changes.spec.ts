import { connectionChanges } from './connection-changes';

describe('audit record of a connection change', () => {
  it('names what a create set, secrets included, never a value', () => {
    const changes = connectionChanges({
      name: 'acme',
      genesysRegion: 'eu-west-1',
      genesysApiBaseUrl: null,
      genesysClientSecret: 'SECRET-1',
      webhookSecret: null,
      botPlatformSettings: { sendProfile: true },
      botPlatformSecrets: { urlToken: 'SECRET-2' },
    });
    expect(changes).toEqual({ name: 'set', genesysRegion: 'set', 'botPlatformSettings.sendProfile': 'set', genesysClientSecret: 'set', 'botPlatformSecrets.urlToken': 'set' });
    expect(JSON.stringify(changes)).not.toContain('SECRET');
  });

  it('names what an update changed or removed, comparing settings key by key', () => {
    const changes = connectionChanges(
      {
        genesysApiBaseUrl: null,
        webhookSecret: null,
        botPlatformSettings: { a: 1, b: { x: 2 }, c: 'same' },
        botPlatformSecrets: { old: null, next: ['k1', 'k0'] },
      },
      { botPlatformSettings: { a: 0, b: { x: 2 }, c: 'same', gone: true } },
    );
    expect(changes).toEqual({
      genesysApiBaseUrl: 'removed',
      'botPlatformSettings.a': 'changed',
      'botPlatformSettings.gone': 'removed',
      webhookSecret: 'removed',
      'botPlatformSecrets.old': 'removed',
      'botPlatformSecrets.next': 'set',
    });
  });
});
