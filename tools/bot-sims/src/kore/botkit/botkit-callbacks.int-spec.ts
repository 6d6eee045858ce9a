import jwt from 'jsonwebtoken';
import { BOTKIT_BOT, startBotkitFixture, type BotkitFixture } from '../../testing/botkit-fixture';
import { postJson } from '../../testing/http-client';
import type { BotkitPayload } from './botkit-payload.builder';

describe('Kore BotKit callbacks: Kore → our callback URL (bot-platforms.md §B4)', () => {
  let fixture: BotkitFixture;
  const lastCall = () => fixture.receiver.received[fixture.receiver.received.length - 1];

  beforeEach(async () => {
    fixture = await startBotkitFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('posts on_agent_transfer to {callbackUrl}/sdk/bots/{botId}/on_agent_transfer with token: JWT {appId, iat}', async () => {
    fixture.receiver.respond = () => ({ status: 200, body: { outcome: 'handover-started' }, headers: { supportsMessageAck: 'true' } });
    const result = await fixture.sim.botkitAgentTransfer({ userId: 'u-1', message: 'agent', metaInfo: { GenesysMetaData: '{"QueueName":"Support"}' } });

    expect(result).toMatchObject({ status: 200, body: { outcome: 'handover-started' }, headers: { supportsmessageack: 'true' }, requestId: expect.stringMatching(/^\d{13,}$/) });
    const call = lastCall();
    expect(call.method).toBe('POST');
    expect(call.url).toBe(`/kore/conn-1/sdk/bots/${BOTKIT_BOT.botId}/on_agent_transfer`);
    expect(call.headers['content-type']).toBe('application/json');
    expect(jwt.verify(call.headers.token as string, BOTKIT_BOT.clientSecret, { algorithms: ['HS256'] })).toEqual({ appId: BOTKIT_BOT.clientId, iat: expect.any(Number) });
    expect(call.headers.apikey).toBeUndefined();
    expect(call.body).toEqual(result.payload);
  });

  it('sends the §B4 payload: url fields under {sim}/api/botsdk/stream/{botId}, user in context and channel', async () => {
    const { payload, requestId } = await fixture.sim.botkitAgentTransfer({ userId: 'u-1', message: 'agent', metaTags: { sessionMetaTags: [{ name: 'vip', value: 'yes' }] } });
    const base = `${fixture.sim.url}/api/botsdk/stream/${BOTKIT_BOT.botId}`;
    expect(fixture.sim.botkitBaseUrl()).toBe(base);
    expect(payload).toMatchObject({
      requestId,
      botId: BOTKIT_BOT.botId,
      baseUrl: base,
      callbackUrl: `${base}/serviceCallback/${requestId}`,
      sendUserMessageUrl: `${base}/sendUserMessage/${requestId}`,
      sendBotMessageUrl: `${base}/sendBotMessage/${requestId}`,
      message: 'agent',
      agent_transfer: false,
      metaTags: { sessionMetaTags: [{ name: 'vip', value: 'yes' }] },
      context: {
        botid: BOTKIT_BOT.botId,
        history: expect.arrayContaining([expect.objectContaining({ type: 'agentTransfer' })]),
        session: { UserContext: { _id: 'u-1', firstName: 'Ada' }, opts: { userId: 'u-1', streamId: BOTKIT_BOT.botId } },
      },
      channel: { type: 'rtm', from: 'u-1', botLanguage: 'en', channelInfos: { from: 'u-1', type: 'rtm', body: 'agent', botInfo: { taskBotId: BOTKIT_BOT.botId } } },
    });
    expect(fixture.sim.state.botkit.requestIds[requestId]).toMatchObject({ botId: BOTKIT_BOT.botId, userId: 'u-1', event: 'on_agent_transfer' });
    expect(fixture.sim.botkitUser('u-1')?.agentSession).toMatchObject({ active: true, startedBy: 'on_agent_transfer' });
  });

  it('gives every message a fresh requestId on the same baseUrl, and posts on_bot_message and on_event', async () => {
    const transfer = await fixture.sim.botkitAgentTransfer({ userId: 'u-1' });
    const message = await fixture.sim.botkitUserMessage({ userId: 'u-1', text: 'hello agent', attachments: [{ fileName: 'a.png' }] });
    const bot = await fixture.sim.botkitBotMessage({ userId: 'u-1', text: 'bot says' });
    const event = await fixture.sim.botkitEvent({ userId: 'u-1', event: { type: 'close' } });

    expect(new Set([transfer.requestId, message.requestId, bot.requestId, event.requestId]).size).toBe(4);
    expect(message.payload).toMatchObject({ baseUrl: transfer.payload.baseUrl, message: 'hello agent', agent_transfer: true, messageObject: { body: 'hello agent', attachments: [{ fileName: 'a.png' }] } });
    expect(event.payload).toMatchObject({ event: { type: 'close' }, agent_transfer: true });
    expect(fixture.receiver.received.map((call) => call.url.split('/').pop())).toEqual(['on_agent_transfer', 'on_user_message', 'on_bot_message', 'on_event']);
    expect(fixture.sim.state.botkit.callbacks.map((callback) => [callback.event, callback.status])).toEqual([
      ['on_agent_transfer', 200],
      ['on_user_message', 200],
      ['on_bot_message', 200],
      ['on_event', 200],
    ]);
  });

  it.each([
    ['apikey', (headers: Record<string, unknown>) => expect(headers).toMatchObject({ apikey: BOTKIT_BOT.clientSecret })],
    ['none', (headers: Record<string, unknown>) => expect(headers.token ?? headers.apikey).toBeUndefined()],
    ['expired', (headers: Record<string, unknown>) => expect(() => jwt.verify(headers.token as string, BOTKIT_BOT.clientSecret)).toThrow('jwt expired')],
    ['bad-signature', (headers: Record<string, unknown>) => expect(() => jwt.verify(headers.token as string, BOTKIT_BOT.clientSecret)).toThrow('invalid signature')],
    ['wrong-app-id', (headers: Record<string, unknown>) => expect(jwt.verify(headers.token as string, BOTKIT_BOT.clientSecret)).toMatchObject({ appId: `${BOTKIT_BOT.clientId}-other` })],
  ] as const)('can send a broken callback auth: %s (option or per call)', async (mode, check) => {
    fixture.sim.options.botkit.callbackAuth = mode;
    await fixture.sim.botkitUserMessage({ userId: 'u', text: 'x' });
    check(lastCall().headers);
    fixture.sim.options.botkit.callbackAuth = 'token';
    await fixture.sim.botkitUserMessage({ userId: 'u', text: 'x', callbackAuth: mode });
    check(lastCall().headers);
  });

  it('signs callbacks with HS512 when the app uses it', async () => {
    fixture.sim.options.botkit.tokenAlgorithm = 'HS512';
    await fixture.sim.botkitUserMessage({ userId: 'u', text: 'x' });
    expect(jwt.decode(lastCall().headers.token as string, { complete: true })?.header.alg).toBe('HS512');
  });

  it('accepts SDK calls the gateway makes before it acks the callback (requestId and agent session are live)', async () => {
    fixture.receiver.respond = async (call) => {
      const received = call.body as BotkitPayload;
      const shown = await fixture.sdk('sendUserMessage', received, { ...received, message: 'An Agent will be assigned to you shortly!!!' });
      return { status: 200, body: { shownStatus: shown.status } };
    };
    const result = await fixture.sim.botkitAgentTransfer({ userId: 'u-1' });
    expect(result.body).toEqual({ shownStatus: 200 });
    expect(fixture.sim.botkitUser('u-1')?.shown).toEqual([expect.objectContaining({ text: 'An Agent will be assigned to you shortly!!!', requestId: result.requestId })]);
  });

  it('records what the gateway answered, also for errors', async () => {
    fixture.receiver.respond = () => ({ status: 401, body: { errors: [{ msg: 'Invalid apikey', code: 4002 }] } });
    const result = await fixture.sim.botkitAgentTransfer({ userId: 'u-1', callbackAuth: 'none' });
    expect(result).toMatchObject({ status: 401, body: { errors: [{ code: 4002 }] } });
    expect(fixture.sim.state.botkit.callbacks[0]).toMatchObject({ status: 401, response: { errors: [{ code: 4002 }] }, headers: {} });
  });

  it('uses a bot’s own botkitCallbackUrl, refuses without any URL (400) and reports an unreachable gateway (502)', async () => {
    fixture.sim.addBot({ ...BOTKIT_BOT, botId: 'st-2', botkitCallbackUrl: `${fixture.receiver.url}/kore/conn-2/` });
    await fixture.sim.botkitUserMessage({ botId: 'st-2', userId: 'u', text: 'x' });
    expect(lastCall().url).toBe('/kore/conn-2/sdk/bots/st-2/on_user_message');

    fixture.sim.options.botkit.callbackUrl = null;
    await expect(fixture.sim.botkitAgentTransfer({ userId: 'u' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('botkit.callbackUrl') });
    await expect(fixture.sim.botkitAgentTransfer({ botId: 'st-nope', userId: 'u' })).rejects.toMatchObject({ status: 404 });

    fixture.sim.options.botkit.callbackUrl = 'http://127.0.0.1:9/kore/down';
    await expect(fixture.sim.botkitUserMessage({ userId: 'u', text: 'x' })).rejects.toMatchObject({ status: 502 });
    expect(fixture.sim.state.botkit.callbacks.at(-1)).toMatchObject({ url: 'http://127.0.0.1:9/kore/down/sdk/bots/' + BOTKIT_BOT.botId + '/on_user_message', error: expect.any(String) });
  });

  it('runs the same over /sim/botkit and issues SDK tokens over /sim/botkit/sdk-token', async () => {
    const transfer = await postJson<{ status: number; requestId: string; payload: BotkitPayload }>(`${fixture.sim.url}/sim/botkit/agent-transfer`, { userId: 'u-9', message: 'help' });
    expect(transfer.status).toBe(200);
    expect(transfer.body).toMatchObject({ status: 200, payload: { channel: { from: 'u-9' }, message: 'help' } });
    const message = await postJson(`${fixture.sim.url}/sim/botkit/user-message`, { userId: 'u-9', text: 'hi' });
    expect(message.body).toMatchObject({ payload: { agent_transfer: true } });
    expect((await postJson(`${fixture.sim.url}/sim/botkit/event`, { userId: 'u-9' })).status).toBe(400);
    expect((await postJson(`${fixture.sim.url}/sim/botkit/user-message`, { text: 'no user' })).status).toBe(400);

    const { body } = await postJson<{ token: string }>(`${fixture.sim.url}/sim/botkit/sdk-token`, {});
    const shown = await fixture.sdk('sendUserMessage', transfer.body.payload, { ...transfer.body.payload, message: 'Agent here' }, body.token);
    expect(shown.status).toBe(200);
    expect(fixture.sim.botkitUser('u-9')?.shown.map((entry) => entry.text)).toEqual(['Agent here']);
  });
});
