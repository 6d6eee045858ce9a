import { botKitCallUrl, BotKitPayloadError, parseBotKitPayload } from './botkit-payload';

const BASE_URL = 'https://bots.kore.ai/api/botsdk/stream/st-5b1c7a8e-1234-5678-9abc-def012345678';

/** A callback body shaped like the sample in bot-platforms.md §B4. */
function callback(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    requestId: '1501244156289',
    botId: 'st-5b1c7a8e-1234-5678-9abc-def012345678',
    baseUrl: BASE_URL,
    callbackUrl: `${BASE_URL}/serviceCallback/1501244156289`,
    message: 'I want an agent',
    agent_transfer: false,
    metaInfo: {},
    context: { session: { UserContext: { _id: 'u-context', firstName: 'Ada' } } },
    channel: { type: 'rtm', from: 'u-channel', channelInfos: { from: 'u-infos', type: 'rtm' } },
    ...overrides,
  };
}

function pathOf(body: unknown): string | undefined {
  try {
    parseBotKitPayload(body);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BotKitPayloadError);
    return (error as BotKitPayloadError).path;
  }
}

describe('parseBotKitPayload', () => {
  it('reads the ids, URL, text and transfer flag, and keeps the whole body as the payload', () => {
    const body = callback({ agent_transfer: true });
    const parsed = parseBotKitPayload(body);
    expect(parsed).toEqual({
      requestId: '1501244156289',
      botId: 'st-5b1c7a8e-1234-5678-9abc-def012345678',
      baseUrl: BASE_URL,
      userId: 'u-infos',
      message: 'I want an agent',
      agentTransfer: true,
      payload: body,
    });
    expect(parsed.payload).toBe(body);
  });

  it('takes the user key from channel.channelInfos.from, then channel.from, then context.session.UserContext._id', () => {
    expect(parseBotKitPayload(callback()).userId).toBe('u-infos');
    expect(parseBotKitPayload(callback({ channel: { from: 'u-channel', channelInfos: { from: '  ' } } })).userId).toBe('u-channel');
    expect(parseBotKitPayload(callback({ channel: { from: 'u-channel' } })).userId).toBe('u-channel');
    expect(parseBotKitPayload(callback({ channel: { type: 'rtm' } })).userId).toBe('u-context');
    expect(parseBotKitPayload(callback({ channel: 'rtm' })).userId).toBe('u-context');
  });

  it('refuses a body without any user key, naming channel.from', () => {
    expect(pathOf(callback({ channel: {}, context: {} }))).toBe('channel.from');
    expect(pathOf(callback({ channel: { from: 42 }, context: { session: { UserContext: { _id: '' } } } }))).toBe('channel.from');
  });

  it('accepts a numeric requestId as its digits, but not a fraction', () => {
    expect(parseBotKitPayload(callback({ requestId: 1501244156289 })).requestId).toBe('1501244156289');
    expect(pathOf(callback({ requestId: 1.5 }))).toBe('requestId');
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['requestId', 'missing', { requestId: undefined }],
    ['requestId', 'blank', { requestId: '  ' }],
    ['botId', 'missing', { botId: undefined }],
    ['botId', 'a number', { botId: 7 }],
    ['baseUrl', 'missing', { baseUrl: undefined }],
    ['baseUrl', 'ftp', { baseUrl: 'ftp://bots.kore.ai/stream' }],
    ['baseUrl', 'javascript:', { baseUrl: 'javascript:alert(1)' }],
    ['baseUrl', 'relative', { baseUrl: '/api/botsdk/stream/st-1' }],
    ['baseUrl', 'a scheme without a host', { baseUrl: 'https://' }],
    ['baseUrl', 'an unparsable host', { baseUrl: 'https://bots kore.ai/stream' }],
  ])('refuses %s (%s) with its path', (path, _what, overrides) => {
    expect(pathOf(callback(overrides))).toBe(path);
  });

  it('names the path in the error message, and refuses a body that is not an object', () => {
    expect(() => parseBotKitPayload(callback({ botId: '' }))).toThrow(/^botId is required/);
    expect(pathOf(null)).toBe('body');
    expect(pathOf([callback()])).toBe('body');
    expect(pathOf('{"requestId":"1"}')).toBe('body');
  });

  it('leaves message undefined when it is not a string, and agentTransfer false unless it is true', () => {
    const parsed = parseBotKitPayload(callback({ message: { text: 'x' }, agent_transfer: 'true' }));
    expect(parsed.message).toBeUndefined();
    expect(parsed.agentTransfer).toBe(false);
  });
});

describe('botKitCallUrl', () => {
  it('builds {baseUrl}/{call}/{requestId} for each SDK call', () => {
    const target = { baseUrl: BASE_URL, requestId: '1501244156289' };
    expect(botKitCallUrl(target, 'sendUserMessage').href).toBe(`${BASE_URL}/sendUserMessage/1501244156289`);
    expect(botKitCallUrl(target, 'sendBotMessage').href).toBe(`${BASE_URL}/sendBotMessage/1501244156289`);
    expect(botKitCallUrl(target, 'clearAgentSession').href).toBe(`${BASE_URL}/clearAgentSession/1501244156289`);
    expect(botKitCallUrl(target, 'extendRequestId').href).toBe(`${BASE_URL}/extendcallid/1501244156289`);
  });

  it('drops trailing slashes of the base URL and keeps its query', () => {
    expect(botKitCallUrl({ baseUrl: `${BASE_URL}//`, requestId: '1' }, 'sendUserMessage').href).toBe(`${BASE_URL}/sendUserMessage/1`);
    expect(botKitCallUrl({ baseUrl: 'https://kore.example/', requestId: '1' }, 'clearAgentSession').href).toBe('https://kore.example/clearAgentSession/1');
    expect(botKitCallUrl({ baseUrl: 'https://kore.example/stream/?region=eu', requestId: '1' }, 'sendUserMessage').href).toBe(
      'https://kore.example/stream/sendUserMessage/1?region=eu',
    );
  });

  it('encodes the request id as one path segment', () => {
    const url = botKitCallUrl({ baseUrl: 'https://kore.example/stream', requestId: '../a b/?#x' }, 'sendUserMessage');
    expect(url.pathname).toBe('/stream/sendUserMessage/..%2Fa%20b%2F%3F%23x');
    expect(url.search).toBe('');
    expect(url.hash).toBe('');
  });
});
