import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessToken } from '../auth/oauth-client.model';
import type { SimContext } from '../sim-context';
import { GenesysApiError } from '../support/genesys-error';
import type { LiveChannel } from './channel-registry';
import { changeSubscriptions, readTopicList, type ChannelTopicView } from './subscriptions';

interface ChannelParams {
  channelId: string;
}
interface SubscriptionQuery {
  ignoreErrors?: string;
}

const BASE = '/api/v2/notifications/channels';

/** Channel (JSSDK model): what POST returns and GET lists. */
const channelView = (channel: LiveChannel): Record<string, unknown> => ({
  id: channel.id,
  connectUri: channel.record.connectUri,
  expires: channel.record.expires,
});

const topicListing = (topics: Iterable<string>, rejected: ChannelTopicView[] = []): Record<string, unknown> => ({
  entities: [...[...topics].map((id) => ({ id })), ...rejected],
});

/** The bearer auth hook ran before every `/api/` route. */
function tokenOf(request: FastifyRequest): AccessToken {
  if (!request.accessToken) throw new GenesysApiError(401, 'authentication.required', 'No authentication bearer token specified in authorization header.');
  return request.accessToken;
}

/**
 * Notifications API (genesys-api.md §5, JSSDK NotificationsApi.md): channels belong to the OAuth client that made
 * them; any of its tokens may use them, another client gets 404 as if the channel did not exist.
 */
export function registerNotificationRoutes(app: FastifyInstance, ctx: SimContext): void {
  const { registry } = ctx.notifications;
  const owned = (request: FastifyRequest<{ Params: ChannelParams }>): LiveChannel =>
    registry.requireOwned(request.params.channelId, tokenOf(request).clientId);

  app.post(BASE, async (request) => {
    const token = tokenOf(request);
    const base = ctx.options.notifications.connectUriBase ?? `ws://${request.headers.host ?? '127.0.0.1'}`;
    const channel = registry.create({ clientId: token.clientId, token: token.token, tokenExpiresAtMs: token.expiresAt, connectUriBase: base });
    return channelView(channel);
  });

  /** `includechannels=token` (default): this token's channels; `oauthclient`: the client's, other tokens' without id. */
  app.get<{ Querystring: { includechannels?: string } }>(BASE, async (request) => {
    const token = tokenOf(request);
    const scope = request.query.includechannels ?? 'token';
    if (scope !== 'token' && scope !== 'oauthclient') {
      throw new GenesysApiError(400, 'bad.request', 'includechannels must be one of token, oauthclient');
    }
    const channels = registry.forClient(token.clientId);
    const entities = channels.flatMap((channel) => {
      if (channel.token === token.token) return [channelView(channel)];
      return scope === 'oauthclient' ? [{ expires: channel.record.expires }] : [];
    });
    return { entities };
  });

  app.head<{ Params: ChannelParams }>(`${BASE}/:channelId`, async (request, reply) => {
    owned(request);
    return reply.code(200).send();
  });

  app.get<{ Params: ChannelParams }>(`${BASE}/:channelId/subscriptions`, async (request) => topicListing(owned(request).topics));

  const change = (mode: 'add' | 'replace') => async (request: FastifyRequest<{ Params: ChannelParams; Querystring: SubscriptionQuery }>) => {
    const channel = owned(request);
    const requested = readTopicList(request.body);
    const result = changeSubscriptions(channel.topics, requested, mode, request.query.ignoreErrors === 'true', ctx.options.notifications);
    registry.setTopics(channel, result.topics);
    return topicListing(result.topics, result.rejected);
  };
  app.post<{ Params: ChannelParams; Querystring: SubscriptionQuery }>(`${BASE}/:channelId/subscriptions`, change('add'));
  app.put<{ Params: ChannelParams; Querystring: SubscriptionQuery }>(`${BASE}/:channelId/subscriptions`, change('replace'));

  app.delete<{ Params: ChannelParams }>(`${BASE}/:channelId/subscriptions`, async (request, reply) => {
    registry.setTopics(owned(request), []);
    return reply.code(204).send();
  });
}
