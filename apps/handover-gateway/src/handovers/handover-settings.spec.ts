import { handoverSettingsOf, MAX_NOTICE_LENGTH } from './handover-settings';

const settingsOf = (botPlatformSettings: unknown) => handoverSettingsOf({ botPlatformSettings: botPlatformSettings as Record<string, unknown> });

const DEFAULTS = {
  sendProfile: false,
  notices: { userJoined: null, userLeft: null },
  showAgentProfile: false,
  relayGenesysBotMessages: false,
  dropUnsupportedContent: false,
};

describe('handoverSettingsOf', () => {
  it('turns every feature off and sends no notices by default', () => {
    expect(settingsOf({})).toEqual(DEFAULTS);
    expect(settingsOf(null)).toEqual(DEFAULTS);
    expect(settingsOf(undefined)).toEqual(DEFAULTS);
  });

  it('reads every setting when it is given properly', () => {
    expect(
      settingsOf({
        sendProfile: true,
        handoverNotices: { userJoined: 'User joined the conversation', userLeft: 'User left the conversation' },
        showAgentProfile: true,
        relayGenesysBotMessages: true,
        dropUnsupportedContent: true,
      }),
    ).toEqual({
      sendProfile: true,
      notices: { userJoined: 'User joined the conversation', userLeft: 'User left the conversation' },
      showAgentProfile: true,
      relayGenesysBotMessages: true,
      dropUnsupportedContent: true,
    });
  });

  it.each<[string, unknown]>([
    ['the string "true"', 'true'],
    ['the string "yes"', 'yes'],
    ['1', 1],
    ['an object', { enabled: true }],
    ['an array', [true]],
  ])('never turns a feature on for %s', (_what, value) => {
    expect(settingsOf({ sendProfile: value, showAgentProfile: value, relayGenesysBotMessages: value, dropUnsupportedContent: value })).toEqual(DEFAULTS);
  });

  it('keeps each flag apart: one on leaves the others off', () => {
    expect(settingsOf({ relayGenesysBotMessages: true })).toEqual({ ...DEFAULTS, relayGenesysBotMessages: true });
    expect(settingsOf({ showAgentProfile: true, sendProfile: false })).toEqual({ ...DEFAULTS, showAgentProfile: true });
  });

  it('trims notice texts and sends none for a blank or non-string text', () => {
    expect(settingsOf({ handoverNotices: { userJoined: '  Joined  ', userLeft: '   ' } }).notices).toEqual({ userJoined: 'Joined', userLeft: null });
    expect(settingsOf({ handoverNotices: { userJoined: true, userLeft: 42 } }).notices).toEqual({ userJoined: null, userLeft: null });
    expect(settingsOf({ handoverNotices: { userJoined: { text: 'Joined' } } }).notices).toEqual({ userJoined: null, userLeft: null });
  });

  it('ignores handoverNotices that is not an object', () => {
    expect(settingsOf({ handoverNotices: 'User joined' }).notices).toEqual({ userJoined: null, userLeft: null });
    expect(settingsOf({ handoverNotices: ['User joined', 'User left'] }).notices).toEqual({ userJoined: null, userLeft: null });
  });

  it('cuts a notice at MAX_NOTICE_LENGTH characters, after trimming', () => {
    const long = `  ${'a'.repeat(MAX_NOTICE_LENGTH - 1)}bcd  `;
    const notice = settingsOf({ handoverNotices: { userLeft: long } }).notices.userLeft;
    expect(MAX_NOTICE_LENGTH).toBe(500);
    expect(notice).toHaveLength(MAX_NOTICE_LENGTH);
    expect(notice).toBe(`${'a'.repeat(MAX_NOTICE_LENGTH - 1)}b`);
    const exact = 'x'.repeat(MAX_NOTICE_LENGTH);
    expect(settingsOf({ handoverNotices: { userJoined: exact } }).notices.userJoined).toBe(exact);
  });
});
