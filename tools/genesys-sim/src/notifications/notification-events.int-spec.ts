import type { GenesysSimOptionsInput } from '../config/sim-options';
import { conversationTopics, openChannel, type NotificationSocket } from '../testing/notification-socket';
import { inboundMessage } from '../testing/sim-api-client';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';
import { waitFor } from '../testing/wait-for';

const END_EVENTS = ['customer.start', 'customer.end', 'user.start', 'user.end', 'acd.start', 'acd.end', 'acw', 'attributes', 'flow.end'];

interface ParticipantView {
  id: string;
  purpose: string;
  state: string;
  disconnectType?: string;
  endTime?: string;
  user?: { id: string };
  queue?: { id: string };
  wrapupRequired?: boolean;
  startAcwTime?: string;
  endAcwTime?: string;
  wrapup?: { code: string; notes?: string; durationSeconds: number; endTime: string };
}

describe('Notifications API: events from conversation changes', () => {
  let fixture: SimFixture;
  let tier1: { id: string };
  let tier2: { id: string };

  async function start(options: GenesysSimOptionsInput = {}): Promise<void> {
    fixture = await startSimFixture(options);
    tier1 = fixture.sim.addQueue({ name: 'Tier 1' });
    tier2 = fixture.sim.addQueue({ name: 'Tier 2' });
    fixture.sim.addIntegration({ ...fixture.integration, inboundQueueId: tier1.id });
  }

  afterEach(async () => {
    await fixture.close();
  });

  async function openConversation(): Promise<string> {
    const response = await fixture.api.sendInbound(fixture.integration.id, inboundMessage(`customer-${Date.now()}`));
    return response.body.conversationId as string;
  }

  async function watch(conversationId: string, events = END_EVENTS): Promise<NotificationSocket> {
    return (await openChannel(fixture.api, conversationTopics(conversationId, events))).socket;
  }

  const participants = async (conversationId: string): Promise<ParticipantView[]> =>
    (await fixture.api.call<{ participants: ParticipantView[] }>('GET', `/api/v2/conversations/messages/${conversationId}`)).body.participants;

  /** The detail events received so far, once everything the sim sent has arrived. */
  async function suffixes(socket: NotificationSocket, conversationId: string): Promise<string[]> {
    await fixture.sim.idle();
    const topics = await socket.caughtUp(fixture.sim.state.notifications);
    return topics.map((topic) => topic.replace(`v2.detail.events.conversation.${conversationId}.`, ''));
  }

  it('agent joins: user.start, then acd.end ANSWERED, with the SDK-model fields', async () => {
    await start();
    const conversationId = await openConversation();
    const socket = await watch(conversationId);
    const agent = fixture.sim.agent(conversationId).join({ name: 'Ann', userId: 'user-ann' });
    await socket.waitForCount({ suffix: 'acd.end' }, 1);
    expect(await suffixes(socket, conversationId)).toEqual(['user.start', 'acd.end']);
    const [userStart, acdEnd] = socket.messages.filter((message) => message.topicName !== 'channel.metadata');
    expect(userStart).toEqual({
      topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
      version: '2',
      eventBody: {
        eventTime: expect.any(Number),
        conversationId,
        participantId: agent.id,
        sessionId: agent.sessionId,
        mediaType: 'MESSAGE',
        provider: 'PureCloud Messaging',
        direction: 'INBOUND',
        addressTo: fixture.integration.id,
        addressFrom: expect.stringMatching(/^customer-/),
        messageType: 'OPEN',
        userId: 'user-ann',
        divisionId: expect.any(String),
        queueId: tier1.id,
      },
      metadata: { CorrelationId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    expect(Math.abs((userStart.eventBody as { eventTime: number }).eventTime - Date.now())).toBeLessThan(5_000);
    expect(acdEnd.eventBody).toMatchObject({ disconnectType: 'TRANSFER', acdOutcome: 'ANSWERED', answeredUserId: 'user-ann', queueId: tier1.id });
  });

  it('agent ends: user.end CLIENT, customer.end PEER, then acw at the wrap-up; GET agrees', async () => {
    await start();
    const conversationId = await openConversation();
    const socket = await watch(conversationId);
    fixture.sim.agent(conversationId).join({ userId: 'user-1' });
    fixture.sim.agent(conversationId).end();
    await fixture.sim.idle();
    expect(await suffixes(socket, conversationId)).toEqual(['user.start', 'acd.end', 'user.end', 'customer.end', 'acw']);
    const body = (suffix: string) => socket.on({ suffix })[0].eventBody as Record<string, unknown>;
    expect(body('user.end')).toMatchObject({ disconnectType: 'CLIENT', userId: 'user-1', queueId: tier1.id, interactingDurationMs: expect.any(Number) });
    expect(body('customer.end')).toMatchObject({
      conversationId,
      disconnectType: 'PEER',
      mediaType: 'MESSAGE',
      messageType: 'OPEN',
      direction: 'INBOUND',
      divisionId: expect.any(String),
    });
    expect(body('customer.end')).not.toHaveProperty('userId');
    expect(body('acw')).toMatchObject({ userId: 'user-1', queueId: tier1.id, wrapupCode: 'ININ-WRAP-UP-TIMEOUT', wrapupDurationMs: expect.any(Number) });
    expect(body('acw')).not.toHaveProperty('divisionId');

    const [customer, acd, agent] = await participants(conversationId);
    expect(customer).toMatchObject({ purpose: 'customer', state: 'disconnected', disconnectType: 'peer', endTime: expect.any(String) });
    expect(acd).toMatchObject({ purpose: 'acd', state: 'disconnected', disconnectType: 'transfer' });
    expect(agent).toMatchObject({
      purpose: 'agent',
      state: 'disconnected',
      disconnectType: 'client',
      user: { id: 'user-1' },
      wrapupRequired: true,
      startAcwTime: agent.endTime,
      endAcwTime: expect.any(String),
      wrapup: { code: 'ININ-WRAP-UP-TIMEOUT', durationSeconds: expect.any(Number), endTime: agent.endAcwTime },
    });
    expect(agent).not.toHaveProperty('userId');
  });

  it('transfer to another queue: user.end TRANSFER, acd.start, acw — never customer.end; the next agent gets user.start', async () => {
    await start();
    const conversationId = await openConversation();
    const socket = await watch(conversationId);
    const agent = fixture.sim.agent(conversationId);
    agent.join({ userId: 'first' });
    agent.transfer(tier2.id);
    await fixture.sim.idle();
    expect(await suffixes(socket, conversationId)).toEqual(['user.start', 'acd.end', 'user.end', 'acd.start', 'acw']);
    expect(socket.on({ suffix: 'user.end' })[0].eventBody).toMatchObject({ disconnectType: 'TRANSFER', userId: 'first', queueId: tier1.id });
    expect(socket.on({ suffix: 'acd.start' })[0].eventBody).toMatchObject({ queueId: tier2.id });
    expect(socket.on({ suffix: 'acw' })[0].eventBody).toMatchObject({ userId: 'first' });

    agent.join({ userId: 'second' });
    await fixture.sim.idle();
    expect((await suffixes(socket, conversationId)).slice(5)).toEqual(['user.start', 'acd.end']);
    expect(socket.on({ suffix: 'user.start' })[1].eventBody).toMatchObject({ userId: 'second', queueId: tier2.id });
    expect(socket.on({ suffix: 'acd.end' })[1].eventBody).toMatchObject({ acdOutcome: 'ANSWERED', answeredUserId: 'second', queueId: tier2.id });
    expect(socket.on({ suffix: 'customer.end' })).toHaveLength(0);
    expect((await participants(conversationId))[0]).toMatchObject({ purpose: 'customer', state: 'connected' });
  });

  it('afterCallWorkMs=null: acw only when the agent applies a wrap-up, with its code and notes', async () => {
    await start({ afterCallWorkMs: null });
    const conversationId = await openConversation();
    const socket = await watch(conversationId);
    fixture.sim.agent(conversationId).join();
    fixture.sim.agent(conversationId).end();
    await fixture.sim.idle();
    expect(socket.on({ suffix: 'acw' })).toHaveLength(0);
    expect((await participants(conversationId))[2]).toMatchObject({ wrapupRequired: true, startAcwTime: expect.any(String) });
    expect((await participants(conversationId))[2]).not.toHaveProperty('endAcwTime');

    fixture.sim.agent(conversationId).wrapUp({ code: 'code-resolved', notes: 'all good' });
    const [acw] = await socket.waitForCount({ suffix: 'acw' }, 1);
    expect(acw.eventBody).toMatchObject({ wrapupCode: 'code-resolved', wrapupNotes: 'all good' });
    expect((await participants(conversationId))[2]).toMatchObject({ wrapup: { code: 'code-resolved', notes: 'all good' }, endAcwTime: expect.any(String) });
    expect(() => fixture.sim.agent(conversationId).wrapUp()).toThrow(/after-call work/);
  });

  it('customer disconnected through the API: customer.end CLIENT, the agent leg ends PEER (participant PATCH) or CLIENT (conversation PATCH)', async () => {
    await start();
    const byParticipant = await openConversation();
    const first = await watch(byParticipant);
    fixture.sim.agent(byParticipant).join();
    const customer = (await participants(byParticipant)).find((participant) => participant.purpose === 'customer');
    const patch = await fixture.api.call('PATCH', `/api/v2/conversations/messages/${byParticipant}/participants/${customer?.id}`, { state: 'disconnected' });
    expect(patch.status).toBe(202);
    await fixture.sim.idle();
    expect(await suffixes(first, byParticipant)).toEqual(['user.start', 'acd.end', 'customer.end', 'user.end', 'acw']);
    expect(first.on({ suffix: 'customer.end' })[0].eventBody).toMatchObject({ disconnectType: 'CLIENT' });
    expect(first.on({ suffix: 'user.end' })[0].eventBody).toMatchObject({ disconnectType: 'PEER' });

    const byConversation = await openConversation();
    const second = await watch(byConversation);
    expect((await fixture.api.call('PATCH', `/api/v2/conversations/messages/${byConversation}`, { state: 'disconnected' })).status).toBe(200);
    await fixture.sim.idle();
    expect(await suffixes(second, byConversation)).toEqual(['customer.end', 'acd.end']);
    expect(second.on({ suffix: 'customer.end' })[0].eventBody).toMatchObject({ disconnectType: 'CLIENT' });
    expect(second.on({ suffix: 'acd.end' })[0].eventBody).toMatchObject({ acdOutcome: 'ABANDON', disconnectType: 'CLIENT' });
  });

  it('emits only subscribed topics, and the whole conversation on the queue and user topics', async () => {
    await start();
    const conversationId = await openConversation();
    const { socket } = await openChannel(fixture.api, [
      ...conversationTopics(conversationId, ['customer.end']),
      `v2.routing.queues.${tier1.id}.conversations.messages`,
      'v2.users.agent-7.conversations.messages',
    ]);
    fixture.sim.agent(conversationId).join({ userId: 'agent-7' });
    fixture.sim.agent(conversationId).end();
    await fixture.sim.idle();
    await socket.caughtUp(fixture.sim.state.notifications);
    const detail = socket.eventTopics().filter((topic) => topic.startsWith('v2.detail'));
    expect(detail).toEqual([`v2.detail.events.conversation.${conversationId}.customer.end`]);
    const snapshots = socket.on(`v2.routing.queues.${tier1.id}.conversations.messages`);
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    const last = snapshots.at(-1)?.eventBody as { id: string; participants: ParticipantView[] };
    expect(last.id).toBe(conversationId);
    expect(last.participants.map((participant) => [participant.purpose, participant.state])).toEqual([
      ['customer', 'disconnected'],
      ['acd', 'disconnected'],
      ['agent', 'disconnected'],
    ]);
    expect(last.participants[2]).toMatchObject({ user: { id: 'agent-7' }, queue: { id: tier1.id, name: 'Tier 1' }, wrapup: { code: 'ININ-WRAP-UP-TIMEOUT' } });
    expect(last.participants[2].queue).not.toHaveProperty('selfUri');
    expect(socket.on('v2.users.agent-7.conversations.messages').length).toBeGreaterThanOrEqual(2);
    expect(fixture.sim.state.notifications.eventsSent.map((event) => event.topic)).toContain(`v2.detail.events.conversation.${conversationId}.customer.end`);
  });

  it('publishes attribute changes (PATCH, inbound customAttributes) as AttributeUpdateEvent', async () => {
    await start();
    const response = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('attr-customer'));
    const conversationId = response.body.conversationId as string;
    const socket = await watch(conversationId, ['attributes']);
    const customer = (await participants(conversationId))[0];
    await fixture.api.call('PATCH', `/api/v2/conversations/${conversationId}/participants/${customer.id}/attributes`, { attributes: { tier: 'gold' } });
    const [event] = await socket.waitForCount({ suffix: 'attributes' }, 1);
    expect(event.eventBody).toEqual({ eventTime: expect.any(Number), conversationId, participantId: customer.id, attributes: { tier: 'gold' } });

    await fixture.api.sendInbound(fixture.integration.id, inboundMessage('attr-customer', { channel: { metadata: { customAttributes: { lang: 'de' } } } }));
    const events = await socket.waitForCount({ suffix: 'attributes' }, 2);
    expect(events[1].eventBody).toMatchObject({ participantId: customer.id, attributes: { tier: 'gold', lang: 'de' } });
  });

  it('dropEvents loses the matching delivery (recorded), while GET still shows the end for a backstop', async () => {
    await start({ notifications: { dropEvents: { next: 1, match: 'customer.end' } } });
    const conversationId = await openConversation();
    const socket = await watch(conversationId);
    fixture.sim.agent(conversationId).join();
    fixture.sim.agent(conversationId).end();
    await fixture.sim.idle();
    expect(await suffixes(socket, conversationId)).toEqual(['user.start', 'acd.end', 'user.end', 'acw']);
    expect(fixture.sim.state.notifications.eventsDropped).toEqual([
      expect.objectContaining({ topic: `v2.detail.events.conversation.${conversationId}.customer.end`, reason: 'fault' }),
    ]);
    expect(fixture.sim.options.notifications.dropEvents.next).toBe(0);
    expect((await participants(conversationId))[0]).toMatchObject({ state: 'disconnected', disconnectType: 'peer' });
  });

  it('dropEvents with a probability draws from the seeded RNG', async () => {
    await start({ notifications: { dropEvents: { probability: 1 } } });
    const conversationId = await openConversation();
    const socket = await watch(conversationId);
    fixture.sim.agent(conversationId).join();
    expect(await suffixes(socket, conversationId)).toEqual([]);
    expect(fixture.sim.state.notifications.eventsDropped).toHaveLength(2);
  });

  it('loses events for a subscribed channel without a socket (not-connected)', async () => {
    await start();
    const conversationId = await openConversation();
    const { socket } = await openChannel(fixture.api, conversationTopics(conversationId, ['user.start']));
    socket.end();
    await waitFor(() => fixture.sim.notifications.channels().every((channel) => !channel.connected), 'the socket to detach');
    fixture.sim.agent(conversationId).join();
    await fixture.sim.idle();
    expect(fixture.sim.state.notifications.eventsDropped).toEqual([expect.objectContaining({ reason: 'not-connected' })]);
  });

  it('eventDelayMs delays delivery; eventTimeFormat=iso sends ISO-8601 eventTime; provider is an option', async () => {
    await start({ notifications: { eventDelayMs: 150, eventTimeFormat: 'iso', provider: 'Open Messaging' } });
    const conversationId = await openConversation();
    const socket = await watch(conversationId);
    const joinedAt = Date.now();
    fixture.sim.agent(conversationId).join();
    const [event] = await socket.waitForCount({ suffix: 'user.start' }, 1);
    expect(Date.now() - joinedAt).toBeGreaterThanOrEqual(140);
    expect((event.eventBody as { eventTime: unknown }).eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(event.eventBody).toMatchObject({ provider: 'Open Messaging' });
  });
});
