import type { HostResolver } from '@genesys-bridge/platform-adapters';
import { callbackUrlProblems, urlFields, type UrlBearingState } from './callback-urls';

const state = (settings: Record<string, unknown>, overrides: Partial<UrlBearingState> = {}): UrlBearingState => ({
  genesysApiBaseUrl: null,
  genesysLoginBaseUrl: null,
  botPlatformSettings: settings,
  ...overrides,
});

/** public.example → public address, internal.example → private, anything else does not resolve. */
const resolve: HostResolver = async (host) => {
  if (host === 'public.example') return [{ address: '93.184.215.14', family: 4 }];
  if (host === 'internal.example') return [{ address: '10.1.2.3', family: 4 }];
  throw new Error('ENOTFOUND');
};

describe('tenant callback URLs', () => {
  it('finds the Genesys overrides and every *Url setting at any depth', () => {
    const found = urlFields(
      state({ endpointBaseUrl: 'https://a', nested: { callbackUrl: 'https://b', list: [{ notifyUrl: 'https://c' }] }, urlish: 'x', sendProfile: true }, { genesysApiBaseUrl: 'https://api', genesysLoginBaseUrl: 'https://login' }),
    );
    expect([...found.keys()]).toEqual(['genesysApiBaseUrl', 'genesysLoginBaseUrl', 'botPlatformSettings.endpointBaseUrl', 'botPlatformSettings.nested.callbackUrl', 'botPlatformSettings.nested.list.0.notifyUrl']);
  });

  it('refuses private, loopback, link-local and non-https destinations with the field path', async () => {
    const problems = await callbackUrlProblems(
      state(
        {
          endpointBaseUrl: 'https://127.0.0.1/endpoint',
          metadataUrl: 'https://169.254.169.254/latest',
          plainUrl: 'http://public.example/x',
          internalUrl: 'https://internal.example/hook',
          missingUrl: 'https://nowhere.example/',
          okUrl: 'https://public.example/hook',
        },
        { genesysLoginBaseUrl: 'https://[::1]:9090' },
      ),
      null,
      resolve,
    );
    expect(problems.map((p) => p.path)).toEqual([
      'genesysLoginBaseUrl',
      'botPlatformSettings.endpointBaseUrl',
      'botPlatformSettings.metadataUrl',
      'botPlatformSettings.plainUrl',
      'botPlatformSettings.internalUrl',
      'botPlatformSettings.missingUrl',
    ]);
    expect(problems[1].problems[0]).toBe('127.0.0.1 is a private, loopback or reserved address; set botPlatformSettings.allowPrivateCallbackUrls: true to allow it for this connection');
    expect(problems[5].problems[0]).toBe('nowhere.example does not resolve');
    expect(JSON.stringify(problems)).not.toContain('/endpoint'); // host only: a path may carry a token
  });

  it('allows private destinations (and http) when the connection says so', async () => {
    expect(await callbackUrlProblems(state({ allowPrivateCallbackUrls: true, endpointBaseUrl: 'http://127.0.0.1:9091' }), null, resolve)).toEqual([]);
  });

  it('checks only new or changed URLs, and all of them again when private URLs stop being allowed', async () => {
    const before = state({ allowPrivateCallbackUrls: true, endpointBaseUrl: 'http://127.0.0.1:9091' });
    const unchanged = state({ allowPrivateCallbackUrls: true, endpointBaseUrl: 'http://127.0.0.1:9091', sendProfile: true });
    expect(await callbackUrlProblems(unchanged, before, resolve)).toEqual([]);
    const revoked = state({ endpointBaseUrl: 'http://127.0.0.1:9091' });
    expect((await callbackUrlProblems(revoked, before, resolve)).map((p) => p.path)).toEqual(['botPlatformSettings.endpointBaseUrl']);
  });
});
