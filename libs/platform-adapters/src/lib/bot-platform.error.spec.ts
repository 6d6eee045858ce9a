import { inspect } from 'node:util';
import { BotPlatformError, isBotPlatformError, redactSecrets } from './bot-platform.error';

describe('BotPlatformError', () => {
  it('serialises its fields and nothing else', () => {
    const error = new BotPlatformError({ platform: 'kore', kind: 'auth', status: 401, code: '401', message: 'kore webhook POST h failed' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'BotPlatformError',
      platform: 'kore',
      kind: 'auth',
      status: 401,
      code: '401',
      message: 'kore webhook POST h failed',
    });
    expect(isBotPlatformError(error)).toBe(true);
    expect(isBotPlatformError(new Error('x'))).toBe(false);
    expect(inspect(error)).not.toContain('[cause]');
  });
});

describe('redactSecrets', () => {
  it('removes raw and percent-encoded occurrences', () => {
    const secret = 'tok/with+special=chars';
    const text = `path /${encodeURIComponent(secret)} and raw ${secret}`;
    expect(redactSecrets(text, [secret])).toBe('path /[redacted] and raw [redacted]');
  });

  it('ignores missing and very short values', () => {
    expect(redactSecrets('a b c', [undefined, 'b', ''])).toBe('a b c');
  });
});
