import { type LoopbackRequest, type LoopbackServer, startLoopbackServer } from '@genesys-bridge/testing';
import { withTokenEndpoint } from '../__fixtures__/token-endpoint';
import { TokenCache } from './auth/token-cache';
import { GenesysClient } from './genesys.client';
import { type OpenInboundMessage } from './open-messaging/open-messaging.types';

const INTEGRATION_ID = 'integ-1';
const FROM = { id: 'user@example.com', idType: 'Email', nickname: 'User' } as const;

interface Route {
  status: number;
  body?: unknown;
}

describe('GenesysClient wire format (loopback server)', () => {
  let server: LoopbackServer;
  let client: GenesysClient;
  /** Answer per "METHOD path"; anything else is a 404 so wrong paths fail the test. */
  const routes = new Map<string, Route>();

  beforeAll(async () => {
    server = await startLoopbackServer(
      withTokenEndpoint((request) => routes.get(`${request.method} ${request.path}`) ?? { status: 404, body: { code: 'not.found', message: request.path } }),
    );
    client = new GenesysClient({
      hosts: { apiBaseUrl: server.baseUrl, loginBaseUrl: server.baseUrl },
      credentials: { clientId: 'wire-client', clientSecret: 'wire-secret' },
      timeoutMs: 5_000,
      userAgent: 'genesys-bridge-test/1.0',
      tokenCache: new TokenCache(),
    });
  });

  afterAll(async () => {
    await client.close();
    await server.close();
  });

  beforeEach(() => {
    routes.clear();
    server.requests.length = 0;
  });

  const only = (method: string, path: string): LoopbackRequest => {
    const matching = server.requests.filter((r) => r.method === method && r.path === path);
    expect(matching).toHaveLength(1);
    return matching[0];
  };

  it('sends an inbound message with bearer, JSON, correlation id, user agent and prefetchConversationId', async () => {
    const path = `/api/v2/conversations/messages/${INTEGRATION_ID}/inbound/open/message`;
    routes.set(`POST ${path}`, { status: 200, body: { id: 'gen-msg-1', conversationId: 'conv-1', type: 'Text', text: 'Hello', extra: true } });
    const message: OpenInboundMessage = {
      channel: { messageId: 'ext-1', time: '2024-05-01T13:01:14.462Z', from: FROM, metadata: { customAttributes: { rating: '5' } } },
      text: 'Hello',
      metadata: { k: 'v' },
    };

    const response = await client.sendInboundMessage(INTEGRATION_ID, message, { prefetchConversationId: true, correlationId: 'corr-123' });

    expect(response).toEqual({ id: 'gen-msg-1', conversationId: 'conv-1', type: 'Text', text: 'Hello', extra: true });
    const request = only('POST', path);
    expect(request.query.get('prefetchConversationId')).toBe('true');
    expect(request.headers.authorization).toBe('Bearer token-1');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['inin-correlation-id']).toBe('corr-123');
    expect(request.headers['user-agent']).toBe('genesys-bridge-test/1.0');
    expect(JSON.parse(request.bodyText)).toEqual(message);
  });

  it('omits the query string and correlation header when not asked for', async () => {
    const path = `/api/v2/conversations/messages/${INTEGRATION_ID}/inbound/open/message`;
    routes.set(`POST ${path}`, { status: 200, body: { id: 'gen-msg-2' } });
    await client.sendInboundMessage(INTEGRATION_ID, { channel: { messageId: 'ext-2', time: '2024-05-01T13:01:15Z', from: FROM }, text: 'Hi' });
    const request = only('POST', path);
    expect([...request.query.keys()]).toEqual([]);
    expect(request.headers['inin-correlation-id']).toBeUndefined();
  });

  it('refuses custom attributes or nested values in top-level metadata before sending', async () => {
    const channel = { messageId: 'ext-3', time: '2024-05-01T13:01:16Z', from: FROM };
    const nested = { channel, text: 'x', metadata: { customAttributes: { a: 'b' } } } as unknown as OpenInboundMessage;
    await expect(client.sendInboundMessage(INTEGRATION_ID, nested)).rejects.toThrow(/channel\.metadata\.customAttributes/);
    const numeric = { channel, text: 'x', metadata: { count: 3 } } as unknown as OpenInboundMessage;
    await expect(client.sendInboundMessage(INTEGRATION_ID, numeric)).rejects.toThrow(/must be strings: count/);
    expect(server.requests.filter((r) => r.path.includes('/inbound/'))).toHaveLength(0);
  });

  it('posts typing events, receipts and structured responses to their endpoints', async () => {
    const base = `/api/v2/conversations/messages/${INTEGRATION_ID}/inbound/open`;
    for (const suffix of ['event', 'receipt', 'structured/response']) routes.set(`POST ${base}/${suffix}`, { status: 200, body: { id: `r-${suffix}` } });
    const event = { channel: { from: FROM, time: '2024-05-01T13:01:14Z' }, events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }] } as const;
    const receipt = { id: 'gen-out-1', channel: { to: { id: 'user@example.com' }, time: '2024-05-01T13:01:14Z' }, status: 'Delivered', isFinalReceipt: true } as const;
    const structured = {
      channel: { messageId: 'ext-4', time: '2024-05-01T13:01:17Z', from: FROM },
      buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'yes' },
      originatingMessageId: 'gen-out-2',
    } as const;

    expect(await client.sendInboundEvent(INTEGRATION_ID, { ...event, events: [...event.events] })).toEqual({ id: 'r-event' });
    expect(await client.sendInboundReceipt(INTEGRATION_ID, receipt)).toEqual({ id: 'r-receipt' });
    expect(await client.sendStructuredResponse(INTEGRATION_ID, structured, { correlationId: 'c-s' })).toEqual({ id: 'r-structured/response' });

    expect(JSON.parse(only('POST', `${base}/event`).bodyText)).toEqual(event);
    expect(JSON.parse(only('POST', `${base}/receipt`).bodyText)).toEqual(receipt);
    const structuredRequest = only('POST', `${base}/structured/response`);
    expect(JSON.parse(structuredRequest.bodyText)).toEqual(structured);
    expect(structuredRequest.headers['inin-correlation-id']).toBe('c-s');
  });

  it('reads a message conversation and percent-encodes ids in the path', async () => {
    const conversation = { id: 'conv/1', participants: [{ id: 'p-1', purpose: 'customer', attributes: { a: '1' } }], mediaType: 'message' };
    routes.set('GET /api/v2/conversations/messages/conv%2F1', { status: 200, body: conversation });
    expect(await client.getMessageConversation('conv/1')).toEqual(conversation);
    const request = only('GET', '/api/v2/conversations/messages/conv%2F1');
    expect(request.headers.authorization).toBe('Bearer token-1');
    expect(request.bodyText).toBe('');
  });

  it('patches participant attributes on the messages-specific path', async () => {
    const path = '/api/v2/conversations/messages/conv-1/participants/p-1/attributes';
    routes.set(`PATCH ${path}`, { status: 200, body: { attributes: { queueName: 'Sales', score: '7' } } });
    const answer = await client.patchParticipantAttributes('conv-1', 'p-1', { queueName: 'Sales', score: '7' });
    expect(answer).toEqual({ attributes: { queueName: 'Sales', score: '7' } });
    expect(JSON.parse(only('PATCH', path).bodyText)).toEqual({ attributes: { queueName: 'Sales', score: '7' } });

    routes.set(`PATCH ${path}`, { status: 202 });
    expect(await client.patchParticipantAttributes('conv-1', 'p-1', { a: 'b' })).toBeUndefined();
    await expect(client.patchParticipantAttributes('conv-1', 'p-1', { n: 1 } as unknown as Record<string, string>)).rejects.toThrow(/strings: n/);
  });

  it('disconnects a conversation and a participant with {"state":"disconnected"}', async () => {
    routes.set('PATCH /api/v2/conversations/messages/conv-1', { status: 200, body: { id: 'conv-1' } });
    routes.set('PATCH /api/v2/conversations/messages/conv-1/participants/p-2', { status: 204 });
    await expect(client.disconnectConversation('conv-1')).resolves.toBeUndefined();
    await expect(client.disconnectParticipant('conv-1', 'p-2')).resolves.toBeUndefined();
    expect(JSON.parse(only('PATCH', '/api/v2/conversations/messages/conv-1').bodyText)).toEqual({ state: 'disconnected' });
    expect(JSON.parse(only('PATCH', '/api/v2/conversations/messages/conv-1/participants/p-2').bodyText)).toEqual({ state: 'disconnected' });
  });

  it('lists queues, skills and languages with their query strings', async () => {
    const listing = { entities: [{ id: 'x', name: 'X' }], pageNumber: 2, pageSize: 10, pageCount: 3, total: 21 };
    routes.set('GET /api/v2/routing/queues', { status: 200, body: listing });
    routes.set('GET /api/v2/routing/skills', { status: 200, body: listing });
    routes.set('GET /api/v2/routing/languages', { status: 200, body: listing });

    expect(await client.listQueues({ name: 'Sales & Support', pageNumber: 2, pageSize: 10 })).toEqual(listing);
    expect(await client.listSkills({ name: 'Bill', pageSize: 50 })).toEqual(listing);
    expect(await client.listLanguages({ name: 'en', sortOrder: 'ascending' })).toEqual(listing);
    await client.listQueues();

    const queueRequests = server.requestsTo('/api/v2/routing/queues');
    expect(queueRequests[0].query.toString()).toBe('name=Sales+%26+Support&pageNumber=2&pageSize=10');
    expect(queueRequests[1].query.toString()).toBe('');
    expect(only('GET', '/api/v2/routing/skills').query.toString()).toBe('name=Bill&pageSize=50');
    expect(only('GET', '/api/v2/routing/languages').query.toString()).toBe('name=en&sortOrder=ascending');
  });

  it('treats an empty 200 to a read as a transient error', async () => {
    routes.set('GET /api/v2/routing/skills', { status: 200 });
    await expect(client.listSkills()).rejects.toMatchObject({ kind: 'transient', code: 'empty.response', retryable: true });
  });

  it('puts the Bot Connector bot list and posts Digital Bot Connector replies', async () => {
    const botsPath = `/api/v2/integrations/botconnector/${INTEGRATION_ID}/bots`;
    routes.set(`PUT ${botsPath}`, { status: 204 });
    routes.set('POST /api/v2/integrations/botconnectors/outgoing/messages', { status: 200, body: { messageId: 'bot-msg-1' } });
    const botList = {
      chatBots: [
        {
          id: 'bot-1',
          name: 'CustomerService',
          versions: [{ version: 'v1', supportedLanguages: ['en-us'], intents: [{ name: 'Escalate', slots: { Size: { name: 'Size', type: 'Integer' } } }] }],
        },
      ],
    };
    const reply = {
      botId: 'bot-1',
      botSessionId: 'session-1',
      botState: 'Complete',
      intent: 'Escalate',
      replyMessages: [{ type: 'Text', text: 'One moment' }],
      parameters: { queueName: 'Sales' },
    } as const;

    await expect(client.putBotConnectorBots(INTEGRATION_ID, botList)).resolves.toBeUndefined();
    expect(await client.sendBotConnectorReply({ ...reply, replyMessages: [...reply.replyMessages] })).toEqual({ messageId: 'bot-msg-1' });
    expect(JSON.parse(only('PUT', botsPath).bodyText)).toEqual(botList);
    expect(JSON.parse(only('POST', '/api/v2/integrations/botconnectors/outgoing/messages').bodyText)).toEqual(reply);
  });

  it('accepts a region id and resolves the real Genesys hosts', async () => {
    const regional = new GenesysClient({ hosts: 'eu-central-1', credentials: { clientId: 'c', clientSecret: 's' } });
    expect(regional.hosts).toEqual({ apiBaseUrl: 'https://api.mypurecloud.de', loginBaseUrl: 'https://login.mypurecloud.de' });
    await regional.close();
  });
});

describe('GenesysClient default token cache', () => {
  it('shares one token across clients of the same OAuth client in the process', async () => {
    const server = await startLoopbackServer(withTokenEndpoint(() => ({ status: 200, body: { entities: [] } })));
    const options = {
      hosts: { apiBaseUrl: server.baseUrl, loginBaseUrl: server.baseUrl },
      credentials: { clientId: `process-wide-${Date.now()}`, clientSecret: 'secret' },
    };
    const first = new GenesysClient(options);
    const second = new GenesysClient(options);
    try {
      await first.listSkills();
      await second.listSkills();
      expect(server.requestsTo('/oauth/token')).toHaveLength(1);
      expect(server.requestsTo('/api/v2/routing/skills').map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1']);
    } finally {
      await Promise.all([first.close(), second.close()]);
      await server.close();
    }
  });
});
