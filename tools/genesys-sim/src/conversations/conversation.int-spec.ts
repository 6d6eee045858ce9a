import { inboundMessage } from '../testing/sim-api-client';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';

interface ParticipantView {
  id: string;
  purpose: string;
  state: string;
  attributes: Record<string, string>;
  disconnectType?: string;
}

describe('conversations API', () => {
  let fixture: SimFixture;

  afterEach(async () => {
    await fixture.close();
  });

  async function openConversation(customAttributes: Record<string, string> = { seeded: 'yes' }) {
    const response = await fixture.api.sendInbound(fixture.integration.id, inboundMessage(`c-${Date.now()}-${Math.random()}`, { channel: { metadata: { customAttributes } } }));
    const conversationId = response.body.conversationId as string;
    const customerId = fixture.sim.conversation(conversationId)?.participants[0].id as string;
    return { conversationId, customerId };
  }

  const read = async (conversationId: string) =>
    (await fixture.api.call<{ participants: ParticipantView[] }>('GET', `/api/v2/conversations/messages/${conversationId}`)).body.participants;

  describe.each([
    ['/api/v2/conversations/messages', 200],
    ['/api/v2/conversations', 202],
  ])('PATCH %s/{id}/participants/{pid}/attributes', (prefix, successStatus) => {
    const patch = (conversationId: string, participantId: string, attributes: unknown) =>
      fixture.api.call('PATCH', `${prefix}/${conversationId}/participants/${participantId}/attributes`, { attributes });

    it('merges string attributes by default and records the patch', async () => {
      fixture = await startSimFixture();
      const { conversationId, customerId } = await openConversation();
      const response = await patch(conversationId, customerId, { QueueName: 'Support', seeded: 'changed' });
      expect(response.status).toBe(successStatus);
      if (successStatus === 200) expect(response.body).toEqual({ attributes: { seeded: 'changed', QueueName: 'Support' } });
      expect((await read(conversationId))[0].attributes).toEqual({ seeded: 'changed', QueueName: 'Support' });
      expect(fixture.sim.state.attributePatches).toEqual([
        expect.objectContaining({ conversationId, participantId: customerId, attributes: { QueueName: 'Support', seeded: 'changed' }, mode: 'merge' }),
      ]);
    });

    it('replaces the whole map with attributePatchMode=replace (UNCONFIRMED)', async () => {
      fixture = await startSimFixture({ attributePatchMode: 'replace' });
      const { conversationId, customerId } = await openConversation();
      expect((await patch(conversationId, customerId, { only: 'this' })).status).toBe(successStatus);
      expect((await read(conversationId))[0].attributes).toEqual({ only: 'this' });
    });

    it('rejects non-string values with a 400 naming the attribute, and unknown ids with 404', async () => {
      fixture = await startSimFixture();
      const { conversationId, customerId } = await openConversation();
      const bad = await patch(conversationId, customerId, { count: 3 });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('attributes.count');
      expect((await read(conversationId))[0].attributes).toEqual({ seeded: 'yes' });
      expect((await patch(conversationId, 'no-such-participant', { a: 'b' })).status).toBe(404);
      expect((await patch('no-such-conversation', customerId, { a: 'b' })).status).toBe(404);
    });
  });

  it('enforces a configured attribute value length (UNCONFIRMED API limits)', async () => {
    fixture = await startSimFixture({ maxAttributeValueLength: 5 });
    const { conversationId, customerId } = await openConversation({});
    const path = `/api/v2/conversations/messages/${conversationId}/participants/${customerId}/attributes`;
    expect((await fixture.api.call('PATCH', path, { attributes: { a: '123456' } })).status).toBe(400);
    expect((await fixture.api.call('PATCH', path, { attributes: { a: '12345' } })).status).toBe(200);
  });

  it('disconnects one participant: the customer leaving ends the conversation', async () => {
    fixture = await startSimFixture();
    const { conversationId, customerId } = await openConversation();
    fixture.sim.agent(conversationId).join();
    const path = `/api/v2/conversations/messages/${conversationId}/participants/${customerId}`;
    expect((await fixture.api.call('PATCH', path, { state: 'connected' })).status).toBe(400);
    expect((await fixture.api.call('PATCH', path, { state: 'disconnected' })).status).toBe(202);
    const participants = await read(conversationId);
    expect(participants.map((participant) => [participant.purpose, participant.state, participant.disconnectType])).toEqual([
      ['customer', 'disconnected', 'client'],
      ['agent', 'disconnected', 'peer'],
    ]);
  });

  it('disconnects everyone with PATCH /conversations/messages/{id} {state: disconnected}', async () => {
    fixture = await startSimFixture();
    const { conversationId } = await openConversation();
    fixture.sim.agent(conversationId).join();
    const response = await fixture.api.call<{ participants: ParticipantView[] }>('PATCH', `/api/v2/conversations/messages/${conversationId}`, {
      state: 'disconnected',
    });
    expect(response.status).toBe(200);
    expect(response.body.participants.every((participant) => participant.state === 'disconnected')).toBe(true);
    expect((await fixture.api.call('GET', '/api/v2/conversations/messages/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
