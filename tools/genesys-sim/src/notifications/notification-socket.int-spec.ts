import type { GenesysSimOptionsInput } from '../config/sim-options';
import { createChannel, NotificationSocket, openChannel } from '../testing/notification-socket';
import { inboundMessage } from '../testing/sim-api-client';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';

describe('Notifications API: the WebSocket', () => {
  let fixture: SimFixture;

  async function start(options: GenesysSimOptionsInput = {}): Promise<void> {
    fixture = await startSimFixture(options);
  }

  afterEach(async () => {
    await fixture.close();
  });

  const head = (channelId: string) => fixture.api.call('HEAD', `/api/v2/notifications/channels/${channelId}`).then((response) => response.status);

  it('sends a channel.metadata heartbeat every heartbeatIntervalMs', async () => {
    await start({ notifications: { heartbeatIntervalMs: 100 } });
    const { socket } = await openChannel(fixture.api, []);
    const connectedAt = Date.now();
    const beats = await socket.waitForCount('channel.metadata', 3);
    expect(Date.now() - connectedAt).toBeGreaterThanOrEqual(290);
    expect(beats[0]).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
    expect(fixture.sim.state.notifications.systemMessagesSent[0]).toMatchObject({ topic: 'channel.metadata', message: 'WebSocket Heartbeat' });
    socket.end();
  });

  it('stopHeartbeats silences them (the socket stays open); heartbeatMessage changes the text', async () => {
    await start({ notifications: { heartbeatIntervalMs: 50, stopHeartbeats: true, heartbeatMessage: 'beat' } });
    const { socket } = await openChannel(fixture.api, []);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.messages).toEqual([]);
    expect(socket.closed).toBeUndefined();
    fixture.sim.options.notifications.stopHeartbeats = false;
    const [beat] = await socket.waitForCount('channel.metadata', 1);
    expect(beat.eventBody).toEqual({ message: 'beat' });
    socket.end();
  });

  it('answers the client text frame {"message":"ping"} with a pong on channel.metadata, and ignores other frames', async () => {
    await start();
    const { socket } = await openChannel(fixture.api, []);
    socket.ws.send('not json');
    socket.ws.send(JSON.stringify({ message: 'hello' }));
    socket.ping();
    const [pong] = await socket.waitForCount('channel.metadata', 1);
    expect(pong).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'pong' } });
    expect(socket.messages).toHaveLength(1);
    socket.end();
  });

  it('warnClosing: v2.system.socket_closing, then a close after the delay; the channel is removed (afterSocketClosing=removed)', async () => {
    await start();
    const { channel, socket } = await openChannel(fixture.api, []);
    fixture.sim.notifications.warnClosing(channel.id, 150);
    const [warning] = await socket.waitForCount('v2.system.socket_closing', 1);
    expect(warning.eventBody).toMatchObject({ channelId: channel.id, systemTopicType: 'socket_closing', message: expect.any(String) });
    const warnedAt = Date.now();
    expect(await socket.waitForClose()).toMatchObject({ code: 1000 });
    expect(Date.now() - warnedAt).toBeGreaterThanOrEqual(100);
    expect(await head(channel.id)).toBe(404);
    expect(fixture.sim.state.notifications.channels[0]).toMatchObject({ removedReason: 'socket-closing' });
  });

  it('afterSocketClosing=kept: the channel survives the close and takes a new socket; the default delay is socketClosingDelayMs', async () => {
    await start({ notifications: { afterSocketClosing: 'kept', socketClosingDelayMs: 50 } });
    const { channel, socket } = await openChannel(fixture.api, []);
    expect((await fixture.api.raw('POST', `/sim/notifications/channels/${channel.id}/socket-closing`, {})).status).toBe(204);
    await socket.waitForCount('v2.system.socket_closing', 1);
    expect((await socket.waitForClose()).code).toBe(1000);
    expect(await head(channel.id)).toBe(200);
    const again = await NotificationSocket.connect(channel.connectUri);
    again.end();
  });

  it('cutSockets drops every socket without a close frame (1006); channels and subscriptions stay, a reconnect gets events again', async () => {
    await start();
    const conversationId = (await fixture.api.sendInbound(fixture.integration.id, inboundMessage('cut-customer'))).body.conversationId as string;
    const topic = `v2.detail.events.conversation.${conversationId}.user.start`;
    const { channel, socket } = await openChannel(fixture.api, [topic]);
    const second = await NotificationSocket.connect((await createChannel(fixture.api)).connectUri);
    expect(fixture.sim.notifications.cutSockets()).toBe(2);
    expect((await socket.waitForClose()).code).toBe(1006);
    expect((await second.waitForClose()).code).toBe(1006);
    expect(await head(channel.id)).toBe(200);

    const reconnected = await NotificationSocket.connect(channel.connectUri);
    fixture.sim.agent(conversationId).join();
    expect(await reconnected.waitForCount(topic, 1)).toHaveLength(1);
    expect((await fixture.api.raw<{ cut: number }>('POST', '/sim/notifications/cut-sockets')).body).toEqual({ cut: 1 });
  });

  it('sim.reset() forgets the event records but keeps channels, subscriptions and sockets', async () => {
    await start();
    const first = (await fixture.api.sendInbound(fixture.integration.id, inboundMessage('reset-1'))).body.conversationId as string;
    const topics = [`v2.detail.events.conversation.${first}.user.start`];
    const { channel, socket } = await openChannel(fixture.api, topics);
    fixture.sim.agent(first).join();
    await socket.waitForCount(topics[0], 1);
    fixture.sim.reset();
    expect(fixture.sim.state.notifications.eventsSent).toEqual([]);
    expect(fixture.sim.state.notifications.subscriptions).toEqual({ [channel.id]: topics });
    expect(fixture.sim.notifications.channels()).toEqual([expect.objectContaining({ id: channel.id, connected: true })]);
    socket.end();
  });

  it('closes every socket when the simulator closes', async () => {
    await start();
    const { socket } = await openChannel(fixture.api, []);
    await fixture.sim.close();
    expect((await socket.waitForClose()).code).toBe(1006);
  });
});
