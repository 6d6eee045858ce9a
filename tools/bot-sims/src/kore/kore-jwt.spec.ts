import jwt from 'jsonwebtoken';
import { signKoreJwt, verifyKoreJwt } from './kore-jwt';

const bot = { botId: 'st-1', name: 'b', clientId: 'cs-1', clientSecret: 'secret-1' };

describe('Kore JWT', () => {
  it('signs {sub, appId} with HS256 by default', () => {
    const token = signKoreJwt(bot, { sub: 'me' });
    expect(jwt.decode(token, { complete: true })).toMatchObject({ header: { alg: 'HS256' }, payload: { sub: 'me', appId: 'cs-1', iat: expect.any(Number) } });
    expect(jwt.decode(signKoreJwt(bot, {}, { algorithm: 'HS512', expiresInSeconds: 60 }), { complete: true })).toMatchObject({
      header: { alg: 'HS512' },
      payload: { exp: expect.any(Number) },
    });
  });

  it('verifies a bearer token against the bot app', () => {
    expect(verifyKoreJwt(`bearer ${signKoreJwt(bot)}`, bot, ['HS256'])).toMatchObject({ ok: true, claims: { appId: 'cs-1' } });
  });

  it.each([
    [undefined, 'no Authorization header'],
    ['Bearer', 'not "bearer <JWT>"'],
    [`bearer ${signKoreJwt({ clientId: 'cs-1', clientSecret: 'other' })}`, 'invalid signature'],
    [`bearer ${signKoreJwt(bot, { appId: 'cs-2' })}`, 'appId cs-2'],
    [`bearer ${signKoreJwt(bot, {}, { algorithm: 'HS512' })}`, 'invalid algorithm'],
    [`bearer ${signKoreJwt(bot, { userIdentity: 'someone' })}`, 'userIdentity someone'],
  ])('refuses %s', (authorization, reason) => {
    const check = verifyKoreJwt(authorization, bot, ['HS256'], 'user-1');
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });
});
