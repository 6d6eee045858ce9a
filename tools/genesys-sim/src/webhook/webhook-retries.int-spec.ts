import { startConversationWithAgent } from '../testing/conversation-helpers';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';
import { waitFor } from '../testing/wait-for';

describe('webhook retries', () => {
  let fixture: SimFixture;

  afterEach(async () => {
    await fixture.close();
  });

  async function sendOne(): Promise<string> {
    const conversationId = await startConversationWithAgent(fixture);
    return fixture.sim.agent(conversationId).sendText('hello').id;
  }

  const deliveryOf = (messageId: string) => {
    const delivery = fixture.sim.state.webhookDeliveries.find((candidate) => candidate.messageId === messageId);
    if (!delivery) throw new Error(`no delivery for ${messageId}`);
    return delivery;
  };

  it('retries 503 twice then stops at the 200: exactly 3 attempts with the same bytes and signature', async () => {
    fixture = await startSimFixture({ webhook: { retryIntervalMs: 30 } });
    fixture.receiver.respondWith(503, 503, 200);
    const messageId = await sendOne();
    await fixture.sim.idle();
    expect(fixture.receiver.requests).toHaveLength(3);
    expect(new Set(fixture.receiver.requests.map((request) => request.rawBody.toString('base64'))).size).toBe(1);
    expect(new Set(fixture.receiver.requests.map((request) => request.headers['x-hub-signature-256'])).size).toBe(1);
    const delivery = deliveryOf(messageId);
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map((attempt) => [attempt.status, attempt.outcome])).toEqual([
      [503, 'will-retry'],
      [503, 'will-retry'],
      [200, 'delivered'],
    ]);
    const gaps = fixture.receiver.requests.slice(1).map((request, index) => request.receivedAt - fixture.receiver.requests[index].receivedAt);
    expect(gaps.every((gap) => gap >= 25)).toBe(true);
  });

  it('gives up after 6 attempts when the receiver always answers 500', async () => {
    fixture = await startSimFixture();
    fixture.receiver.defaultStatus = 500;
    const messageId = await sendOne();
    await fixture.sim.idle();
    expect(fixture.receiver.requests).toHaveLength(6);
    const delivery = deliveryOf(messageId);
    expect(delivery.status).toBe('gave-up');
    expect(delivery.attempts.map((attempt) => attempt.outcome)).toEqual([...Array(5).fill('will-retry'), 'gave-up']);
  });

  it('retries 429 like a 5xx', async () => {
    fixture = await startSimFixture();
    fixture.receiver.respondWith(429, 200);
    const messageId = await sendOne();
    await fixture.sim.idle();
    expect(deliveryOf(messageId).attempts.map((attempt) => attempt.status)).toEqual([429, 200]);
  });

  it('does not retry a 400: exactly 1 attempt', async () => {
    fixture = await startSimFixture();
    fixture.receiver.defaultStatus = 400;
    const messageId = await sendOne();
    await fixture.sim.idle();
    expect(fixture.receiver.requests).toHaveLength(1);
    expect(deliveryOf(messageId)).toMatchObject({ status: 'rejected', attempts: [{ status: 400, outcome: 'rejected' }] });
  });

  it('counts a timeout as a failed attempt and retries', async () => {
    fixture = await startSimFixture({ webhook: { timeoutMs: 150 } });
    fixture.receiver.respondWith('hang', 200);
    const messageId = await sendOne();
    await fixture.sim.idle();
    expect(fixture.receiver.requests).toHaveLength(2);
    const [timedOut, delivered] = deliveryOf(messageId).attempts;
    expect(timedOut).toMatchObject({ outcome: 'will-retry', error: 'timeout after 150 ms' });
    expect(timedOut.status).toBeUndefined();
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(140);
    expect(delivered).toMatchObject({ status: 200, outcome: 'delivered' });
  });

  it('retries when the webhook cannot be reached at all', async () => {
    fixture = await startSimFixture({ webhook: { maxRetries: 2 } });
    const unreachable = fixture.receiver.url;
    await fixture.receiver.close();
    fixture.sim.addIntegration({ ...fixture.integration, outboundNotificationWebhookUrl: unreachable });
    const messageId = await sendOne();
    await fixture.sim.idle();
    const delivery = deliveryOf(messageId);
    expect(delivery.status).toBe('gave-up');
    expect(delivery.attempts).toHaveLength(3);
    expect(delivery.attempts[0].error).toMatch(/ECONNREFUSED/);
  });

  it('delivers one conversation in creation order even while an earlier message is being retried', async () => {
    fixture = await startSimFixture();
    fixture.receiver.respondWith(503, 503);
    const conversationId = await startConversationWithAgent(fixture);
    const agent = fixture.sim.agent(conversationId);
    ['one', 'two', 'three'].forEach((text) => agent.sendText(text));
    await fixture.sim.idle();
    expect(fixture.receiver.payloads().map((payload) => payload.text)).toEqual(['one', 'one', 'one', 'two', 'three']);
  });

  it('with ordering "unordered", a retried message is overtaken by later ones (UNCONFIRMED ordering)', async () => {
    fixture = await startSimFixture({ webhook: { ordering: 'unordered', retryIntervalMs: 400 } });
    fixture.receiver.respondWith(503);
    const conversationId = await startConversationWithAgent(fixture);
    const agent = fixture.sim.agent(conversationId);
    agent.sendText('one');
    await waitFor(() => fixture.receiver.requests.length === 1, 'the first attempt');
    agent.sendText('two');
    await fixture.sim.idle();
    expect(fixture.receiver.payloads().map((payload) => payload.text)).toEqual(['one', 'two', 'one']);
  });

  it('can fail the whole conversation when a delivery gives up (disconnectOnGiveUp)', async () => {
    fixture = await startSimFixture({ webhook: { maxRetries: 0, disconnectOnGiveUp: true } });
    fixture.receiver.defaultStatus = 500;
    const conversationId = await startConversationWithAgent(fixture);
    fixture.sim.agent(conversationId).sendText('lost');
    await fixture.sim.idle();
    const conversation = await fixture.api.call<{ participants: { state: string; disconnectType?: string }[] }>(
      'GET',
      `/api/v2/conversations/messages/${conversationId}`,
    );
    expect(conversation.body.participants.every((participant) => participant.state === 'disconnected')).toBe(true);
    expect(conversation.body.participants.map((participant) => participant.disconnectType)).toContain('error');
  });

  it('keeps the conversation up after a failed delivery by default', async () => {
    fixture = await startSimFixture({ webhook: { maxRetries: 0 } });
    fixture.receiver.defaultStatus = 500;
    const conversationId = await startConversationWithAgent(fixture);
    fixture.sim.agent(conversationId).sendText('lost');
    await fixture.sim.idle();
    expect(fixture.sim.conversation(conversationId)?.endTime).toBeUndefined();
  });

  it('abandons a delivery waiting for its next attempt when the simulator closes', async () => {
    fixture = await startSimFixture({ webhook: { retryIntervalMs: 60_000 } });
    fixture.receiver.defaultStatus = 503;
    const messageId = await sendOne();
    await waitFor(() => fixture.sim.state.webhookAttempts.length === 1, 'the first attempt to be recorded');
    const closedAt = Date.now();
    await fixture.sim.close();
    expect(Date.now() - closedAt).toBeLessThan(5_000);
    expect(deliveryOf(messageId)).toMatchObject({ status: 'abandoned', attempts: [{ status: 503, outcome: 'will-retry' }] });
  });
});
