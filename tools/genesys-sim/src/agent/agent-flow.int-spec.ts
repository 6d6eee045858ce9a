import { createHmac } from 'node:crypto';
import { inboundMessage } from '../testing/sim-api-client';
import { startSimFixture, TEST_WEBHOOK_SECRET, type SimFixture } from '../testing/sim-fixture';
import { waitFor } from '../testing/wait-for';

interface ParticipantView {
  id: string;
  purpose: string;
  state: string;
  queue?: { id: string; name: string };
  disconnectType?: string;
  endTime?: string;
  wrapupRequired?: boolean;
  startAcwTime?: string;
}

describe('agent flow', () => {
  let fixture: SimFixture;

  afterEach(async () => {
    await fixture.close();
  });

  async function openConversation(fromId = 'customer-1'): Promise<string> {
    const response = await fixture.api.sendInbound(fixture.integration.id, inboundMessage(fromId, { channel: { from: { id: fromId, idType: 'Email' } } }));
    return response.body.conversationId as string;
  }

  const participants = async (conversationId: string): Promise<ParticipantView[]> =>
    (await fixture.api.call<{ participants: ParticipantView[] }>('GET', `/api/v2/conversations/messages/${conversationId}`)).body.participants;

  const nextPayload = (count: number) =>
    waitFor(() => (fixture.receiver.payloads().length >= count ? fixture.receiver.payloads()[count - 1] : undefined), `webhook call ${count}`);

  it('join, send text (signed webhook), end (no webhook, conversation disconnected)', async () => {
    fixture = await startSimFixture();
    const support = fixture.sim.addQueue({ name: 'Support' });
    const conversationId = await openConversation('user@example.com');

    const agent = fixture.sim.agent(conversationId);
    agent.join({ queueId: support.id, name: 'Ann' });
    expect(await participants(conversationId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'customer', state: 'connected' }),
        expect.objectContaining({ purpose: 'agent', state: 'connected', queue: expect.objectContaining({ id: support.id, name: 'Support' }) }),
      ]),
    );

    const sent = agent.sendText('Hello, how can I help?');
    const payload = await nextPayload(1);
    const [request] = fixture.receiver.requests;
    const signature = createHmac('sha256', TEST_WEBHOOK_SECRET).update(request.rawBody).digest('base64');
    expect(request.headers['x-hub-signature-256']).toBe(`sha256=${signature}`);
    expect(payload).toEqual({
      id: sent.id,
      channel: {
        id: fixture.integration.id,
        platform: 'Open',
        type: 'Private',
        messageId: sent.id,
        to: { id: 'user@example.com', idType: 'Email' },
        from: { nickname: fixture.integration.name, id: fixture.integration.id, idType: 'Opaque' },
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
      conversationId,
      direction: 'Outbound',
      originatingEntity: 'Human',
      type: 'Text',
      text: 'Hello, how can I help?',
      content: [],
    });

    agent.end();
    await fixture.sim.idle();
    expect(fixture.receiver.requests).toHaveLength(1);
    const ended = await participants(conversationId);
    expect(ended.every((participant) => participant.state === 'disconnected' && participant.endTime)).toBe(true);
    expect(ended.find((participant) => participant.purpose === 'agent')).toMatchObject({ disconnectType: 'client', wrapupRequired: true, startAcwTime: expect.any(String) });
    expect(ended.find((participant) => participant.purpose === 'customer')).toMatchObject({ disconnectType: 'peer' });
    expect(() => agent.sendText('too late')).toThrow(/ended/);
  });

  it('sends quick replies, cards, carousels and attachments in the Genesys content shapes', async () => {
    fixture = await startSimFixture();
    const conversationId = await openConversation();
    const agent = fixture.sim.agent(conversationId);
    agent.join();
    agent.sendQuickReplies('Proceed?', ['Yes', 'No']);
    const card = { title: 'Plan A', description: 'Cheap', actions: [{ type: 'Postback' as const, text: 'Pick', payload: 'A' }] };
    agent.sendStructured([{ contentType: 'Card', card }]);
    agent.sendStructured([{ contentType: 'Carousel', carousel: { cards: [card, { ...card, title: 'Plan B' }] } }]);
    agent.sendAttachment({ mediaType: 'Image', url: 'https://api-downloads.test/a.png', mime: 'image/png', filename: 'a.png' });
    await fixture.sim.idle();
    const [quick, cardMessage, carousel, attachment] = fixture.receiver.payloads();
    expect(quick).toMatchObject({
      type: 'Structured',
      text: 'Proceed?',
      content: [
        { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'Yes', action: 'Message' } },
        { contentType: 'QuickReply', quickReply: { text: 'No', payload: 'No', action: 'Message' } },
      ],
    });
    expect(cardMessage).toMatchObject({ type: 'Structured', content: [{ contentType: 'Card', card }] });
    expect(carousel).toMatchObject({ type: 'Structured', content: [{ contentType: 'Carousel', carousel: { cards: [{ title: 'Plan A' }, { title: 'Plan B' }] } }] });
    expect(attachment).toMatchObject({
      type: 'Text',
      content: [{ contentType: 'Attachment', attachment: { id: expect.any(String), mediaType: 'Image', url: 'https://api-downloads.test/a.png' } }],
    });
    expect(() => agent.sendStructured([{ contentType: 'Poll' } as never])).toThrow(/contentType/);
  });

  it('degrades structured content to text with structuredContent=text-only (UNCONFIRMED)', async () => {
    fixture = await startSimFixture({ webhook: { structuredContent: 'text-only' } });
    const conversationId = await openConversation();
    fixture.sim.agent(conversationId).join();
    fixture.sim.agent(conversationId).sendQuickReplies('Proceed?', ['Yes', 'No']);
    expect(await nextPayload(1)).toMatchObject({ type: 'Text', text: 'Proceed?\n- Yes\n- No', content: [] });
  });

  it('sends typing only when the integration enables outbound typing (disabled by default, like Genesys)', async () => {
    fixture = await startSimFixture();
    const conversationId = await openConversation();
    const agent = fixture.sim.agent(conversationId);
    agent.join();
    expect(agent.startTyping().suppressed).toMatch(/disabled/);
    await fixture.sim.idle();
    expect(fixture.receiver.requests).toHaveLength(0);

    fixture.sim.addIntegration({ ...fixture.integration, outboundTypingEnabled: true });
    agent.startTyping();
    expect(await nextPayload(1)).toMatchObject({
      type: 'Event',
      direction: 'Outbound',
      events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }],
    });
  });

  it('transfers: the agent leg disconnects into after-call work, the conversation stays up, a new agent joins', async () => {
    fixture = await startSimFixture();
    const tier1 = fixture.sim.addQueue({ name: 'Tier 1' });
    const tier2 = fixture.sim.addQueue({ name: 'Tier 2' });
    const conversationId = await openConversation();
    const agent = fixture.sim.agent(conversationId);
    agent.join({ queueId: tier1.id, name: 'First' });
    agent.transfer(tier2.id);
    await fixture.sim.idle();
    expect(fixture.receiver.requests).toHaveLength(0);

    const afterTransfer = await participants(conversationId);
    expect(afterTransfer.find((participant) => participant.purpose === 'agent')).toMatchObject({
      state: 'disconnected',
      disconnectType: 'transfer',
      wrapupRequired: true,
    });
    expect(afterTransfer.find((participant) => participant.purpose === 'customer')?.state).toBe('connected');
    expect(afterTransfer.find((participant) => participant.purpose === 'acd' && participant.state === 'connected')?.queue?.id).toBe(tier2.id);

    const second = agent.join({ name: 'Second' });
    expect(second.queue).toEqual({ id: tier2.id, name: 'Tier 2' });
    agent.sendText('Tier 2 here');
    expect(await nextPayload(1)).toMatchObject({ text: 'Tier 2 here' });
    const agents = (await participants(conversationId)).filter((participant) => participant.purpose === 'agent');
    expect(agents.map((participant) => participant.state)).toEqual(['disconnected', 'connected']);
  });

  it('lets a bot send without an agent, but not a human', async () => {
    fixture = await startSimFixture();
    const conversationId = await openConversation();
    const agent = fixture.sim.agent(conversationId);
    expect(() => agent.sendText('hi')).toThrow(/no agent/);
    agent.sendText('I am the flow bot', { originatingEntity: 'Bot' });
    expect(await nextPayload(1)).toMatchObject({ originatingEntity: 'Bot', text: 'I am the flow bot' });
  });

  it('leaves conversationId out of webhook payloads with includeConversationId=false (UNCONFIRMED)', async () => {
    fixture = await startSimFixture({ webhook: { includeConversationId: false } });
    const conversationId = await openConversation();
    fixture.sim.agent(conversationId).join();
    fixture.sim.agent(conversationId).sendText('hi');
    expect(await nextPayload(1)).not.toHaveProperty('conversationId');
  });

  it('is drivable over /sim/conversations/:id/agent/*', async () => {
    fixture = await startSimFixture();
    const conversationId = await openConversation();
    const base = `/sim/conversations/${conversationId}/agent`;
    expect((await fixture.api.raw('POST', `${base}/join`, { name: 'HTTP Agent' })).body).toMatchObject({ purpose: 'agent', name: 'HTTP Agent' });
    const sent = await fixture.api.raw('POST', `${base}/messages`, { text: 'over http' });
    expect(sent.status).toBe(200);
    expect(await nextPayload(1)).toMatchObject({ id: sent.body.id, text: 'over http' });
    expect((await fixture.api.raw('POST', `${base}/messages`, { content: [{ contentType: 'QuickReply', quickReply: { text: 'A', payload: 'a' } }] })).status).toBe(200);
    expect((await fixture.api.raw('POST', `${base}/end`)).status).toBe(204);
    const again = await fixture.api.raw('POST', `${base}/messages`, { text: 'after end' });
    expect(again.status).toBe(409);
    expect((await participants(conversationId)).every((participant) => participant.state === 'disconnected')).toBe(true);
  });
});
