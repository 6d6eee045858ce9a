import { AGENT_TRANSFER_HISTORY, buildBotkitPayload, newBotkitRequestId, type BotkitPayloadInput } from './botkit-payload.builder';

const BASE = 'http://127.0.0.1:9092/api/botsdk/stream/st-1';
const input = (overrides: Partial<BotkitPayloadInput> = {}): BotkitPayloadInput => ({
  event: 'on_agent_transfer',
  requestId: '1501244156289',
  botId: 'st-1',
  baseUrl: BASE,
  userId: 'u-1',
  message: 'agent please',
  agentTransfer: false,
  inAgentTransfer: true,
  ...overrides,
});

describe('BotKit callback payload (bot-platforms.md §B4)', () => {
  it('derives every URL field from baseUrl and the requestId', () => {
    const payload = buildBotkitPayload(input());
    expect(payload).toMatchObject({
      requestId: '1501244156289',
      botId: 'st-1',
      baseUrl: BASE,
      callbackUrl: `${BASE}/serviceCallback/1501244156289`,
      sendUserMessageUrl: `${BASE}/sendUserMessage/1501244156289`,
      sendBotMessageUrl: `${BASE}/sendBotMessage/1501244156289`,
      skipUserMessageUrl: `${BASE}/skipUserMessage/1501244156289`,
      resetBotUrl: `${BASE}/resetBot/1501244156289`,
      clearConversationSessionUrl: `${BASE}/clearConversationSession/1501244156289`,
    });
  });

  it('carries the user in context.session and channel, and the transfer trail in history', () => {
    const payload = buildBotkitPayload(input({ user: { firstName: 'Grace' }, metaInfo: { GenesysMetaData: '{"a":1}' } }));
    expect(payload).toMatchObject({
      message: 'agent please',
      agent_transfer: false,
      metaInfo: { GenesysMetaData: '{"a":1}' },
      metaTags: {},
      messageObject: { type: 'text', body: 'agent please' },
      channel: { type: 'rtm', from: 'u-1', botLanguage: 'en', channelInfos: { from: 'u-1', type: 'rtm', body: 'agent please', botInfo: { taskBotId: 'st-1' } } },
    });
    expect(payload.context).toMatchObject({
      botid: 'st-1',
      history: AGENT_TRANSFER_HISTORY,
      session: {
        UserContext: { _id: 'u-1', firstName: 'Grace', lastName: 'Lovelace', emailId: 'ada@example.com' },
        BotUserSession: { lastMessage: { channel: 'rtm' } },
        opts: { userId: 'u-1', streamId: 'st-1' },
      },
    });
    expect(payload).not.toHaveProperty('event');
  });

  it('has no transfer trail outside agent mode, an event body for on_event, and deep-merges overrides', () => {
    const message = buildBotkitPayload(input({ event: 'on_user_message', inAgentTransfer: false, context: { session: { opts: { extra: 1 } } } }));
    expect(message.context.history).toEqual([]);
    expect(message.context.session.opts).toEqual({ userId: 'u-1', streamId: 'st-1', extra: 1 });
    const event = buildBotkitPayload(input({ event: 'on_event', message: undefined, eventBody: { type: 'close' }, overrides: { channel: { botLanguage: 'de' } } }));
    expect(event.event).toEqual({ type: 'close' });
    expect(event).not.toHaveProperty('message');
    expect(event.channel).toMatchObject({ botLanguage: 'de', from: 'u-1' });
  });

  it('issues numeric, strictly increasing requestIds even within one millisecond', () => {
    const ids = [newBotkitRequestId(5_000_000_000_000), newBotkitRequestId(5_000_000_000_000), newBotkitRequestId(4_000_000_000_000)];
    expect(ids.every((id) => /^\d+$/.test(id))).toBe(true);
    expect(ids.map(Number)).toEqual([5_000_000_000_000, 5_000_000_000_001, 5_000_000_000_002]);
  });
});
