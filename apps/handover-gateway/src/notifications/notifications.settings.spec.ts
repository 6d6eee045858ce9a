import { EnvValidationError, loadEnv } from '@genesys-bridge/config';
import { conversationsPerChannel, NotificationsSettings, topicSuffixes } from './notifications.settings';

describe('NotificationsSettings', () => {
  it('has working defaults: on, 15 s lease, five topics → 200 conversations per channel, 20 channels per client', () => {
    const settings = loadEnv(NotificationsSettings, {});
    expect(settings).toMatchObject({ NOTIFICATIONS_ENABLED: true, NOTIFICATIONS_LEASE_MS: 15_000, NOTIFICATIONS_MAX_CHANNELS_PER_CLIENT: 20, NOTIFICATIONS_CHECK_AFTER_GAP: true });
    expect(topicSuffixes(settings)).toEqual(['customer.end', 'user.end', 'acw', 'user.start', 'acd.start']);
    expect(conversationsPerChannel(settings)).toBe(200);
  });

  it('reads booleans as words (the text "false" is false) and topic lists', () => {
    const settings = loadEnv(NotificationsSettings, { NOTIFICATIONS_ENABLED: 'false', NOTIFICATIONS_CHECK_AFTER_GAP: '0', NOTIFICATIONS_TOPICS: 'customer.end,acw' });
    expect(settings.NOTIFICATIONS_ENABLED).toBe(false);
    expect(settings.NOTIFICATIONS_CHECK_AFTER_GAP).toBe(false);
    expect(conversationsPerChannel(settings)).toBe(500);
    expect(loadEnv(NotificationsSettings, { NOTIFICATIONS_ENABLED: 'TRUE' }).NOTIFICATIONS_ENABLED).toBe(true);
  });

  it('refuses what Genesys would not allow and names the variable', () => {
    for (const raw of [{ NOTIFICATIONS_ENABLED: 'maybe' }, { NOTIFICATIONS_MAX_CHANNELS_PER_CLIENT: '21' }, { NOTIFICATIONS_TOPICS: 'customer.end,flow.end' }, { NOTIFICATIONS_LEASE_MS: '10' }]) {
      const error = (() => {
        try {
          loadEnv(NotificationsSettings, raw);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(EnvValidationError);
      expect((error as EnvValidationError).problems.map((problem) => problem.variable)).toEqual(Object.keys(raw));
    }
  });
});
