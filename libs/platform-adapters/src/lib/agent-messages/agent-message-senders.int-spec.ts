import { createHmac, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { type CognigySim, createCognigySim } from '@genesys-bridge/bot-sims';
import { type LoopbackAnswer, type LoopbackRequest, type LoopbackServer, startLoopbackServer, unusedLoopbackPort, waitFor } from '@genesys-bridge/testing';
import { verify } from 'jsonwebtoken';
import { BotPlatformError } from '../bot-platform.error';
import { type PlatformHttpOptions } from '../http/platform-http';
import { verifyBotKitToken } from '../kore/botkit/botkit-token';
import { KoreBotKitSender } from '../kore/botkit/kore-botkit.sender';
import { classifyAgentMessageFailure } from './agent-message-failure';
import { type AgentMessage, type AgentMessageSender } from './agent-message.sender';
import { CognigyNotifySender } from './cognigy-notify.sender';
import { GenericCallbackSender } from './generic-callback.sender';

const HMAC_SECRET = 'callback-hmac-SECRET-0001';
const BEARER = 'callback-bearer-SECRET-0002';
const URL_TOKEN = 'cognigy-url-token-SECRET-0003';
const BOTKIT_CLIENT_ID = 'cs-7d3f0c1e-0000-4000-8000-000000000001';
const BOTKIT_SECRET = 'botkit-client-SECRET-0004';
const REQUEST_ID = '1501244156289';

const agentText = (text: string, overrides: Partial<AgentMessage> = {}): AgentMessage => ({
  messageId: 'genesys-msg-1',
  from: { type: 'agent', name: 'Ann' },
  content: { outputs: [{ kind: 'text', text }] },
  signal: AbortSignal.timeout(5_000),
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<BotPlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BotPlatformError);
  return error as BotPlatformError;
}

function signatureIsValid(request: LoopbackRequest): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', HMAC_SECRET).update(request.bodyText).digest('base64')}`);
  const received = Buffer.from(String(request.headers['x-bridge-signature']));
  return expected.length === received.length && timingSafeEqual(expected, received);
}

describe('agent-message senders (loopback receivers)', () => {
  let server: LoopbackServer;
  let answer: (request: LoopbackRequest) => LoopbackAnswer;

  beforeAll(async () => {
    server = await startLoopbackServer((request) => answer(request));
  });

  beforeEach(() => {
    server.requests.length = 0;
    answer = () => ({ status: 204 });
  });

  afterAll(() => server.close());

  const generic = (options: Partial<PlatformHttpOptions & { hmacSecret: string; bearerToken: string; callbackUrl: string }> = {}) =>
    new GenericCallbackSender({
      callbackUrl: `${server.baseUrl}/agent-messages?tenant=t1`,
      handoverId: 'handover-1',
      conversationId: 'bot-conv-1',
      hmacSecret: HMAC_SECRET,
      bearerToken: BEARER,
      allowPrivateNetworks: true,
      ...options,
    });
  const cognigy = (options: Partial<PlatformHttpOptions & { urlToken: string; typingNotify: boolean }> = {}) =>
    new CognigyNotifySender({ endpointBaseUrl: `${server.baseUrl}/base/`, urlToken: URL_TOKEN, userId: 'user-1', sessionId: 'session-1', allowPrivateNetworks: true, ...options });

  describe('GenericCallbackSender', () => {
    it('POSTs the canonical JSON with the Genesys message id as idempotency key, signed, with the bearer token', async () => {
      expect(await generic().send(agentText('Hi, Ann here', { correlationId: 'corr-1' }))).toEqual({ requests: 1 });
      const [request] = server.requests;
      expect(request).toMatchObject({ method: 'POST', path: '/agent-messages' });
      expect(request.query.get('tenant')).toBe('t1');
      expect(request.json).toEqual({
        handoverId: 'handover-1',
        conversationId: 'bot-conv-1',
        messageId: 'genesys-msg-1',
        from: { type: 'agent', name: 'Ann' },
        output: { kind: 'text', text: 'Hi, Ann here' },
      });
      expect(request.headers['idempotency-key']).toBe('genesys-msg-1');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers.authorization).toBe(`Bearer ${BEARER}`);
      expect(request.headers['x-correlation-id']).toBe('corr-1');
      expect(signatureIsValid(request)).toBe(true);
    });

    it('sends no auth headers without secrets, and typing as an event', async () => {
      await generic({ hmacSecret: undefined, bearerToken: undefined }).send({ ...agentText(''), messageId: 'typing-1', content: { event: 'typing' } });
      const [request] = server.requests;
      expect(request.json).toEqual({ handoverId: 'handover-1', conversationId: 'bot-conv-1', messageId: 'typing-1', from: { type: 'agent', name: 'Ann' }, event: { type: 'typing' } });
      expect(request.headers['x-bridge-signature']).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
    });

    it('sends the end of the handover as a handover-ended event with its status and reason, signed', async () => {
      const ended = { ...agentText(''), messageId: 'handover-1#ended', content: { event: 'handover-ended' as const, status: 'error' as const, reason: 'genesys-refused: 400' } };
      expect(await generic().send(ended)).toEqual({ requests: 1 });
      const [request] = server.requests;
      expect(request.json).toEqual({
        handoverId: 'handover-1',
        conversationId: 'bot-conv-1',
        messageId: 'handover-1#ended',
        from: { type: 'agent', name: 'Ann' },
        event: { type: 'handover-ended', status: 'error', reason: 'genesys-refused: 400' },
      });
      expect(request.headers['idempotency-key']).toBe('handover-1#ended');
      expect(signatureIsValid(request)).toBe(true);

      await generic().send({ ...ended, content: { event: 'handover-ended', status: 'completed' } });
      expect((server.requests[1].json as { event: unknown }).event).toEqual({ type: 'handover-ended', status: 'completed' });
      await generic().send({ ...ended, content: { event: 'handover-ended', status: 'completed', reason: 'agent-ended', disconnectType: 'peer' } });
      expect((server.requests[2].json as { event: unknown }).event).toEqual({ type: 'handover-ended', status: 'completed', reason: 'agent-ended', disconnectType: 'peer' });
    });

    it('sends a split message as numbered parts with stable idempotency keys', async () => {
      const message = agentText('', {
        content: {
          outputs: [
            { kind: 'text', text: 'Two files' },
            { kind: 'media', mediaType: 'Image', url: 'https://d.example/a.png' },
          ],
        },
      });
      expect(await generic().send(message)).toEqual({ requests: 2 });
      expect(server.requests.map((request) => [request.headers['idempotency-key'], (request.json as { part: unknown }).part])).toEqual([
        ['genesys-msg-1', { index: 1, count: 2 }],
        ['genesys-msg-1#2', { index: 2, count: 2 }],
      ]);
    });

    it('accepts any 2xx whatever its body', async () => {
      answer = () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>ok</html>' });
      await expect(generic().send(agentText('x'))).resolves.toEqual({ requests: 1 });
      answer = () => ({ status: 202 });
      await expect(generic().send(agentText('x'))).resolves.toEqual({ requests: 1 });
    });

    it.each<[number, string, boolean]>([
      [400, 'http', false],
      [404, 'http', false],
      [401, 'auth', false],
      [302, 'http', false],
      [408, 'http', true],
      [429, 'http', true],
      [503, 'http', true],
    ])('classifies HTTP %i as %s (transient: %s) without leaking a secret', async (status, kind, transient) => {
      answer = (request) => ({ status, body: { message: `refused ${request.headers.authorization} ${request.headers['x-bridge-signature']}` } });
      const error = await failure(generic().send(agentText('x')));
      expect(error).toMatchObject({ platform: 'generic', kind, status });
      expect(classifyAgentMessageFailure(error).transient).toBe(transient);
      const everything = `${error.message} ${JSON.stringify(error)} ${inspect(error)} ${error.stack}`;
      expect(everything).not.toContain(BEARER);
      expect(everything).not.toContain(HMAC_SECRET);
    });

    it('fails with timeout soon after the caller aborts, and with unreachable when nobody listens', async () => {
      answer = () => 'hang';
      const controller = new AbortController();
      const pending = failure(generic().send(agentText('x', { signal: controller.signal })));
      await waitFor(() => server.requests.length > 0, { what: 'the request' });
      const abortedAt = performance.now();
      controller.abort();
      const error = await pending;
      expect(error.kind).toBe('timeout');
      expect(performance.now() - abortedAt).toBeLessThan(100);
      expect(classifyAgentMessageFailure(error).transient).toBe(true);

      const port = await unusedLoopbackPort();
      const refused = await failure(generic({ callbackUrl: `http://127.0.0.1:${port}/cb` }).send(agentText('x')));
      expect(refused).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
      expect(classifyAgentMessageFailure(refused).transient).toBe(true);
    });

    it('refuses loopback callback URLs unless private networks are allowed (SSRF), before any request', async () => {
      const error = await failure(generic({ allowPrivateNetworks: false }).send(agentText('x')));
      expect(error).toMatchObject({ kind: 'unreachable', code: 'SSRF_BLOCKED' });
      expect(classifyAgentMessageFailure(error)).toMatchObject({ transient: false, reason: 'InvalidDestination' });
      expect(server.requests).toHaveLength(0);
    });

    it('refuses a callback URL that is not absolute when built', () => {
      expect(() => generic({ callbackUrl: '/relative' })).toThrow(TypeError);
    });
  });

  describe('CognigyNotifySender', () => {
    it('POSTs {userId, sessionId, text, data} to {endpointBase}/notify/{URLToken}', async () => {
      expect(await cognigy().send(agentText('Hello from Ann'))).toEqual({ requests: 1 });
      const [request] = server.requests;
      expect(request.path).toBe(`/base/notify/${URL_TOKEN}`);
      expect(request.json).toEqual({
        userId: 'user-1',
        sessionId: 'session-1',
        text: 'Hello from Ann',
        data: { genesys: { messageId: 'genesys-msg-1', from: { type: 'agent', name: 'Ann' } } },
      });
    });

    it('sends nothing for typing or for an unsupported output without fallback text', async () => {
      const sender: AgentMessageSender = cognigy();
      expect(sender.supportsTyping).toBe(false);
      expect(await sender.send({ ...agentText(''), content: { event: 'typing' } })).toEqual({ requests: 0 });
      expect(await sender.send({ ...agentText(''), content: { outputs: [{ kind: 'unsupported', source: 'genesys:DatePicker' }] } })).toEqual({ requests: 0 });
      expect(server.requests).toHaveLength(0);
    });

    it('with typingNotify, relays typing as a notify with data.typing for a handleNotify transformer', async () => {
      const sender: AgentMessageSender = cognigy({ typingNotify: true });
      expect(sender.supportsTyping).toBe(true);
      expect(await sender.send({ ...agentText(''), messageId: 'typing-7', content: { event: 'typing' } })).toEqual({ requests: 1 });
      const [request] = server.requests;
      expect(request.path).toBe(`/base/notify/${URL_TOKEN}`);
      expect(request.json).toEqual({
        userId: 'user-1',
        sessionId: 'session-1',
        text: '',
        data: { typing: { type: 'On', durationMs: 5_000 }, genesys: { messageId: 'typing-7', from: { type: 'agent', name: 'Ann' } } },
      });
    });

    it('injects the end of the handover into the Flow: {endpointBase}/inject/{URLToken} with data.handover.status and data.endHandover', async () => {
      const ended: AgentMessage = { ...agentText(''), messageId: 'handover-1#ended', correlationId: 'corr-9', content: { event: 'handover-ended', status: 'cancelled', reason: 'agent-ended' } };
      expect(await cognigy().send(ended)).toEqual({ requests: 1 });
      const [request] = server.requests;
      expect(request).toMatchObject({ method: 'POST', path: `/base/inject/${URL_TOKEN}` });
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-correlation-id']).toBe('corr-9');
      expect(request.json).toEqual({
        userId: 'user-1',
        sessionId: 'session-1',
        text: '',
        data: { endHandover: true, handover: { status: 'cancelled', reason: 'agent-ended' }, genesys: { messageId: 'handover-1#ended' } },
      });
      expect(server.requestsTo(`/base/notify/${URL_TOKEN}`)).toHaveLength(0);

      await cognigy().send({ ...ended, content: { event: 'handover-ended', status: 'completed' } });
      expect((server.requests[1].json as { data: unknown }).data).toEqual({ endHandover: true, handover: { status: 'completed' }, genesys: { messageId: 'handover-1#ended' } });
      await cognigy().send({ ...ended, content: { event: 'handover-ended', status: 'completed', reason: 'agent-ended', disconnectType: 'peer' } });
      expect((server.requests[2].json as { data: { handover: unknown } }).data.handover).toEqual({ status: 'completed', reason: 'agent-ended', disconnectType: 'peer' });
    });

    it('fails the handover end like any message when inject is refused, without the URL token', async () => {
      answer = (request) => ({ status: 503, body: { message: `busy ${request.path}` } });
      const error = await failure(cognigy().send({ ...agentText(''), content: { event: 'handover-ended', status: 'completed' } }));
      expect(error).toMatchObject({ platform: 'cognigy', kind: 'http', status: 503 });
      expect(classifyAgentMessageFailure(error).transient).toBe(true);
      expect(`${error.message} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(URL_TOKEN);
    });

    it('never puts the URL token in an error, even when the server echoes the path', async () => {
      answer = (request) => ({ status: 404, body: { message: `No endpoint for ${request.path}` } });
      const error = await failure(cognigy().send(agentText('x')));
      expect(error).toMatchObject({ platform: 'cognigy', kind: 'http', status: 404 });
      expect(classifyAgentMessageFailure(error)).toMatchObject({ transient: false, reason: 'InvalidDestination' });
      expect(`${error.message} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(URL_TOKEN);
    });

    it('refuses a configuration without token, ids or an absolute base URL', () => {
      expect(() => cognigy({ urlToken: '' })).toThrow(TypeError);
      expect(() => new CognigyNotifySender({ endpointBaseUrl: 'nope', urlToken: 't', userId: 'u', sessionId: 's' })).toThrow(TypeError);
      expect(() => new CognigyNotifySender({ endpointBaseUrl: server.baseUrl, urlToken: 't', userId: '', sessionId: 's' })).toThrow(TypeError);
    });
  });

  describe('KoreBotKitSender', () => {
    /** The BotKit callback the handover came with (bot-platforms.md §B4), pointing at the loopback receiver. */
    const callbackPayload = () => ({
      requestId: REQUEST_ID,
      botId: 'st-5b1c7a8e-1234-5678-9abc-def012345678',
      baseUrl: `${server.baseUrl}/api/botsdk/stream/st-5b1c7a8e/`,
      message: 'I want an agent',
      agent_transfer: true,
      context: { session: { UserContext: { _id: 'u-42' } } },
      channel: { type: 'rtm', from: 'u-42', channelInfos: { from: 'u-42' } },
    });
    const kore = (options: { clientSecret?: string; algorithm?: 'HS256' | 'HS512' } = {}) => {
      const payload = callbackPayload();
      return new KoreBotKitSender({
        clientId: BOTKIT_CLIENT_ID,
        clientSecret: BOTKIT_SECRET,
        allowPrivateNetworks: true,
        target: { baseUrl: payload.baseUrl, requestId: payload.requestId, payload },
        ...options,
      });
    };
    const streamPath = (call: string) => `/api/botsdk/stream/st-5b1c7a8e/${call}/${REQUEST_ID}`;

    it('calls sendUserMessage once per output with the whole callback payload, the edits and a verifiable auth JWT', async () => {
      const message = agentText('', {
        correlationId: 'corr-k1',
        from: { type: 'agent', name: 'Ann', avatarUrl: 'https://img.example/ann.png' },
        content: {
          outputs: [
            { kind: 'text', text: 'Hi, Ann here' },
            { kind: 'unsupported', source: 'genesys:DatePicker' },
            { kind: 'media', mediaType: 'Image', url: 'https://cdn.example/a.png', text: 'The receipt' },
          ],
        },
      });
      const sentAt = Math.floor(Date.now() / 1000);
      expect(await kore().send(message)).toEqual({ requests: 2 });
      expect(server.requests.map((request) => [request.method, request.path])).toEqual([
        ['POST', streamPath('sendUserMessage')],
        ['POST', streamPath('sendUserMessage')],
      ]);
      const agentInfo = { type: 'agent', name: 'Ann', avatarUrl: 'https://img.example/ann.png' };
      expect(server.requests[0].json).toEqual({ ...callbackPayload(), message: 'Hi, Ann here', genesysMessageId: 'genesys-msg-1', agentInfo });
      expect(server.requests[1].json).toEqual({
        ...callbackPayload(),
        message: 'The receipt',
        overrideMessagePayload: { body: JSON.stringify({ type: 'image', payload: { url: 'https://cdn.example/a.png' } }), isTemplate: true },
        genesysMessageId: 'genesys-msg-1',
        agentInfo,
      });
      for (const request of server.requests) {
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers['x-correlation-id']).toBe('corr-k1');
        const auth = String(request.headers.auth);
        expect(() => verifyBotKitToken(auth, { clientId: BOTKIT_CLIENT_ID, clientSecrets: [BOTKIT_SECRET] })).not.toThrow();
        const claims = verify(auth, BOTKIT_SECRET, { algorithms: ['HS256'] }) as { appId: string; exp: number };
        expect(claims.appId).toBe(BOTKIT_CLIENT_ID);
        expect(claims.exp - sentAt).toBeGreaterThanOrEqual(59);
        expect(claims.exp - sentAt).toBeLessThanOrEqual(61);
        expect(() => verify(auth, 'another-secret')).toThrow();
      }
    });

    it('sends no agentInfo when the agent has neither name nor avatar, and signs HS512 when configured', async () => {
      await kore({ algorithm: 'HS512' }).send(agentText('Hello', { from: { type: 'agent' } }));
      const [request] = server.requests;
      expect(request.json).toEqual({ ...callbackPayload(), message: 'Hello', genesysMessageId: 'genesys-msg-1' });
      expect(() => verify(String(request.headers.auth), BOTKIT_SECRET, { algorithms: ['HS512'] })).not.toThrow();
    });

    it('ends the handover with clearAgentSession/{requestId}, so the bot resumes', async () => {
      const ended: AgentMessage = { ...agentText(''), messageId: 'handover-1#ended', content: { event: 'handover-ended', status: 'completed', reason: 'agent-ended' } };
      expect(await kore().send(ended)).toEqual({ requests: 1 });
      const [request] = server.requests;
      expect(request).toMatchObject({ method: 'POST', path: streamPath('clearAgentSession') });
      expect(request.json).toEqual({ ...callbackPayload(), genesysMessageId: 'handover-1#ended' });
      expect(() => verifyBotKitToken(String(request.headers.auth), { clientId: BOTKIT_CLIENT_ID, clientSecrets: [BOTKIT_SECRET] })).not.toThrow();
      expect(server.requestsTo(streamPath('sendUserMessage'))).toHaveLength(0);
    });

    it('sends nothing for typing (BotKit has no typing indicator)', async () => {
      const sender: AgentMessageSender = kore();
      expect(sender).toMatchObject({ platform: 'kore', supportsTyping: false });
      expect(await sender.send({ ...agentText(''), content: { event: 'typing' } })).toEqual({ requests: 0 });
      expect(server.requests).toHaveLength(0);
    });

    it.each<[number, string, boolean, string]>([
      [401, 'auth', false, 'GeneralError'],
      [404, 'http', false, 'InvalidDestination'],
      [400, 'http', false, 'GeneralError'],
      [429, 'http', true, 'GeneralError'],
      [502, 'http', true, 'GeneralError'],
    ])('rejects HTTP %i as %s (transient: %s, %s) without leaking the secret or the JWT', async (status, kind, transient, reason) => {
      answer = (request) => ({ status, body: { errors: [{ msg: `refused ${String(request.headers.auth)}`, code: 4002 }] } });
      const error = await failure(kore().send(agentText('x')));
      expect(error).toMatchObject({ platform: 'kore', kind, status });
      expect(classifyAgentMessageFailure(error)).toMatchObject({ transient, reason });
      const auth = String(server.requests[0].headers.auth);
      const everything = `${error.message} ${JSON.stringify(error)} ${inspect(error)} ${error.stack}`;
      expect(everything).not.toContain(BOTKIT_SECRET);
      expect(everything).not.toContain(auth);
    });

    it('rejects a failed clearAgentSession too, and stops a message at its first failed output', async () => {
      answer = () => ({ status: 500 });
      const error = await failure(kore().send({ ...agentText(''), content: { event: 'handover-ended', status: 'cancelled' } }));
      expect(error).toMatchObject({ platform: 'kore', kind: 'http', status: 500 });
      expect(classifyAgentMessageFailure(error).transient).toBe(true);

      server.requests.length = 0;
      const twoParts = agentText('', { content: { outputs: [{ kind: 'text', text: 'one' }, { kind: 'text', text: 'two' }] } });
      await failure(kore().send(twoParts));
      expect(server.requests).toHaveLength(1);
    });

    it('refuses a configuration without client id or secret', () => {
      expect(() => kore({ clientSecret: '' })).toThrow(TypeError);
    });
  });
});

describe('CognigyNotifySender against the Cognigy simulator', () => {
  let sim: CognigySim;

  beforeAll(async () => {
    sim = await createCognigySim({ urlTokens: [URL_TOKEN] });
  });

  afterAll(() => sim.close());

  it('is recorded by the simulator as shown to the user, in order, with rich content', async () => {
    const sender = new CognigyNotifySender({ endpointBaseUrl: sim.url, urlToken: URL_TOKEN, userId: 'user-7', sessionId: 'session-7', allowPrivateNetworks: true });
    await sender.send(agentText('First'));
    await sender.send(agentText('', { messageId: 'genesys-msg-2', content: { outputs: [{ kind: 'media', mediaType: 'Image', url: 'https://d.example/x.png', text: 'Look' }] } }));
    expect(sim.notificationsFor('session-7').map((notification) => [notification.userId, notification.text, notification.data])).toEqual([
      ['user-7', 'First', { genesys: { messageId: 'genesys-msg-1', from: { type: 'agent', name: 'Ann' } } }],
      ['user-7', 'Look', { _cognigy: { _default: { _image: { type: 'image', imageUrl: 'https://d.example/x.png' } } }, genesys: { messageId: 'genesys-msg-2', from: { type: 'agent', name: 'Ann' } } }],
    ]);
  });

  it('gets 404 for an unknown URL token: a permanent failure', async () => {
    const sender = new CognigyNotifySender({ endpointBaseUrl: sim.url, urlToken: 'unknown-token-0001', userId: 'u', sessionId: 's', allowPrivateNetworks: true });
    const error = await failure(sender.send(agentText('x')));
    expect(classifyAgentMessageFailure(error)).toMatchObject({ transient: false, reason: 'InvalidDestination' });
  });
});
