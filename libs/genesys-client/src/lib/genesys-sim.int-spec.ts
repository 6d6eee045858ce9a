import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { TokenCache } from './auth/token-cache';
import { GenesysApiError } from './genesys-api.error';
import { GenesysClient } from './genesys.client';

const CLIENT_ID = 'bridge-client';
const CLIENT_SECRET = 'bridge-client-secret';
const INTEGRATION_ID = 'a7d3c0de-0000-4000-8000-000000000001';

describe('GenesysClient against the Genesys simulator', () => {
  let sim: GenesysSim;
  let client: GenesysClient;

  beforeEach(async () => {
    sim = await createGenesysSim({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
      integrations: [
        {
          id: INTEGRATION_ID,
          name: 'bridge',
          outboundNotificationWebhookUrl: 'http://127.0.0.1:9/unused',
          outboundNotificationWebhookSignatureSecretToken: 'a-signature-secret-of-some-length',
        },
      ],
      queues: [{ name: 'Sales Support' }],
    });
    client = new GenesysClient({
      hosts: { apiBaseUrl: sim.url, loginBaseUrl: sim.url },
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      tokenCache: new TokenCache(),
    });
  });

  afterEach(async () => {
    await client.close();
    await sim.close();
  });

  const sendHello = (messageId: string, customAttributes?: Record<string, string>) =>
    client.sendInboundMessage(
      INTEGRATION_ID,
      {
        channel: {
          messageId,
          time: new Date().toISOString(),
          from: { id: 'customer-1', idType: 'Opaque', nickname: 'Customer' },
          ...(customAttributes ? { metadata: { customAttributes } } : {}),
        },
        text: 'Hello',
      },
      { prefetchConversationId: true, correlationId: `corr-${messageId}` },
    );

  it('gets a token, sends an inbound message with prefetchConversationId and sets participant attributes', async () => {
    const sent = await sendHello('ext-1', { tier: 'gold' });
    expect(sent.conversationId).toEqual(expect.any(String));
    expect(sim.state.tokensIssued).toHaveLength(1);
    expect(sim.state.apiRequests.find((r) => r.url.includes('/inbound/open/message'))?.correlationId).toBe('corr-ext-1');

    const conversationId = sent.conversationId as string;
    const conversation = await client.getMessageConversation(conversationId);
    const customer = conversation.participants.find((participant) => participant.purpose === 'customer');
    expect(customer?.attributes).toEqual({ tier: 'gold' });

    const answer = await client.patchParticipantAttributes(conversationId, customer?.id as string, { queueName: 'Sales Support' });
    expect(answer?.attributes).toEqual({ tier: 'gold', queueName: 'Sales Support' });
    expect(sim.conversation(conversationId)?.participants.find((p) => p.purpose === 'customer')?.attributes).toEqual({
      tier: 'gold',
      queueName: 'Sales Support',
    });
    expect(sim.state.attributePatches.map((patch) => patch.route)).toEqual(['conversations/messages']);

    expect(await client.findQueueByName('sales support')).toMatchObject({ name: 'Sales Support' });
    await client.disconnectConversation(conversationId);
    expect(sim.conversation(conversationId)?.endTime).toEqual(expect.any(String));
    expect(sim.state.tokensIssued).toHaveLength(1);
  });

  it('refreshes the token once after the simulator expires it', async () => {
    await sendHello('ext-2');
    sim.expireTokens();
    await sendHello('ext-3');
    expect(sim.state.tokensIssued).toHaveLength(2);
    expect(sim.state.inboundMessages).toHaveLength(2);
  });

  it('classifies the normalised 429 as rate-limited with Retry-After', async () => {
    sim.options.rateLimit.limit = 1;
    await sendHello('ext-4');
    const error = await sendHello('ext-5').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenesysApiError);
    expect(error).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      retryable: true,
      code: 'too.many.requests.retry.after',
      correlationId: 'corr-ext-5',
    });
    expect((error as GenesysApiError).retryAfterMs).toBeGreaterThan(0);
    expect((error as GenesysApiError).retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('classifies an injected 503 as transient', async () => {
    sim.options.faults.apiError.next = 1;
    sim.options.faults.apiError.status = 503;
    await expect(client.listQueues()).rejects.toMatchObject({ kind: 'transient', status: 503, retryable: true });
  });
});
