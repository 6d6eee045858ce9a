import type { Conversation } from '../conversations/conversation.model';
import type { Integration } from '../integrations/integration.model';
import { buildOutboundPayload } from './outbound-message.builder';

const integration: Integration = {
  id: 'integration-1',
  name: 'Bridge',
  outboundNotificationWebhookUrl: 'https://example.test/hook',
  outboundNotificationWebhookSignatureSecretToken: 'a-secret-longer-than-15',
  webhookHeaders: {},
  outboundTypingEnabled: true,
  dateCreated: '2024-01-01T00:00:00.000Z',
};
const conversation: Conversation = {
  id: 'conversation-1',
  integrationId: 'integration-1',
  customer: { id: 'user@example.com', idType: 'Email' },
  participants: [],
  transcript: [],
  startTime: '2024-01-01T00:00:00.000Z',
};
const envelope = { id: 'c327c2078ca056db130c55ce648d9fa2', integration, conversation, time: '2024-01-01T00:00:01.000Z' };

describe('buildOutboundPayload', () => {
  it('builds a text message with channel, conversationId, direction and originatingEntity', () => {
    const payload = buildOutboundPayload(
      { ...envelope, includeConversationId: true },
      { type: 'Text', text: 'Hello', content: [], originatingEntity: 'Human' },
    );
    expect(payload).toEqual({
      id: envelope.id,
      channel: {
        id: 'integration-1',
        platform: 'Open',
        type: 'Private',
        messageId: envelope.id,
        to: { id: 'user@example.com', idType: 'Email' },
        from: { nickname: 'Bridge', id: 'integration-1', idType: 'Opaque' },
        time: '2024-01-01T00:00:01.000Z',
      },
      conversationId: 'conversation-1',
      direction: 'Outbound',
      originatingEntity: 'Human',
      type: 'Text',
      text: 'Hello',
      content: [],
    });
  });

  it('builds the typing event variant and can leave conversationId out', () => {
    const payload = buildOutboundPayload(
      { ...envelope, includeConversationId: false },
      { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }] },
    );
    expect(payload).not.toHaveProperty('conversationId');
    expect(payload).not.toHaveProperty('originatingEntity');
    expect(payload).toMatchObject({ type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }] });
  });
});
