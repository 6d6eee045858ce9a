import { inboundMessage } from '../testing/sim-api-client';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';

interface ParticipantView {
  id: string;
  purpose: string;
  state: string;
  attributes: Record<string, string>;
  queue?: { id: string; name: string };
  disconnectType?: string;
}

describe('inbound messages create and continue conversations', () => {
  let fixture: SimFixture;

  afterEach(async () => {
    await fixture.close();
  });

  const getConversation = (id: string) => fixture.api.call<{ id: string; participants: ParticipantView[] }>('GET', `/api/v2/conversations/messages/${id}`);

  it('returns conversationId only with prefetchConversationId=true and puts customAttributes on the customer', async () => {
    fixture = await startSimFixture();
    const queue = fixture.sim.addQueue({ name: 'Support' });
    fixture.sim.addIntegration({ ...fixture.integration, inboundQueueId: queue.id });
    const body = inboundMessage('alice', { channel: { metadata: { customAttributes: { QueueName: 'Support', tier: 'gold' } } } });
    const response = await fixture.api.sendInbound(fixture.integration.id, body, true);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      type: 'Text',
      text: body.text,
      content: [],
      conversationId: expect.any(String),
      channel: { id: fixture.integration.id, platform: 'Open', type: 'Private', from: { id: 'alice', idType: 'Opaque' } },
    });

    const conversation = await getConversation(response.body.conversationId as string);
    expect(conversation.status).toBe(200);
    const customer = conversation.body.participants.find((participant) => participant.purpose === 'customer');
    expect(customer).toMatchObject({ state: 'connected', attributes: { QueueName: 'Support', tier: 'gold' } });
    expect(conversation.body.participants.find((participant) => participant.purpose === 'acd')).toMatchObject({
      state: 'connected',
      queue: { id: queue.id, name: 'Support' },
    });

    const withoutPrefetch = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('alice'), false);
    expect(withoutPrefetch.status).toBe(200);
    expect(withoutPrefetch.body).not.toHaveProperty('conversationId');
    expect(fixture.sim.state.inboundMessages.map((message) => message.conversationId)).toEqual([
      response.body.conversationId,
      response.body.conversationId,
    ]);
  });

  it('merges later customAttributes, keeps one conversation per address, and records the transcript', async () => {
    fixture = await startSimFixture();
    const first = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('bob', { channel: { metadata: { customAttributes: { a: '1' } } } }));
    const second = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('bob', { channel: { metadata: { customAttributes: { b: '2' } } } }));
    const other = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('carol'));
    expect(second.body.conversationId).toBe(first.body.conversationId);
    expect(other.body.conversationId).not.toBe(first.body.conversationId);
    const conversation = fixture.sim.conversation(first.body.conversationId as string);
    expect(conversation?.participants[0].attributes).toEqual({ a: '1', b: '2' });
    expect(conversation?.transcript.map((entry) => entry.id)).toEqual([first.body.id, second.body.id]);
  });

  it('starts a new conversation after the previous one ended', async () => {
    fixture = await startSimFixture();
    const first = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('dave'));
    const disconnect = await fixture.api.call('PATCH', `/api/v2/conversations/messages/${first.body.conversationId as string}`, { state: 'disconnected' });
    expect(disconnect.status).toBe(200);
    const next = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('dave'));
    expect(next.body.conversationId).not.toBe(first.body.conversationId);
    expect((await getConversation(first.body.conversationId as string)).body.participants[0].state).toBe('disconnected');
  });

  it('reopens the ended conversation inside threadingWindowMs (UNCONFIRMED threading)', async () => {
    fixture = await startSimFixture({ threadingWindowMs: 60_000 });
    const first = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('erin'));
    await fixture.api.call('PATCH', `/api/v2/conversations/messages/${first.body.conversationId as string}`, { state: 'disconnected' });
    const next = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('erin'));
    expect(next.body.conversationId).toBe(first.body.conversationId);
    expect((await getConversation(first.body.conversationId as string)).body.participants[0].state).toBe('connected');
  });

  describe('duplicate messageId + time (UNCONFIRMED)', () => {
    const duplicatePair = () => {
      const body = inboundMessage('frank');
      return [body, { ...body, text: 'same ids, other text' }];
    };

    it('accept: stores the second copy as a new message', async () => {
      fixture = await startSimFixture({ duplicateInboundMessages: 'accept' });
      const [a, b] = duplicatePair();
      const first = await fixture.api.sendInbound(fixture.integration.id, a);
      const second = await fixture.api.sendInbound(fixture.integration.id, b);
      expect(second.status).toBe(200);
      expect(second.body.id).not.toBe(first.body.id);
      expect(fixture.sim.state.inboundMessages.map((message) => message.duplicateOf)).toEqual([undefined, first.body.id]);
      expect(fixture.sim.conversation(first.body.conversationId as string)?.transcript).toHaveLength(2);
    });

    it('reject: answers 409 and stores nothing more', async () => {
      fixture = await startSimFixture({ duplicateInboundMessages: 'reject' });
      const [a, b] = duplicatePair();
      await fixture.api.sendInbound(fixture.integration.id, a);
      const second = await fixture.api.sendInbound(fixture.integration.id, b);
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'conflict', status: 409 });
      expect(fixture.sim.state.inboundMessages).toHaveLength(1);
    });

    it('dedupe: answers the original message again and stores nothing more', async () => {
      fixture = await startSimFixture({ duplicateInboundMessages: 'dedupe' });
      const [a, b] = duplicatePair();
      const first = await fixture.api.sendInbound(fixture.integration.id, a);
      const second = await fixture.api.sendInbound(fixture.integration.id, b);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(fixture.sim.state.inboundMessages).toHaveLength(1);
    });
  });

  it('enforces configured limits: custom attribute count and the per-integration inbound rate', async () => {
    fixture = await startSimFixture({ maxParticipantAttributes: 2, inboundRateLimit: { limit: 2, windowMs: 60_000 } });
    const tooMany = await fixture.api.sendInbound(
      fixture.integration.id,
      inboundMessage('gina', { channel: { metadata: { customAttributes: { a: '1', b: '2', c: '3' } } } }),
    );
    expect(tooMany.status).toBe(400);
    expect(fixture.sim.state.conversations).toHaveLength(0);
    expect((await fixture.api.sendInbound(fixture.integration.id, inboundMessage('gina'))).status).toBe(200);
    const limited = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('gina'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
