import { parseGenesysEvent, topicMeaning } from './genesys-event.parser';

const RECEIVED = new Date('2025-06-01T10:00:05.000Z');
const CONVERSATION = '3f1b6c2e-8d4a-4b7e-9c1d-2a5e6f7a8b9c';
const EVENT_MS = Date.parse('2025-06-01T10:00:01.234Z');

/** An EventBridge event as the Amazon EventBridge source delivers it (envelope UNCONFIRMED against a live tenant). */
function eventBridge(topicSuffix: string, eventBody: Record<string, unknown> = {}): Record<string, unknown> {
  const topicName = `v2.detail.events.conversation.${CONVERSATION}.${topicSuffix}`;
  return {
    version: '0',
    id: 'a7d2c1e4-0000-4000-8000-000000000001',
    'detail-type': topicName,
    source: 'aws.partner/genesys.com/cloud/org-id/bridge',
    account: '123456789012',
    time: '2025-06-01T10:00:02Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      topicName,
      version: '2',
      eventBody: { eventTime: EVENT_MS, conversationId: CONVERSATION, participantId: 'p-1', disconnectType: 'peer', mediaType: 'MESSAGE', messageType: 'OPEN', ...eventBody },
      metadata: { CorrelationId: 'c-1' },
      timestamp: '2025-06-01T10:00:02.000Z',
    },
  };
}

describe('parseGenesysEvent: Data Action bodies (Trigger → Workflow → Web Services Data Action)', () => {
  it('reads a customer.end with its time and disconnect type (path trigger)', () => {
    expect(parseGenesysEvent({ conversationId: CONVERSATION, eventType: 'customer.end', eventTime: EVENT_MS, disconnectType: 'peer' }, RECEIVED)).toEqual({
      kind: 'signal',
      signal: { genesysConversationId: CONVERSATION, path: 'trigger', kind: 'customer-end', eventTime: new Date(EVENT_MS), detail: { disconnectType: 'peer' } },
    });
  });

  it('takes a full topic (placeholder id left in, as Cognigy sets up its workflows) or a short name, in any case', () => {
    for (const [field, value, kind] of [
      ['topicName', 'v2.detail.events.conversation.{id}.acw', 'acw'],
      ['topicName', 'v2.detail.events.conversation.id.user.end', 'user-end'],
      ['eventType', 'USER.END', 'user-end'],
      ['eventType', 'customer-end', 'customer-end'],
      ['eventType', 'acd.start', 'acd-start'],
      ['eventType', 'user-start', 'user-start'],
    ]) {
      const parsed = parseGenesysEvent({ conversationId: CONVERSATION, [field]: value }, RECEIVED);
      expect(parsed).toMatchObject({ kind: 'signal', signal: { kind, path: 'trigger', eventTime: RECEIVED } });
    }
  });

  it('takes the conversation id from the topic when the body has none; ISO and numeric-string times; empty strings are absent', () => {
    expect(parseGenesysEvent({ topicName: `v2.detail.events.conversation.${CONVERSATION}.customer.end`, eventTime: '2025-06-01T10:00:01.234Z', userId: '' }, RECEIVED)).toEqual({
      kind: 'signal',
      signal: { genesysConversationId: CONVERSATION, path: 'trigger', kind: 'customer-end', eventTime: new Date(EVENT_MS) },
    });
    expect(parseGenesysEvent({ conversationId: CONVERSATION, eventType: 'acw', eventTime: String(EVENT_MS) }, RECEIVED)).toMatchObject({ signal: { eventTime: new Date(EVENT_MS) } });
  });

  it('acknowledges and drops other detail topics', () => {
    expect(parseGenesysEvent({ conversationId: CONVERSATION, topicName: 'v2.detail.events.conversation.{id}.flow.end' }, RECEIVED)).toMatchObject({ kind: 'ignored' });
  });

  it('answers bad bodies with each field path', () => {
    expect(parseGenesysEvent({}, RECEIVED)).toEqual({
      kind: 'invalid',
      errors: [
        { path: 'eventType', problems: [expect.stringContaining('eventType (or topicName) is required')] },
        { path: 'conversationId', problems: [expect.stringContaining('conversationId is required')] },
      ],
    });
    const bad = parseGenesysEvent({ conversationId: 'not a/valid id', eventType: 'agent.left', eventTime: 'yesterday', disconnectType: 42 }, RECEIVED);
    expect(bad.kind === 'invalid' && bad.errors.map((error) => error.path)).toEqual(['eventType', 'conversationId', 'eventTime', 'disconnectType']);
  });
});

describe('parseGenesysEvent: EventBridge events', () => {
  it('reads the detail event (path eventbridge): kind from detail.topicName, time from eventBody.eventTime', () => {
    expect(parseGenesysEvent(eventBridge('customer.end'), RECEIVED)).toEqual({
      kind: 'signal',
      signal: { genesysConversationId: CONVERSATION, path: 'eventbridge', kind: 'customer-end', eventTime: new Date(EVENT_MS), detail: { disconnectType: 'peer', participantId: 'p-1' } },
    });
    expect(parseGenesysEvent(eventBridge('acw', { userId: 'u-1', queueId: 'q-1', disconnectType: undefined }), RECEIVED)).toMatchObject({
      signal: { kind: 'acw', detail: { userId: 'u-1', queueId: 'q-1', participantId: 'p-1' } },
    });
  });

  it('falls back to detail-type for the topic and to the envelope time', () => {
    const event = eventBridge('user.end', { eventTime: undefined });
    delete (event['detail'] as Record<string, unknown>)['topicName'];
    expect(parseGenesysEvent(event, RECEIVED)).toMatchObject({ signal: { kind: 'user-end', eventTime: new Date('2025-06-01T10:00:02Z') } });
  });

  it('drops events of other media or messaging types (the rule should have filtered them)', () => {
    expect(parseGenesysEvent(eventBridge('customer.end', { mediaType: 'CALL' }), RECEIVED)).toMatchObject({ kind: 'ignored' });
    expect(parseGenesysEvent(eventBridge('customer.end', { messageType: 'WHATSAPP' }), RECEIVED)).toMatchObject({ kind: 'ignored' });
  });

  it('answers bad events with each field path', () => {
    expect(parseGenesysEvent({ 'detail-type': 'x', detail: 'nope' }, RECEIVED)).toEqual({ kind: 'invalid', errors: [{ path: 'detail', problems: [expect.any(String)] }] });
    const noBody = parseGenesysEvent({ 'detail-type': 'v2.detail.events.conversation.{id}.acw', detail: {} }, RECEIVED);
    expect(noBody.kind === 'invalid' && noBody.errors.map((error) => error.path)).toEqual(['detail.eventBody']);
    const bad = parseGenesysEvent({ detail: { topicName: 'v2.users.x.presence', eventBody: { conversationId: 7, eventTime: -1 } } }, RECEIVED);
    expect(bad.kind === 'invalid' && bad.errors.map((error) => error.path)).toEqual(['detail.topicName', 'detail.eventBody.conversationId', 'detail.eventBody.eventTime']);
  });
});

describe('topicMeaning', () => {
  it('knows the five end-detection kinds and the other detail topics', () => {
    expect(topicMeaning('v2.detail.events.conversation.abc.customer.end')).toEqual({ kind: 'customer-end', conversationId: 'abc' });
    expect(topicMeaning('v2.detail.events.conversation.{id}.acd.end')).toEqual({ kind: null });
    expect(topicMeaning('v2.routing.queues.q.conversations.messages')).toBeUndefined();
    expect(topicMeaning('hello')).toBeUndefined();
  });
});
