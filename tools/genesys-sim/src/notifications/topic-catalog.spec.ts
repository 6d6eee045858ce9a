import { parseTopic } from './topic-catalog';

describe('parseTopic', () => {
  it('reads the detail event topics with a concrete conversation id', () => {
    expect(parseTopic('v2.detail.events.conversation.c-1.customer.end')).toEqual({ kind: 'detail', conversationId: 'c-1', event: 'customer.end' });
    expect(parseTopic('v2.detail.events.conversation.c-1.acw')).toEqual({ kind: 'detail', conversationId: 'c-1', event: 'acw' });
  });

  it('reads queue and user conversation topics, with or without a media type', () => {
    expect(parseTopic('v2.routing.queues.q-1.conversations.messages')).toEqual({ kind: 'queue-conversations', queueId: 'q-1', media: 'messages' });
    expect(parseTopic('v2.routing.queues.q-1.conversations')).toEqual({ kind: 'queue-conversations', queueId: 'q-1', media: null });
    expect(parseTopic('v2.users.u-1.conversations.messages')).toEqual({ kind: 'user-conversations', userId: 'u-1', media: 'messages' });
  });

  it.each([
    'v2.detail.events.conversation.{id}.customer.end',
    'v2.detail.events.conversation.*.customer.end',
    'v2.detail.events.conversation.c-1.customer',
    'v2.detail.events.conversation..customer.end',
    'v2.routing.queues.q-1.conversations.faxes',
    'v2.users.u-1.presence',
    'channel.metadata',
    'v2.system.socket_closing',
    ' v2.detail.events.conversation.c-1.acw',
  ])('rejects %p', (topic) => {
    expect(parseTopic(topic).kind).toBe('invalid');
  });
});
