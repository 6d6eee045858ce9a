import { conversationKeyOf, inboxKindOf, providerMessageIdOf } from './inbox-keys';
import type { OutboundOpenMessageDto } from './outbound-message.dto';

const channel = { id: 'integration', platform: 'Open', type: 'Private', to: { id: 'user@example.com' }, time: '2021-02-01T15:04:05.123Z' };

describe('inbox keys', () => {
  it.each([
    [{ type: 'Text' }, 'text'],
    [{ type: 'Structured' }, 'structured'],
    [{ type: 'Receipt' }, 'receipt'],
    [{ type: 'Event', events: [{ eventType: 'Typing' }] }, 'typing'],
    [{ type: 'Event', events: [{ eventType: 'Typing' }, { eventType: 'Presence' }] }, 'event'],
    [{ type: 'Event', events: [] }, 'event'],
  ])('maps %j to kind %s', (message, kind) => {
    expect(inboxKindOf(message as OutboundOpenMessageDto)).toBe(kind);
  });

  it('keys the conversation by conversationId, else by the customer address', () => {
    expect(conversationKeyOf({ conversationId: 'conv-1', channel } as OutboundOpenMessageDto)).toBe('conv-1');
    expect(conversationKeyOf({ channel } as OutboundOpenMessageDto)).toBe('user@example.com');
  });

  it('de-duplicates messages by id, receipts by id and status', () => {
    expect(providerMessageIdOf({ id: 'm1', type: 'Text' })).toBe('m1');
    expect(providerMessageIdOf({ id: 'm1', type: 'Receipt', status: 'Delivered' })).toBe('m1#receipt:Delivered');
    expect(providerMessageIdOf({ id: 'm1', type: 'Receipt', status: 'Read' })).not.toBe(providerMessageIdOf({ id: 'm1', type: 'Receipt', status: 'Delivered' }));
  });
});
