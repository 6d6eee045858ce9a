import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { loadEnv } from '@genesys-bridge/config';
import { GenesysClient, TokenCache } from '@genesys-bridge/genesys-client';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { ConnectionRepository, createDataSource, HandoverRepository, runMigrations } from '@genesys-bridge/persistence';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase, uniqueQueuePrefix, waitFor } from '@genesys-bridge/testing';
import { GenesysRateBudget } from '../delivery-to-genesys/genesys-rate-budget';
import type { EndSignal } from '../end-detection/end-signal';
import { leaseKey } from './channel-lease';
import { NotificationsManager } from './notifications-manager';
import { NotificationsMetrics } from './notifications-metrics';
import { NotificationsSettings } from './notifications.settings';
import { SubscribableHandovers } from './subscribable-handovers';
import { SubscriptionHintPublisher } from './subscription-hints';

/**
 * The Notifications manager against the Genesys simulator's Notifications API (real channels, WebSockets, detail
 * events), real Redis for the lease and the hints, and a SQLite database for the handovers. The end-detection sink is
 * a recorder: what matters here is which signals arrive, and when.
 */
const CLIENT = { clientId: 'notifications-client', clientSecret: 'notifications-secret' };
const KEYS = generateKeyringEntry('k1');

describe('NotificationsManager (Genesys simulator, real Redis)', () => {
  let sim: GenesysSim;
  let database: TestDatabase;
  let dataSource: DataSource;
  let connectionId: string;
  let integrationId: string;
  let genesys: GenesysClient;
  let prefix: string;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const managers: NotificationsManager[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let signals: (EndSignal & { receivedAt: number; by: string })[];
  let handoverCount = 0;

  beforeAll(async () => {
    if (!process.env.SHOW_LOGS) for (const level of ['log', 'warn', 'error', 'debug'] as const) jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
    database = await createTestDatabase('better-sqlite3');
    dataSource = await createDataSource(database.settings).initialize();
    await runMigrations(dataSource, () => undefined);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
    await redis.quit();
    jest.restoreAllMocks();
  });

  beforeEach(async () => {
    signals = [];
    prefix = uniqueQueuePrefix();
    sim = await createGenesysSim({ clients: [CLIENT], rateLimit: { limit: 100_000, windowMs: 60_000 }, notifications: { heartbeatIntervalMs: 200 } });
    integrationId = randomUUID();
    sim.addIntegration({ id: integrationId, name: 'notifications', outboundNotificationWebhookUrl: 'http://127.0.0.1:9/webhook', outboundNotificationWebhookSignatureSecretToken: 'notifications-webhook-secret' });
    const connection = await new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(KEYS))).create({
      name: `notifications-${randomUUID()}`,
      genesysRegion: 'us-east-1',
      genesysApiBaseUrl: sim.url,
      genesysLoginBaseUrl: sim.url,
      genesysClientId: CLIENT.clientId,
      genesysClientSecret: CLIENT.clientSecret,
      openMessagingIntegrationId: integrationId,
      botPlatform: 'generic',
      botPlatformSettings: {},
    });
    connectionId = connection.id;
    genesys = new GenesysClient({ hosts: { apiBaseUrl: sim.url, loginBaseUrl: sim.url }, credentials: CLIENT, tokenCache: new TokenCache() });
  });

  afterEach(async () => {
    for (const manager of managers.splice(0)) await manager.onModuleDestroy();
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    await genesys.close();
    await sim.close();
  });

  function startManager(overrides: Record<string, string> = {}): NotificationsManager {
    const settings = loadEnv(NotificationsSettings, {
      NOTIFICATIONS_LEASE_MS: '1500',
      NOTIFICATIONS_RECONCILE_MS: '200',
      NOTIFICATIONS_SYNC_MS: '60000',
      NOTIFICATIONS_PING_MS: '60000',
      NOTIFICATIONS_HEARTBEAT_MS: '1000',
      ...overrides,
    });
    const env = { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix };
    const connections = new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(KEYS)));
    const clients = new GenesysClients(connections);
    const budget = GenesysRateBudget.connect({ ...env, GENESYS_RATE_LIMIT_PER_MINUTE: 100_000 });
    closers.push(() => clients.onApplicationShutdown(), () => budget.close());
    const manager: NotificationsManager = new NotificationsManager(
      settings,
      env,
      new SubscribableHandovers(dataSource),
      clients,
      budget,
      { signal: async (signal) => void signals.push({ ...signal, receivedAt: Date.now(), by: manager.ownerId }) },
      new NotificationsMetrics(new Registry()),
    );
    managers.push(manager);
    manager.onApplicationBootstrap();
    return manager;
  }

  /** A Genesys conversation in the simulator (an inbound message) with an agent, and its active handover. */
  async function activeHandover(): Promise<string> {
    handoverCount += 1;
    const customer = { id: `customer-${handoverCount}-${randomUUID()}`, idType: 'Email', nickname: 'Customer' };
    const answer = await genesys.sendInboundMessage(
      integrationId,
      { channel: { messageId: randomUUID(), from: customer, time: new Date().toISOString() }, text: 'hello', direction: 'Inbound' } as never,
      { prefetchConversationId: true },
    );
    const genesysConversationId = answer.conversationId as string;
    const handovers = new HandoverRepository(dataSource);
    const { handover } = await handovers.start({ connectionId, platform: 'generic', platformConversationId: randomUUID(), platformContext: {}, customer, attributes: {} }, []);
    await handovers.attachGenesysConversation(handover.id, genesysConversationId);
    sim.agent(genesysConversationId).join({ name: 'Agent' });
    return genesysConversationId;
  }

  const liveChannels = () => sim.notifications.channels().filter((channel) => channel.clientId === CLIENT.clientId);
  const subscribedConversations = () => new Set(Object.values(sim.state.notifications.subscriptions).flat().map((topic) => topic.split('.')[4]));
  const endsOf = (conversationId: string) => signals.filter((signal) => signal.genesysConversationId === conversationId && signal.kind !== 'check');
  const owner = async () => redis.get(leaseKey(prefix, connectionId));

  it('subscribes the active handovers, forwards their end events as notifications signals, and checks them once after taking over', async () => {
    const first = await activeHandover();
    const manager = startManager();
    await waitFor(() => subscribedConversations().has(first) && liveChannels().some((channel) => channel.connected), { what: 'the conversation to be subscribed on a connected channel' });
    expect(liveChannels()).toHaveLength(1);
    expect((await owner())?.startsWith(`${manager.ownerId}|`)).toBe(true);
    const topics = Object.values(sim.state.notifications.subscriptions).flat();
    expect(topics.filter((topic) => topic.includes(first)).sort()).toEqual(
      ['acd.start', 'acw', 'customer.end', 'user.end', 'user.start'].map((suffix) => `v2.detail.events.conversation.${first}.${suffix}`).sort(),
    );
    await waitFor(() => signals.some((signal) => signal.genesysConversationId === first && signal.kind === 'check'), { what: 'the takeover check' });

    const endedAt = Date.now();
    sim.agent(first).end();
    await waitFor(() => endsOf(first).some((signal) => signal.kind === 'customer-end'), { what: 'customer-end' });
    await waitFor(() => endsOf(first).some((signal) => signal.kind === 'acw'), { what: 'acw' });
    const customerEnd = endsOf(first).find((signal) => signal.kind === 'customer-end') as EndSignal & { receivedAt: number };
    expect(customerEnd).toMatchObject({ connectionId, path: 'notifications', detail: { disconnectType: 'PEER' } });
    expect(customerEnd.receivedAt - endedAt).toBeLessThan(500);
    expect(endsOf(first).map((signal) => signal.kind)).toEqual(expect.arrayContaining(['user-end', 'customer-end', 'acw']));
  });

  it('subscribes a new handover within milliseconds of the hint, long before its periodic sync', async () => {
    await activeHandover();
    startManager();
    await waitFor(() => liveChannels().some((channel) => channel.connected), { what: 'a connected channel' });
    const publisher = new SubscriptionHintPublisher({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix });
    closers.push(async () => publisher.onApplicationShutdown());
    const second = await activeHandover();
    const hintedAt = Date.now();
    await publisher.publish({ connectionId, genesysConversationId: second });
    await waitFor(() => subscribedConversations().has(second), { what: 'the hinted conversation to be subscribed', intervalMs: 5 });
    expect(Date.now() - hintedAt).toBeLessThan(1_000);
    sim.agent(second).end();
    await waitFor(() => endsOf(second).some((signal) => signal.kind === 'customer-end'), { what: 'customer-end of the hinted conversation' });
  });

  it('reconnects after the sockets are cut, subscribes again, checks the conversations of the gap, and still gets their ends', async () => {
    const conversation = await activeHandover();
    startManager({ NOTIFICATIONS_CHECK_AFTER_GAP: 'true' });
    await waitFor(() => liveChannels().some((channel) => channel.connected), { what: 'a connected channel' });
    await waitFor(() => signals.some((signal) => signal.kind === 'check'), { what: 'the takeover check' });
    const checksBefore = signals.filter((signal) => signal.kind === 'check').length;
    expect(sim.notifications.cutSockets()).toBe(1);
    await waitFor(() => signals.filter((signal) => signal.kind === 'check').length > checksBefore, { what: 'the gap check after the reconnect' });
    await waitFor(() => liveChannels().some((channel) => channel.connected), { what: 'the socket back' });
    expect(liveChannels().find((channel) => channel.connected)?.connections).toBe(2); // the same channel, connected again
    sim.agent(conversation).end();
    await waitFor(() => endsOf(conversation).some((signal) => signal.kind === 'customer-end'), { what: 'customer-end after the reconnect' });
  });

  /** Ends one conversation every 40 ms from now on; resolves with when each was ended. */
  async function endOneByOne(conversations: string[]): Promise<void> {
    for (const id of conversations) {
      sim.agent(id).end();
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  it('answers socket_closing make-before-break: a new channel is subscribed before the old one closes, and no end is missed', async () => {
    const conversations: string[] = [];
    for (let i = 0; i < 12; i++) conversations.push(await activeHandover());
    startManager();
    await waitFor(() => liveChannels().some((channel) => channel.connected) && conversations.every((id) => subscribedConversations().has(id)), { what: 'subscriptions' });
    const [old] = liveChannels();
    sim.notifications.warnClosing(old.id, 300);
    // Conversations end all through the switch-over: before, during and after.
    await endOneByOne(conversations);
    await waitFor(() => conversations.every((id) => endsOf(id).some((signal) => signal.kind === 'customer-end')), { what: 'every customer-end' });
    const [fresh] = liveChannels().filter((channel) => channel.id !== old.id);
    expect(fresh).toMatchObject({ connected: true, connections: 1 });
    expect(liveChannels().some((channel) => channel.id === old.id && channel.connected)).toBe(false);
    // The new channel was in place before the old socket went: no gap, so no check.
    expect(signals.filter((signal) => signal.kind === 'check')).toHaveLength(conversations.length); // the takeover checks only
  });

  it('renews a channel before it expires (make-before-break), without missing an end', async () => {
    const conversations: string[] = [];
    for (let i = 0; i < 12; i++) conversations.push(await activeHandover());
    startManager({ NOTIFICATIONS_RENEW_AFTER_MS: '1500', NOTIFICATIONS_CHECK_AFTER_GAP: 'false' });
    await waitFor(() => liveChannels().some((channel) => channel.connected) && conversations.every((id) => subscribedConversations().has(id)), { what: 'subscriptions' });
    const [first] = liveChannels();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await endOneByOne(conversations);
    await waitFor(() => conversations.every((id) => endsOf(id).some((signal) => signal.kind === 'customer-end')), { what: 'every customer-end' });
    expect(liveChannels().some((channel) => channel.id !== first.id && channel.connected)).toBe(true);
    expect(liveChannels().some((channel) => channel.id === first.id && channel.connected)).toBe(false);
  });

  it('replaces a socket that stopped receiving anything (heartbeat watchdog)', async () => {
    const conversation = await activeHandover();
    startManager({ NOTIFICATIONS_HEARTBEAT_MS: '300' });
    await waitFor(() => liveChannels().some((channel) => channel.connected), { what: 'a connected channel' });
    sim.options.notifications.stopHeartbeats = true;
    await waitFor(() => (liveChannels()[0]?.connections ?? 0) >= 2, { what: 'the watchdog reconnect', timeoutMs: 5_000 });
    sim.options.notifications.stopHeartbeats = false;
    await waitFor(() => liveChannels().some((channel) => channel.connected), { what: 'the socket back' });
    sim.agent(conversation).end();
    await waitFor(() => endsOf(conversation).some((signal) => signal.kind === 'customer-end'), { what: 'customer-end after the watchdog reconnect' });
  });

  it('lets exactly one of two managers hold the channel; a lost lease closes its socket at once and the other takes over', async () => {
    const conversation = await activeHandover();
    const a = startManager();
    const b = startManager();
    await waitFor(() => liveChannels().some((channel) => channel.connected), { what: 'a connected channel' });
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // several reconcile rounds of both
    expect(liveChannels()).toHaveLength(1);
    const holder = (await owner()) as string;
    const [first, second] = holder.startsWith(`${a.ownerId}|`) ? [a, b] : [b, a];
    expect(first.ownedConnections().has(connectionId)).toBe(true);
    expect(second.ownedConnections().has(connectionId)).toBe(false);

    // Someone else's value in the lease (as if it had expired and been taken): the owner's next renewal fails and it
    // closes its socket at once; once the foreign lease expires, one manager (either) takes the connection again.
    await redis.set(leaseKey(prefix, connectionId), 'intruder|999', 'PX', 800);
    await waitFor(() => !first.ownedConnections().has(connectionId), { what: 'the owner to give up', timeoutMs: 2_000, intervalMs: 5 });
    await waitFor(() => liveChannels().every((channel) => !channel.connected), { what: 'its socket to close', timeoutMs: 500, intervalMs: 5 });
    await waitFor(() => a.ownedConnections().has(connectionId) || b.ownedConnections().has(connectionId), { what: 'a manager to take over', timeoutMs: 3_000 });
    expect([a, b].filter((manager) => manager.ownedConnections().has(connectionId))).toHaveLength(1);
    const next = a.ownedConnections().has(connectionId) ? a : b;
    expect(((await owner()) as string).startsWith(`${next.ownerId}|`)).toBe(true);
    await waitFor(() => liveChannels().some((channel) => channel.connected), { what: 'its channel' });
    expect(liveChannels().filter((channel) => channel.connected)).toHaveLength(1);
    const endedAt = signals.length;
    sim.agent(conversation).end();
    await waitFor(() => endsOf(conversation).some((signal) => signal.kind === 'customer-end'), { what: 'customer-end through the new owner' });
    expect(signals.slice(endedAt).every((signal) => signal.by === next.ownerId)).toBe(true);
  });

  it('hands the channel over at once on a graceful shutdown', async () => {
    await activeHandover();
    const a = startManager();
    await waitFor(() => a.ownedConnections().has(connectionId), { what: 'the first manager to own the connection' });
    const b = startManager();
    await a.onModuleDestroy();
    managers.splice(managers.indexOf(a), 1);
    const releasedAt = Date.now();
    await waitFor(() => b.ownedConnections().has(connectionId), { what: 'the second manager to take over' });
    expect(Date.now() - releasedAt).toBeLessThan(1_000); // a reconcile round, not a lease expiry
  });
});
