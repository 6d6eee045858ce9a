import { isInboundOpenPath } from './fault-injection.hook';

describe('isInboundOpenPath (where "500 after accept" may fire)', () => {
  it.each([
    '/api/v2/conversations/messages/integration-1/inbound/open/message',
    '/api/v2/conversations/messages/integration-1/inbound/open/message?prefetchConversationId=true',
    '/api/v2/conversations/messages/integration-1/inbound/open/event',
    '/api/v2/conversations/messages/integration-1/inbound/open/receipt',
    '/api/v2/conversations/messages/integration-1/inbound/open/structured/response',
  ])('matches %s', (url) => {
    expect(isInboundOpenPath(url)).toBe(true);
  });

  it.each([
    '/api/v2/conversations/messages/conversation-1',
    '/api/v2/conversations/messages/integration-1/inbound/open/messages',
    '/api/v2/routing/queues',
    '/oauth/token',
    '/sim/options',
  ])('does not match %s', (url) => {
    expect(isInboundOpenPath(url)).toBe(false);
  });
});
