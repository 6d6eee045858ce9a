import { conversationTopics, parseChannelMessage } from './notification-topics';

const AT = new Date('2030-01-02T03:04:05.000Z');
const frame = (value: unknown) => JSON.stringify(value);

describe('conversationTopics', () => {
  it('names one detail-event topic per suffix of the conversation', () => {
    expect(conversationTopics('c-1', ['customer.end', 'acw'])).toEqual(['v2.detail.events.conversation.c-1.customer.end', 'v2.detail.events.conversation.c-1.acw']);
  });
});

describe('parseChannelMessage', () => {
  it('reads every end-detection topic into its signal kind, with eventTime and detail', () => {
    const cases = [
      ['customer.end', 'customer-end'],
      ['user.end', 'user-end'],
      ['acw', 'acw'],
      ['user.start', 'user-start'],
      ['acd.start', 'acd-start'],
    ] as const;
    for (const [suffix, kind] of cases) {
      const parsed = parseChannelMessage(
        frame({
          topicName: `v2.detail.events.conversation.9a1b-c2.${suffix}`,
          version: '2',
          eventBody: { eventTime: 1_893_553_445_000, conversationId: '9a1b-c2', disconnectType: 'CLIENT', userId: 'u-1', queueId: 'q-1', participantId: 'p-1', mediaType: 'MESSAGE' },
        }),
        AT,
      );
      expect(parsed).toEqual({
        type: 'conversation',
        conversationId: '9a1b-c2',
        kind,
        eventTime: new Date(1_893_553_445_000),
        detail: { disconnectType: 'CLIENT', userId: 'u-1', queueId: 'q-1', participantId: 'p-1' },
      });
    }
  });

  it('accepts an ISO eventTime and falls back to the receive time when it is missing or unreadable', () => {
    const topicName = 'v2.detail.events.conversation.c-1.customer.end';
    expect(parseChannelMessage(frame({ topicName, eventBody: { eventTime: '2030-01-01T00:00:00.000Z' } }), AT)).toMatchObject({ eventTime: new Date('2030-01-01T00:00:00.000Z') });
    expect(parseChannelMessage(frame({ topicName, eventBody: {} }), AT)).toMatchObject({ eventTime: AT, detail: {} });
    expect(parseChannelMessage(frame({ topicName, eventBody: { eventTime: 'soon' } }), AT)).toMatchObject({ eventTime: AT });
    expect(parseChannelMessage(frame({ topicName }), AT)).toMatchObject({ eventTime: AT });
  });

  it('recognises heartbeats, pongs and the socket-closing warning', () => {
    expect(parseChannelMessage(frame({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }), AT)).toEqual({ type: 'heartbeat' });
    expect(parseChannelMessage(frame({ topicName: 'channel.metadata', eventBody: { message: 'pong' } }), AT)).toEqual({ type: 'heartbeat' });
    expect(parseChannelMessage(frame({ topicName: 'v2.system.socket_closing', eventBody: { message: 'maintenance' } }), AT)).toEqual({ type: 'socket-closing' });
  });

  it('ignores other topics, unknown suffixes and malformed frames without throwing', () => {
    expect(parseChannelMessage(frame({ topicName: 'v2.users.u-1.presence', eventBody: {} }), AT)).toEqual({ type: 'other', topicName: 'v2.users.u-1.presence' });
    expect(parseChannelMessage(frame({ topicName: 'v2.detail.events.conversation.c-1.flow.end', eventBody: {} }), AT)).toMatchObject({ type: 'other' });
    expect(parseChannelMessage(frame({ topicName: 'v2.detail.events.conversation..customer.end' }), AT)).toMatchObject({ type: 'other' });
    expect(parseChannelMessage('{not json', AT)).toEqual({ type: 'other', topicName: '(not JSON)' });
    expect(parseChannelMessage('null', AT)).toEqual({ type: 'other', topicName: '(none)' });
    expect(parseChannelMessage(frame([1, 2]), AT)).toEqual({ type: 'other', topicName: '(none)' });
  });
});
