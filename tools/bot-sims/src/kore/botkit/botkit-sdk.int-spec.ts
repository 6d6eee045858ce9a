import jwt from 'jsonwebtoken';
import { BOTKIT_BOT, startBotkitFixture, type BotkitFixture } from '../../testing/botkit-fixture';
import { requestJson } from '../../testing/http-client';
import type { BotkitPayload } from './botkit-payload.builder';
import { signBotkitSdkToken } from './botkit-token';

const INVALID_APIKEY = { errors: [{ msg: 'Invalid apikey', code: 4002 }] };

describe('Kore BotKit SDK endpoints: us → Kore (bot-platforms.md §B1, §B4)', () => {
  let fixture: BotkitFixture;
  let payload: BotkitPayload;
  const lastRejection = () => fixture.sim.state.requests.at(-1)?.rejection;

  beforeEach(async () => {
    fixture = await startBotkitFixture();
    payload = (await fixture.sim.botkitAgentTransfer({ userId: 'u-1', message: 'agent' })).payload;
  });

  afterEach(async () => {
    await fixture.close();
  });

  describe('auth header: JWT {appId, exp} signed with the app secret', () => {
    it('accepts BotKit’s own token, a fractional exp included', async () => {
      expect((await fixture.sdk('sendUserMessage', payload, { ...payload, message: 'one' })).status).toBe(200);
      const botkitStyle = jwt.sign({ appId: BOTKIT_BOT.clientId, exp: Date.now() / 1000 + 60 }, BOTKIT_BOT.clientSecret, { algorithm: 'HS256', noTimestamp: true });
      const response = await fixture.sdk('sendUserMessage', payload, { ...payload, message: 'two' }, botkitStyle);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({});
      expect(fixture.sim.botkitUser('u-1')?.shown.map((entry) => entry.text)).toEqual(['one', 'two']);
    });

    it.each([
      ['no auth header', () => null, 'no auth header'],
      ['an expired token', () => signBotkitSdkToken(BOTKIT_BOT, { exp: Math.floor(Date.now() / 1000) - 10 }), 'jwt expired'],
      ['a token without exp', () => signBotkitSdkToken(BOTKIT_BOT, {}, { expiresInSeconds: null }), 'no exp claim'],
      ['a wrong appId', () => signBotkitSdkToken(BOTKIT_BOT, { appId: 'cs-other' }), 'appId cs-other'],
      ['a wrong secret', () => signBotkitSdkToken({ clientId: BOTKIT_BOT.clientId, clientSecret: 'nope' }), 'invalid signature'],
      ['the wrong algorithm (HS512 for an HS256 app)', () => signBotkitSdkToken(BOTKIT_BOT, {}, { algorithm: 'HS512' }), 'invalid algorithm'],
      ['the webhook style "bearer <JWT>"', () => `bearer ${signBotkitSdkToken(BOTKIT_BOT)}`, 'JWT rejected'],
    ])('refuses %s with 401 Invalid apikey and shows nothing', async (_case, token, reason) => {
      const response = await fixture.sdk('sendUserMessage', payload, { ...payload, message: 'hi' }, token());
      expect(response.status).toBe(401);
      expect(response.body).toEqual(INVALID_APIKEY);
      expect(lastRejection()).toContain(reason);
      expect(fixture.sim.botkitUser('u-1')?.shown).toEqual([]);
      expect(fixture.sim.state.botkit.sdkCalls).toEqual([]);
    });

    it('follows botkit.tokenAlgorithm', async () => {
      fixture.sim.options.botkit.tokenAlgorithm = 'HS512';
      expect((await fixture.sdk('extendcallid', payload, payload, signBotkitSdkToken(BOTKIT_BOT))).status).toBe(401);
      expect((await fixture.sdk('extendcallid', payload, payload, signBotkitSdkToken(BOTKIT_BOT, {}, { algorithm: 'HS512' }))).status).toBe(200);
      expect(jwt.decode(fixture.sim.botkitSdkToken(), { complete: true })?.header.alg).toBe('HS512');
    });
  });

  it('answers 404 for an unknown bot and for a requestId Kore never issued (for that bot)', async () => {
    const unknownBot = await fixture.sdk('sendUserMessage', { ...payload, baseUrl: `${fixture.sim.url}/api/botsdk/stream/st-unknown` }, { ...payload, message: 'x' });
    expect(unknownBot.status).toBe(404);
    expect(unknownBot.body).toEqual({ errors: [{ msg: 'Bot st-unknown not found', code: 404 }] });
    const unknownRequest = await fixture.sdk('sendUserMessage', { ...payload, requestId: '1234' }, { ...payload, message: 'x' });
    expect(unknownRequest.status).toBe(404);
    expect(unknownRequest.body).toEqual({ errors: [{ msg: 'Request 1234 not found', code: 404 }] });

    const other = { ...BOTKIT_BOT, botId: 'st-other', clientId: 'cs-other' };
    fixture.sim.addBot(other);
    const foreign = await fixture.sdk('sendUserMessage', { ...payload, baseUrl: fixture.sim.botkitBaseUrl('st-other') }, { ...payload, message: 'x' }, signBotkitSdkToken(other));
    expect(foreign.status).toBe(404);
  });

  describe('sendUserMessage', () => {
    it('records what the user is shown, templates parsed', async () => {
      await fixture.sdk('sendUserMessage', payload, { ...payload, message: 'Hello, I am Grace' });
      const template = { type: 'template', payload: { template_type: 'quick_replies', text: 'Pick', quick_replies: [{ title: 'A', payload: 'a' }] } };
      await fixture.sdk('sendUserMessage', payload, { ...payload, message: 'ignored', overrideMessagePayload: { body: JSON.stringify(template), isTemplate: true } });
      expect(fixture.sim.botkitUser('u-1')?.shown).toEqual([
        expect.objectContaining({ requestId: payload.requestId, text: 'Hello, I am Grace', isTemplate: false, receivedAt: expect.any(String) }),
        expect.objectContaining({ isTemplate: true, template }),
      ]);
      expect(fixture.sim.state.botkit.sdkCalls.map((call) => [call.call, call.userId, call.requestId])).toEqual([
        ['sendUserMessage', 'u-1', payload.requestId],
        ['sendUserMessage', 'u-1', payload.requestId],
      ]);
    });

    it.each([
      ['no message', {}, 'message is required'],
      ['an empty message', { message: '' }, 'message is required'],
      ['a template body that is not JSON', { overrideMessagePayload: { body: '{oops', isTemplate: true } }, 'JSON object'],
      ['an override without a body', { message: 'x', overrideMessagePayload: { isTemplate: true } }, 'overrideMessagePayload.body'],
    ])('answers 400 for %s', async (_case, edits, msg) => {
      const { message: _message, ...withoutMessage } = payload;
      const response = await fixture.sdk('sendUserMessage', payload, { ...withoutMessage, ...edits });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ errors: [{ msg: expect.stringContaining(msg), code: 400 }] });
      expect(fixture.sim.botkitUser('u-1')?.shown).toEqual([]);
    });
  });

  it('sendBotMessage hands the user text to the bot (≤ 3000 characters)', async () => {
    const message = await fixture.sim.botkitUserMessage({ userId: 'u-1', text: 'back to the bot' });
    expect((await fixture.sdk('sendBotMessage', message.payload, message.payload)).status).toBe(200);
    expect((await fixture.sdk('sendBotMessage', message.payload, { ...message.payload, message: 'x'.repeat(3001) })).status).toBe(400);
    expect(fixture.sim.botkitUser('u-1')?.botMessages).toEqual([expect.objectContaining({ text: 'back to the bot', requestId: message.requestId })]);
  });

  it('extendcallid counts per user and per requestId', async () => {
    await fixture.sdk('extendcallid', payload);
    await fixture.sdk('extendcallid', payload);
    expect(fixture.sim.botkitUser('u-1')?.extends).toBe(2);
    expect(fixture.sim.state.botkit.requestIds[payload.requestId].extends).toBe(2);
  });

  it('getMessages returns the user’s conversation with skip/limit', async () => {
    await fixture.sdk('sendUserMessage', payload, { ...payload, message: 'Agent: hi' });
    await fixture.sim.botkitUserMessage({ userId: 'u-1', text: 'my order' });
    const all = await fixture.sdk('getMessages', payload, 'userId=u-1&skip=0&limit=20');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, moreAvailable: false });
    const messages = all.body.messages as { type: string; components: { data: { text: string } }[] }[];
    expect(messages.map((message) => [message.type, message.components[0].data.text])).toEqual([
      ['incoming', 'agent'],
      ['outgoing', 'Agent: hi'],
      ['incoming', 'my order'],
    ]);
    const page = await fixture.sdk('getMessages', payload, 'userId=u-1&skip=1&limit=1');
    expect(page.body).toMatchObject({ total: 3, moreAvailable: true, messages: [{ type: 'outgoing' }] });
    expect((await fixture.sdk('getMessages', payload, 'userId=nobody')).body).toMatchObject({ messages: [], total: 0 });
    expect((await fixture.sdk('getMessages', payload, 'skip=0')).status).toBe(400);
    const unauthenticated = await requestJson('GET', `${payload.baseUrl}/getMessages?userId=u-1`);
    expect(unauthenticated.status).toBe(401);
  });
});
