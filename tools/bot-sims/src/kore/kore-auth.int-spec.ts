import { koreMessage, postJson } from '../testing/http-client';
import { signKoreJwt } from './kore-jwt';
import { createKoreSim, type KoreSim } from './kore-sim';

const BOT = { botId: 'st-1b2c3d4e-0000-5000-8000-000000000001', name: 'auth bot', clientId: 'cs-auth-client', clientSecret: 'auth-secret-0123456789' };
const OTHER_APP = { clientId: 'cs-other-app', clientSecret: 'other-secret-0123456789' };

describe('Kore webhook v2 JWT auth (bot-platforms.md §B1)', () => {
  let sim: KoreSim;
  const send = (authorization: string | undefined, body = koreMessage('user-1', 'hi'), botId = BOT.botId) =>
    postJson(sim.webhookUrl(botId), body, authorization === undefined ? {} : { headers: { authorization } });
  const lastRejection = () => sim.state.requests[sim.state.requests.length - 1].rejection;

  beforeEach(async () => {
    sim = await createKoreSim({ bots: [BOT] });
  });

  afterEach(async () => {
    await sim.close();
  });

  it('accepts HS256 over {sub, appId} signed with the client secret, with a lowercase "bearer"', async () => {
    const response = await send(`bearer ${signKoreJwt(BOT, { sub: 'anything' })}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ _v: 'v2', from: BOT.botId, to: 'user-1' });
  });

  it('accepts HS512 and "Bearer"', async () => {
    expect((await send(`Bearer ${signKoreJwt(BOT, {}, { algorithm: 'HS512' })}`)).status).toBe(200);
  });

  it.each([
    ['a missing Authorization header', () => undefined, 'no Authorization header'],
    ['a wrong secret', () => `bearer ${signKoreJwt({ clientId: BOT.clientId, clientSecret: 'wrong-secret' })}`, 'invalid signature'],
    ['another app (wrong appId)', () => `bearer ${signKoreJwt(OTHER_APP)}`, 'JWT rejected'],
    ['a wrong appId signed with the right secret', () => `bearer ${signKoreJwt(BOT, { appId: 'cs-someone-else' })}`, 'appId cs-someone-else'],
    ['no appId claim', () => `bearer ${signKoreJwt(BOT, { appId: undefined })}`, 'appId undefined'],
    ['an expired token', () => `bearer ${signKoreJwt(BOT, { exp: Math.floor(Date.now() / 1000) - 60 })}`, 'jwt expired'],
    ['a garbage token', () => 'bearer not.a.jwt', 'JWT rejected'],
    ['a Basic header', () => 'Basic dXNlcjpwYXNz', 'not "bearer <JWT>"'],
  ])('refuses %s with 401 "Invalid access token"', async (_case, authorization, reason) => {
    const response = await send(authorization());
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ errors: [{ msg: 'Invalid access token', code: 401 }], _v: 'v2' });
    expect(response.body._t).toEqual(expect.any(String));
    expect(lastRejection()).toContain(reason);
    expect(sim.state.sessions).toEqual({});
  });

  it('checks userIdentity against from.id when the JWT carries one', async () => {
    const token = signKoreJwt(BOT, { userIdentity: 'user-1' });
    expect((await send(`bearer ${token}`, koreMessage('user-1', 'hi'))).status).toBe(200);
    const mismatch = await send(`bearer ${token}`, koreMessage('user-2', 'hi'));
    expect(mismatch.status).toBe(401);
    expect(lastRejection()).toContain('does not match from.id user-2');
  });

  it('only accepts the algorithms configured in jwtAlgorithms', async () => {
    sim.options.jwtAlgorithms = ['HS256'];
    expect((await send(`bearer ${signKoreJwt(BOT, {}, { algorithm: 'HS512' })}`)).status).toBe(401);
    expect((await send(`bearer ${signKoreJwt(BOT)}`)).status).toBe(200);
  });

  it('answers an unknown botId with a 404 in the Kore error shape, before auth', async () => {
    const response = await send(undefined, koreMessage('user-1', 'hi'), 'st-unknown');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ errors: [{ msg: 'Bot st-unknown not found', code: 404 }], _v: 'v2' });
  });

  it('issues valid tokens over POST /sim/token', async () => {
    const issued = await postJson<{ token: string }>(`${sim.url}/sim/token`, { claims: { userIdentity: 'user-1' } });
    expect((await send(`bearer ${issued.body.token}`)).status).toBe(200);
    expect((await postJson(`${sim.url}/sim/token`, { botId: 'st-nope' })).status).toBe(404);
  });
});
