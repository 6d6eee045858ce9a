import jwt from 'jsonwebtoken';
import { BOTKIT_CALLBACK_AUTH_MODES } from './botkit-options';
import { callbackAuthHeaders, signBotkitSdkToken, verifyBotkitSdkAuth } from './botkit-token';

const bot = { botId: 'st-1', name: 'b', clientId: 'cs-1', clientSecret: 'secret-1' };
const decode = (token: string) => jwt.decode(token, { complete: true }) as { header: { alg: string }; payload: Record<string, unknown> };

describe('BotKit tokens (bot-platforms.md §B1, §B4)', () => {
  it('signs callbacks with header token: JWT {appId, iat} and no sub, in the app algorithm', () => {
    const { token } = callbackAuthHeaders(bot, 'token', 'HS512');
    expect(jwt.verify(token, 'secret-1', { algorithms: ['HS512'] })).toEqual({ appId: 'cs-1', iat: expect.any(Number) });
    expect(decode(token).header.alg).toBe('HS512');
  });

  it('breaks callback auth on request', () => {
    expect(callbackAuthHeaders(bot, 'apikey', 'HS256')).toEqual({ apikey: 'secret-1' });
    expect(callbackAuthHeaders(bot, 'none', 'HS256')).toEqual({});
    expect(() => jwt.verify(callbackAuthHeaders(bot, 'bad-signature', 'HS256').token, 'secret-1')).toThrow('invalid signature');
    expect(() => jwt.verify(callbackAuthHeaders(bot, 'expired', 'HS256').token, 'secret-1')).toThrow('jwt expired');
    expect(jwt.verify(callbackAuthHeaders(bot, 'wrong-app-id', 'HS256').token, 'secret-1')).toMatchObject({ appId: 'cs-1-other' });
    expect(BOTKIT_CALLBACK_AUTH_MODES).toHaveLength(6);
  });

  it('signs SDK tokens like BotKit: {appId, exp: now + 60 s}', () => {
    const { payload, header } = decode(signBotkitSdkToken(bot));
    expect(header.alg).toBe('HS256');
    expect(payload).toEqual({ appId: 'cs-1', exp: expect.any(Number), iat: expect.any(Number) });
    expect((payload.exp as number) - Math.floor(Date.now() / 1000)).toBeGreaterThan(50);
    expect(decode(signBotkitSdkToken(bot, {}, { expiresInSeconds: null })).payload).not.toHaveProperty('exp');
  });

  it('accepts a valid SDK auth header, including BotKit fractional exp', () => {
    expect(verifyBotkitSdkAuth(signBotkitSdkToken(bot), bot, 'HS256')).toMatchObject({ ok: true, claims: { appId: 'cs-1' } });
    const fractional = jwt.sign({ appId: 'cs-1', exp: Date.now() / 1000 + 60 }, 'secret-1', { noTimestamp: true });
    expect(verifyBotkitSdkAuth(fractional, bot, 'HS256').ok).toBe(true);
  });

  it.each([
    ['no header', () => undefined, 'no auth header'],
    ['an expired token', () => signBotkitSdkToken(bot, { exp: Math.floor(Date.now() / 1000) - 5 }), 'jwt expired'],
    ['no exp', () => signBotkitSdkToken(bot, {}, { expiresInSeconds: null }), 'no exp claim'],
    ['a wrong appId', () => signBotkitSdkToken(bot, { appId: 'cs-2' }), 'appId cs-2'],
    ['the wrong algorithm', () => signBotkitSdkToken(bot, {}, { algorithm: 'HS512' }), 'invalid algorithm'],
    ['a wrong secret', () => signBotkitSdkToken({ clientId: 'cs-1', clientSecret: 'other' }), 'invalid signature'],
    ['a "bearer" prefix', () => `bearer ${signBotkitSdkToken(bot)}`, 'JWT rejected'],
  ])('refuses %s', (_case, header, reason) => {
    const check = verifyBotkitSdkAuth(header(), bot, 'HS256');
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });
});
