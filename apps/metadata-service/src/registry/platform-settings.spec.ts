import { mergeSettings, platformSettingsProblems } from './platform-settings';

describe('connection settings', () => {
  it("accepts the settings the apps read with their types, and keys it does not know", () => {
    expect(
      platformSettingsProblems({
        endpointBaseUrl: 'https://endpoint.example',
        botKitClientId: 'cs-123',
        botKitBotIds: ['st-1'],
        sendProfile: true,
        handoverNotices: { userJoined: 'User joined the conversation', userLeft: null },
        fallbackQueueName: 'Support',
        fallbackQueueId: 'b8f6c2a0-0000-4000-8000-000000000000',
        openMessagingDeploymentName: 'web-prod',
        somethingNew: { any: ['thing'] },
      }),
    ).toEqual([]);
  });

  it('refuses mistyped known settings by path', () => {
    const problems = platformSettingsProblems({
      sendProfile: 'yes',
      fallbackQueueName: '',
      resolveQueues: 'on',
      handoverNotices: { userJoined: 5, other: 'x' },
      botKitBotIds: 'st-1',
      endpointBaseUrl: 'not a url',
      customCallbackUrl: 42,
      'bad key': true,
    });
    expect(problems.map((p) => p.path)).toEqual([
      'botPlatformSettings.sendProfile',
      'botPlatformSettings.fallbackQueueName',
      'botPlatformSettings.resolveQueues',
      'botPlatformSettings.handoverNotices',
      'botPlatformSettings.botKitBotIds',
      'botPlatformSettings.endpointBaseUrl',
      'botPlatformSettings.customCallbackUrl',
      'botPlatformSettings.bad key',
    ]);
    expect(problems[0].problems).toEqual(['must be true or false']);
    expect(problems[3].problems[0]).toMatch(/unknown field\(s\) other/);
  });

  it('refuses settings larger than 64 KiB', () => {
    expect(platformSettingsProblems({ blob: 'x'.repeat(70_000) }).map((p) => p.path)).toEqual(['botPlatformSettings']);
  });

  it('merges a patch at the top level: null removes a key, objects are replaced whole', () => {
    expect(mergeSettings({ a: 1, b: { x: 1, y: 2 }, c: true }, { a: null, b: { x: 3 }, d: 'new' })).toEqual({ b: { x: 3 }, c: true, d: 'new' });
  });
});
