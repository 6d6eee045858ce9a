import { createChannel, NotificationSocket, type CreatedChannel } from '../testing/notification-socket';
import { SimApiClient } from '../testing/sim-api-client';
import { startSimFixture, TEST_CLIENT, type SimFixture } from '../testing/sim-fixture';
import { waitFor } from '../testing/wait-for';

const CHANNELS = '/api/v2/notifications/channels';
const OTHER_CLIENT = { clientId: 'other-client', clientSecret: 'other-client-secret' };

describe('Notifications API: channels', () => {
  let fixture: SimFixture;
  let other: SimApiClient;

  beforeEach(async () => {
    fixture = await startSimFixture();
    fixture.sim.addClient(OTHER_CLIENT);
    other = new SimApiClient(fixture.sim.url, OTHER_CLIENT.clientId, OTHER_CLIENT.clientSecret);
  });

  afterEach(async () => {
    await fixture.close();
  });

  const head = (api: SimApiClient, channelId: string) => api.call('HEAD', `${CHANNELS}/${channelId}`).then((response) => response.status);

  it('creates a channel {id, connectUri, expires} on the sim port, lists it and answers HEAD 200/404', async () => {
    const before = Date.now();
    const channel = await createChannel(fixture.api);
    expect(channel).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), connectUri: `${fixture.sim.url.replace('http', 'ws')}/channels/${channel.id}`, expires: expect.any(String) });
    const expires = Date.parse(channel.expires) - before;
    expect(expires).toBeGreaterThan(24 * 3_600_000 - 5_000);
    expect(expires).toBeLessThanOrEqual(24 * 3_600_000 + 5_000);
    expect((await fixture.api.call('GET', CHANNELS)).body).toEqual({ entities: [channel] });
    expect(await head(fixture.api, channel.id)).toBe(200);
    expect(await head(fixture.api, '00000000-0000-0000-0000-000000000000')).toBe(404);
    expect(fixture.sim.state.notifications.channels).toEqual([expect.objectContaining({ id: channel.id, clientId: TEST_CLIENT.clientId, connected: false })]);
  });

  it('needs a bearer token', async () => {
    const response = await fixture.api.raw('POST', CHANNELS);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'authentication.required' });
  });

  it("hides a channel from another OAuth client: 404 on HEAD, subscriptions and its list; the same client's other token sees it", async () => {
    const channel = await createChannel(fixture.api);
    expect(await head(other, channel.id)).toBe(404);
    const subscriptions = await other.call('GET', `${CHANNELS}/${channel.id}/subscriptions`);
    expect(subscriptions.status).toBe(404);
    expect(subscriptions.body).toMatchObject({ code: 'not.found', status: 404, contextId: expect.any(String) });
    expect((await other.call('PUT', `${CHANNELS}/${channel.id}/subscriptions`, [])).status).toBe(404);
    expect((await other.call('GET', CHANNELS)).body).toEqual({ entities: [] });

    const secondToken = new SimApiClient(fixture.sim.url, TEST_CLIENT.clientId, TEST_CLIENT.clientSecret);
    expect(await head(secondToken, channel.id)).toBe(200);
    expect((await secondToken.call('GET', CHANNELS)).body).toEqual({ entities: [] });
    expect((await secondToken.call('GET', `${CHANNELS}?includechannels=oauthclient`)).body).toEqual({ entities: [{ expires: channel.expires }] });
  });

  it('keeps at most 20 channels per client: the 21st evicts the least recently used unconnected one, then connected ones (socket closed)', async () => {
    const channels: CreatedChannel[] = [];
    for (let index = 0; index < 20; index += 1) channels.push(await createChannel(fixture.api));
    const oldestSocket = await NotificationSocket.connect(channels[0].connectUri);
    const otherClients = await createChannel(other);

    const twentyFirst = await createChannel(fixture.api);
    expect(await head(fixture.api, channels[1].id)).toBe(404);
    expect(await head(fixture.api, channels[0].id)).toBe(200);
    expect(await head(other, otherClients.id)).toBe(200);
    expect((await fixture.api.call<{ entities: unknown[] }>('GET', CHANNELS)).body.entities).toHaveLength(20);
    expect(fixture.sim.state.notifications.channels.find((record) => record.id === channels[1].id)).toMatchObject({ removedReason: 'evicted' });

    // Every remaining channel connected: the least recently used connected channel goes, and its socket is closed.
    const sockets = await Promise.all([...channels.slice(2), twentyFirst].map((channel) => NotificationSocket.connect(channel.connectUri)));
    await createChannel(fixture.api);
    expect(await oldestSocket.waitForClose()).toEqual({ code: 1000, reason: 'channel evicted' });
    expect(await head(fixture.api, channels[0].id)).toBe(404);
    for (const socket of [...sockets, oldestSocket]) socket.end();
  });

  it('maxChannelsPerClient is an option', async () => {
    fixture.sim.options.notifications.maxChannelsPerClient = 2;
    const [first] = [await createChannel(fixture.api), await createChannel(fixture.api), await createChannel(fixture.api)];
    expect(await head(fixture.api, first.id)).toBe(404);
    expect((await fixture.api.call<{ entities: unknown[] }>('GET', CHANNELS)).body.entities).toHaveLength(2);
  });

  it('expires after channelTtlMs: the socket closes, HEAD and connect answer 404', async () => {
    fixture.sim.options.notifications.channelTtlMs = 300;
    const channel = await createChannel(fixture.api);
    expect(Date.parse(channel.expires) - Date.now()).toBeLessThanOrEqual(300);
    const socket = await NotificationSocket.connect(channel.connectUri);
    expect(await socket.waitForClose()).toEqual({ code: 1000, reason: 'channel expired' });
    expect(await head(fixture.api, channel.id)).toBe(404);
    await expect(NotificationSocket.connect(channel.connectUri)).rejects.toThrow('handshake 404');
    expect(fixture.sim.state.notifications.channels[0]).toMatchObject({ removedReason: 'expired', connected: false, connections: 1 });
  });

  it('ends with the token that created it (channelExpiresWithToken, default) or outlives it (false)', async () => {
    const dies = await createChannel(fixture.api);
    fixture.sim.options.notifications.channelExpiresWithToken = false;
    const survives = await createChannel(fixture.api);
    fixture.sim.expireTokens();
    const fresh = new SimApiClient(fixture.sim.url, TEST_CLIENT.clientId, TEST_CLIENT.clientSecret);
    expect(await head(fresh, dies.id)).toBe(404);
    expect(await head(fresh, survives.id)).toBe(200);
  });

  it('refuses a WebSocket for an unknown channel, and sim.notifications.expireChannel() ends one', async () => {
    await expect(NotificationSocket.connect(`${fixture.sim.url.replace('http', 'ws')}/channels/nope`)).rejects.toThrow('handshake 404');
    await expect(NotificationSocket.connect(`${fixture.sim.url.replace('http', 'ws')}/elsewhere`)).rejects.toThrow('handshake 404');
    await expect(NotificationSocket.connect(`${fixture.sim.url.replace('http', 'ws')}/channels/%E0%A4%A`)).rejects.toThrow('handshake 404');
    const channel = await createChannel(fixture.api);
    const socket = await NotificationSocket.connect(channel.connectUri);
    await waitFor(() => fixture.sim.notifications.channels()[0]?.connected, 'the socket to attach');
    expect((await fixture.api.raw('POST', `/sim/notifications/channels/${channel.id}/expire`)).status).toBe(204);
    expect((await socket.waitForClose()).code).toBe(1000);
    expect(fixture.sim.notifications.channels()).toEqual([]);
  });

  it('a second WebSocket on a channel replaces the first (secondConnection=replace) or is refused (reject)', async () => {
    const channel = await createChannel(fixture.api);
    const first = await NotificationSocket.connect(channel.connectUri);
    const second = await NotificationSocket.connect(channel.connectUri);
    expect(await first.waitForClose()).toEqual({ code: 1000, reason: 'replaced by a new connection' });
    fixture.sim.options.notifications.secondConnection = 'reject';
    await expect(NotificationSocket.connect(channel.connectUri)).rejects.toThrow('handshake 409');
    expect(second.closed).toBeUndefined();
    second.end();
  });
});
