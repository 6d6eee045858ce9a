import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { GenesysApiError, type NotificationChannel } from '@genesys-bridge/genesys-client';
import type { EndSignal } from '../end-detection/end-signal';
import type { NotificationsApi } from './budgeted-notifications-api';
import { type ChannelSocket, ConnectionChannels, type ConnectionChannelsSettings } from './connection-channels';
import type { SocketHandlers } from './notification-socket';
import { NotificationsMetrics } from './notifications-metrics';

const TOPICS = (id: string) => [`v2.detail.events.conversation.${id}.customer.end`, `v2.detail.events.conversation.${id}.user.end`];

class FakeSocket implements ChannelSocket {
  isOpen = true;
  constructor(
    readonly uri: string,
    readonly handlers: SocketHandlers,
  ) {}
  close(): void {
    this.isOpen = false;
  }
  /** The server side pushes one message. */
  push(message: Parameters<SocketHandlers['onMessage']>[0]): void {
    this.handlers.onMessage(message);
  }
  drop(): void {
    this.isOpen = false;
    this.handlers.onLost('socket-closed', 'test cut');
  }
}

/** An in-memory Notifications API: channels with topic sets; `gone` channels answer 404. */
class FakeApi implements NotificationsApi {
  readonly topics = new Map<string, Set<string>>();
  readonly calls: string[] = [];
  readonly gone = new Set<string>();
  private created = 0;

  async createChannel(): Promise<NotificationChannel> {
    const id = `ch-${++this.created}`;
    this.topics.set(id, new Set());
    this.calls.push(`create ${id}`);
    return { id, connectUri: `fake://${id}`, expires: new Date(Date.now() + 24 * 3_600_000).toISOString() };
  }
  async channelExists(channelId: string): Promise<boolean> {
    this.calls.push(`head ${channelId}`);
    return this.topics.has(channelId) && !this.gone.has(channelId);
  }
  async addSubscriptions(channelId: string, topics: readonly string[]): Promise<void> {
    this.calls.push(`add ${channelId} ${topics.length}`);
    this.check(channelId);
    for (const topic of topics) this.topics.get(channelId)?.add(topic);
  }
  async replaceSubscriptions(channelId: string, topics: readonly string[]): Promise<void> {
    this.calls.push(`put ${channelId} ${topics.length}`);
    this.check(channelId);
    this.topics.set(channelId, new Set(topics));
  }
  private check(channelId: string): void {
    if (this.gone.has(channelId)) throw new GenesysApiError({ kind: 'permanent', status: 404, message: 'channel not found' });
  }
}

describe('ConnectionChannels (fake API and sockets)', () => {
  let api: FakeApi;
  let sockets: FakeSocket[];
  let desired: string[];
  let signals: EndSignal[];
  let owner: boolean;
  let leaseLost: string[];
  let registry: Registry;
  let channels: ConnectionChannels | undefined;

  beforeAll(() => {
    for (const level of ['log', 'warn', 'error'] as const) jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
  });
  afterAll(() => jest.restoreAllMocks());

  beforeEach(() => {
    api = new FakeApi();
    sockets = [];
    desired = [];
    signals = [];
    owner = true;
    leaseLost = [];
    registry = new Registry();
  });

  afterEach(() => {
    channels?.stop();
    channels = undefined;
  });

  function start(settings: Partial<ConnectionChannelsSettings> = {}, allowed = 1): ConnectionChannels {
    channels = new ConnectionChannels(
      {
        connectionId: 'connection-1',
        api,
        stillOwner: () => owner,
        desiredConversations: async () => [...desired],
        sink: { signal: async (signal) => void signals.push(signal) },
        metrics: new NotificationsMetrics(registry),
        settings: {
          suffixes: ['customer.end', 'user.end'],
          perChannel: 500,
          timings: { pingMs: 60_000, heartbeatMs: 60_000 },
          syncMs: 3_600_000,
          renewAfterMs: 23 * 3_600_000,
          checkAfterGap: true,
          ...settings,
        },
        connect: async (uri, _timings, handlers) => {
          const socket = new FakeSocket(uri, handlers);
          sockets.push(socket);
          return socket;
        },
        onLeaseLost: (why) => void leaseLost.push(why),
      },
      allowed,
    );
    return channels;
  }

  async function sync(): Promise<void> {
    channels?.requestSync();
    await channels?.settled();
  }

  const gauge = async (name: string) => (await registry.getSingleMetric(`genesys_bridge_${name}`)?.get())?.values[0]?.value;
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(condition()).toBe(true);
  };

  it('opens a channel, connects before subscribing, subscribes every conversation and checks them once (takeover gap)', async () => {
    desired = ['c-1', 'c-2'];
    start();
    await sync();
    expect(api.calls).toEqual(['create ch-1', 'put ch-1 4']);
    expect(sockets.map((socket) => socket.uri)).toEqual(['fake://ch-1']);
    expect([...(api.topics.get('ch-1') ?? [])].sort()).toEqual([...TOPICS('c-1'), ...TOPICS('c-2')].sort());
    await until(() => signals.length === 2);
    expect(signals.map((signal) => [signal.genesysConversationId, signal.kind, signal.path])).toEqual([
      ['c-1', 'check', 'notifications'],
      ['c-2', 'check', 'notifications'],
    ]);
    expect(await gauge('notifications_channels')).toBe(1);
    expect(await gauge('notifications_subscribed_conversations')).toBe(2);

    // Nothing changed: no call.
    await sync();
    expect(api.calls).toHaveLength(2);
  });

  it('adds new conversations with POST and removes ended ones with a PUT only when room is needed', async () => {
    desired = ['c-1', 'c-2'];
    start({ perChannel: 2 });
    await sync();
    desired = ['c-1'];
    await sync();
    expect(api.calls).toEqual(['create ch-1', 'put ch-1 4']); // c-2 ended: its topics stay for now
    desired = ['c-1', 'c-3'];
    await sync();
    expect(api.calls.at(-1)).toBe('put ch-1 4'); // the room of c-2 was needed: c-1 + c-3
    expect([...(api.topics.get('ch-1') ?? [])].sort()).toEqual([...TOPICS('c-1'), ...TOPICS('c-3')].sort());
    channels?.stop();
    // With room to spare, an ended conversation's topics wait for the periodic clean-up; new ones are added.
    desired = ['c-1', 'c-3'];
    start({ perChannel: 10 });
    await sync();
    desired = ['c-1'];
    await sync();
    desired = ['c-1', 'c-4'];
    await sync();
    expect(api.calls.at(-1)).toBe('add ch-2 2');
  });

  it('opens more channels up to the allowance and counts the rest as over the limit', async () => {
    desired = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];
    start({ perChannel: 2 }, 2);
    await sync();
    expect(api.calls).toEqual(['create ch-1', 'put ch-1 4', 'create ch-2', 'put ch-2 4']);
    expect(await gauge('notifications_over_limit_conversations')).toBe(1);
    (channels as ConnectionChannels).allowedChannels = 3;
    await sync();
    expect(api.calls.slice(-2)).toEqual(['create ch-3', 'put ch-3 2']);
    expect(await gauge('notifications_over_limit_conversations')).toBe(0);
  });

  it('forwards conversation events to the sink once, with eventTime and detail', async () => {
    desired = ['c-1'];
    start({ checkAfterGap: false });
    await sync();
    const eventTime = new Date('2030-01-01T00:00:00.000Z');
    const event = { type: 'conversation', conversationId: 'c-1', kind: 'customer-end', eventTime, detail: { disconnectType: 'PEER' } } as const;
    sockets[0].push(event);
    sockets[0].push(event);
    sockets[0].push({ type: 'heartbeat' });
    await until(() => signals.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signals).toEqual([{ connectionId: 'connection-1', genesysConversationId: 'c-1', path: 'notifications', kind: 'customer-end', eventTime, detail: { disconnectType: 'PEER' } }]);
  });

  it('acts on nothing once the lease ran out (fencing): no signal, the manager is told', async () => {
    desired = ['c-1'];
    start({ checkAfterGap: false });
    await sync();
    owner = false;
    sockets[0].push({ type: 'conversation', conversationId: 'c-1', kind: 'customer-end', eventTime: new Date(), detail: {} });
    desired = ['c-1', 'c-2'];
    await sync();
    expect(signals).toEqual([]);
    expect(leaseLost.length).toBeGreaterThan(0);
    expect(api.calls).toEqual(['create ch-1', 'put ch-1 2']);
  });

  it('reconnects a lost socket to the same channel when it still exists, subscribes again and checks its conversations', async () => {
    desired = ['c-1'];
    start();
    await sync();
    await until(() => signals.length === 1);
    sockets[0].drop();
    await until(() => sockets.length === 2 && signals.length === 2);
    expect(api.calls.slice(2)).toEqual(['head ch-1', 'put ch-1 2']);
    expect(sockets[1].uri).toBe('fake://ch-1');
    expect(signals[1]).toMatchObject({ genesysConversationId: 'c-1', kind: 'check' });
    expect((await registry.getSingleMetric('genesys_bridge_notifications_reconnects_total')?.get())?.values).toEqual([
      expect.objectContaining({ labels: { reason: 'socket-closed' }, value: 1 }),
    ]);
  });

  it('makes a new channel when the lost one is gone (404), and when a subscription call says it is gone', async () => {
    desired = ['c-1'];
    start({ checkAfterGap: false });
    await sync();
    api.gone.add('ch-1');
    sockets[0].drop();
    await until(() => sockets.length === 2);
    expect(api.calls.slice(2)).toEqual(['head ch-1', 'create ch-2', 'put ch-2 2']);

    api.gone.add('ch-2');
    desired = ['c-1', 'c-2'];
    await sync();
    await until(() => sockets.length === 3 && sockets[2].isOpen);
    await channels?.settled();
    expect(api.calls.slice(5)).toEqual(['add ch-2 2', 'create ch-3', 'put ch-3 2']);
    await sync();
    expect(api.calls.at(-1)).toBe('add ch-3 2');
    expect(sockets[1].isOpen).toBe(false);
  });

  it('answers socket_closing make-before-break: new channel, socket and subscriptions first, then the old socket closes', async () => {
    desired = ['c-1', 'c-2'];
    start({ checkAfterGap: false });
    await sync();
    sockets[0].push({ type: 'socket-closing' });
    await until(() => sockets.length === 2 && !sockets[0].isOpen);
    await channels?.settled();
    expect(api.calls.slice(2)).toEqual(['create ch-2', 'put ch-2 4']);
    expect(sockets[1].isOpen).toBe(true);
    expect(channels?.channelIds()).toEqual(['ch-2']);
    expect(signals).toEqual([]);
    // The old socket's late loss does not start a reconnect.
    sockets[0].handlers.onLost('socket-closed', 'closed by Genesys');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sockets).toHaveLength(2);
  });

  it('renews a channel before it expires, make-before-break', async () => {
    desired = ['c-1'];
    start({ renewAfterMs: 1_000, checkAfterGap: false });
    await sync();
    await until(() => sockets.length === 2 && !sockets[0].isOpen);
    expect(api.calls.slice(2, 4)).toEqual(['create ch-2', 'put ch-2 2']);
    expect((await registry.getSingleMetric('genesys_bridge_notifications_reconnects_total')?.get())?.values).toEqual([expect.objectContaining({ labels: { reason: 'expiry' } })]);
  });

  it('closes every socket when stopped', async () => {
    desired = ['c-1'];
    start({ checkAfterGap: false });
    await sync();
    channels?.stop();
    expect(sockets.every((socket) => !socket.isOpen)).toBe(true);
    expect(await gauge('notifications_channels')).toBe(0);
  });
});
