import { type LoopbackRequest, type LoopbackServer, startLoopbackServer } from '@genesys-bridge/testing';
import { withTokenEndpoint } from '../../__fixtures__/token-endpoint';
import { TokenCache } from '../auth/token-cache';
import { GenesysApiError } from '../genesys-api.error';
import { GenesysClient } from '../genesys.client';
import { MAX_TOPICS_PER_CHANNEL } from './notifications.types';

const CHANNELS = '/api/v2/notifications/channels';
const TOPIC = 'v2.detail.events.conversation.c-1.customer.end';

/** A tiny Notifications API: one channel `ch-1` with a topic list; anything else 404. */
function notificationsApi() {
  let topics: string[] = [];
  return withTokenEndpoint((request: LoopbackRequest) => {
    if (request.path === CHANNELS && request.method === 'POST') {
      return { status: 200, body: { id: 'ch-1', connectUri: 'wss://streaming.example/channels/ch-1', expires: '2030-01-01T00:00:00.000Z' } };
    }
    if (request.path === CHANNELS && request.method === 'GET') return { status: 200, body: { entities: [{ id: 'ch-1', connectUri: 'wss://x/ch-1' }] } };
    if (request.path === `${CHANNELS}/ch-1` && request.method === 'HEAD') return { status: 200 };
    if (request.path === `${CHANNELS}/ch-1/subscriptions`) {
      const body = (request.json as { id: string }[] | undefined)?.map((topic) => topic.id) ?? [];
      if (request.method === 'POST') topics = [...new Set([...topics, ...body])];
      if (request.method === 'PUT') topics = body;
      if (request.method === 'DELETE') {
        topics = [];
        return { status: 204 };
      }
      return { status: 200, body: { entities: topics.map((id) => ({ id, selfUri: `${CHANNELS}/ch-1/subscriptions/${id}` })) } };
    }
    return { status: 404, body: { code: 'not.found', message: 'no such channel' } };
  });
}

describe('Notifications API client (loopback server)', () => {
  let server: LoopbackServer;
  let client: GenesysClient;

  beforeEach(async () => {
    server = await startLoopbackServer(notificationsApi());
    client = new GenesysClient({
      hosts: { apiBaseUrl: server.baseUrl, loginBaseUrl: server.baseUrl },
      credentials: { clientId: 'notifications-client', clientSecret: 'notifications-secret' },
      tokenCache: new TokenCache(),
    });
  });

  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('creates a channel and lists the channels of the OAuth client', async () => {
    expect(await client.createNotificationChannel({ correlationId: 'corr-1' })).toEqual({ id: 'ch-1', connectUri: 'wss://streaming.example/channels/ch-1', expires: '2030-01-01T00:00:00.000Z' });
    expect((await client.getNotificationChannels('oauthclient')).entities.map((channel) => channel.id)).toEqual(['ch-1']);
    const [create] = server.requestsTo(CHANNELS);
    expect(create.headers['inin-correlation-id']).toBe('corr-1');
    expect(create.headers.authorization).toBe('Bearer token-1');
    // No body, so no JSON content type (an empty JSON body is a 400 on strict servers).
    expect(create.bodyText).toBe('');
    expect(create.headers['content-type']).toBeUndefined();
    expect(server.requestsTo(CHANNELS)[1].query.get('includechannels')).toBe('oauthclient');
  });

  it('tells whether a channel still exists with HEAD (404 is false, not an error)', async () => {
    expect(await client.notificationChannelExists('ch-1')).toBe(true);
    expect(await client.notificationChannelExists('gone')).toBe(false);
    expect(server.requests.filter((request) => request.method === 'HEAD').map((request) => request.path)).toEqual([`${CHANNELS}/ch-1`, `${CHANNELS}/gone`]);
  });

  it('adds, replaces, reads and deletes subscriptions with [{"id": topic}] bodies', async () => {
    const other = 'v2.detail.events.conversation.c-2.user.end';
    expect((await client.addNotificationSubscriptions('ch-1', [TOPIC])).map((topic) => topic.id)).toEqual([TOPIC]);
    expect((await client.addNotificationSubscriptions('ch-1', [other], { ignoreErrors: true })).map((topic) => topic.id)).toEqual([TOPIC, other]);
    expect((await client.replaceNotificationSubscriptions('ch-1', [other])).map((topic) => topic.id)).toEqual([other]);
    expect((await client.getNotificationSubscriptions('ch-1')).map((topic) => topic.id)).toEqual([other]);
    await client.deleteNotificationSubscriptions('ch-1');
    expect(await client.getNotificationSubscriptions('ch-1')).toEqual([]);

    const writes = server.requestsTo(`${CHANNELS}/ch-1/subscriptions`).filter((request) => request.method !== 'GET');
    expect(writes.map((request) => [request.method, request.json, request.query.get('ignoreErrors')])).toEqual([
      ['POST', [{ id: TOPIC }], null],
      ['POST', [{ id: other }], 'true'],
      ['PUT', [{ id: other }], null],
      ['DELETE', undefined, null],
    ]);
  });

  it('refuses more than 1,000 topics without calling Genesys', async () => {
    const topics = Array.from({ length: MAX_TOPICS_PER_CHANNEL + 1 }, (_, i) => `v2.detail.events.conversation.c-${i}.customer.end`);
    await expect(client.replaceNotificationSubscriptions('ch-1', topics)).rejects.toThrow(RangeError);
    expect(server.requestsTo(`${CHANNELS}/ch-1/subscriptions`)).toHaveLength(0);
  });

  it('maps a subscription call on a channel that is gone to a permanent 404 GenesysApiError', async () => {
    const error = await client.addNotificationSubscriptions('gone', [TOPIC]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GenesysApiError);
    expect(error).toMatchObject({ kind: 'permanent', status: 404 });
  });
});
