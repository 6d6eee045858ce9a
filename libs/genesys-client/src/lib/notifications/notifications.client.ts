import { GenesysApiError } from '../genesys-api.error';
import { encodePathSegment, type GenesysApiTransport, type GenesysCallOptions } from '../http/genesys-api.transport';
import {
  type ChannelListScope,
  type ChannelTopic,
  type ChannelTopicListing,
  MAX_TOPICS_PER_CHANNEL,
  type NotificationChannel,
  type NotificationChannelListing,
  type SubscriptionOptions,
} from './notifications.types';

const CHANNELS_PATH = '/api/v2/notifications/channels';

/**
 * Notifications API channels and subscriptions (genesys-api.md §5). Subscription bodies are `[{"id": "<topic>"}]`;
 * more than 1,000 topics is refused here, before Genesys would refuse it.
 */
export class NotificationsClient {
  constructor(private readonly transport: GenesysApiTransport) {}

  /** `POST /api/v2/notifications/channels`: a new channel (the 21st of a client evicts its oldest). */
  async createChannel(options: GenesysCallOptions = {}): Promise<NotificationChannel> {
    const channel = await this.transport.requestBody<NotificationChannel>({ method: 'POST', path: CHANNELS_PATH, correlationId: options.correlationId });
    if (typeof channel.id !== 'string' || !channel.id || typeof channel.connectUri !== 'string' || !channel.connectUri) {
      throw new GenesysApiError({
        kind: 'transient',
        code: 'invalid.channel.response',
        method: 'POST',
        path: CHANNELS_PATH,
        message: `Genesys POST ${CHANNELS_PATH} answered without a channel id or connectUri`,
      });
    }
    return channel;
  }

  /** `GET /api/v2/notifications/channels?includechannels=` */
  async getChannels(scope: ChannelListScope = 'token', options: GenesysCallOptions = {}): Promise<NotificationChannelListing> {
    const listing = await this.transport.requestBody<NotificationChannelListing>({
      method: 'GET',
      path: CHANNELS_PATH,
      query: { includechannels: scope },
      correlationId: options.correlationId,
    });
    return { ...listing, entities: listing.entities ?? [] };
  }

  /** `HEAD /api/v2/notifications/channels/{id}`: 200 → true, 404 → false; anything else throws. */
  async channelExists(channelId: string, options: GenesysCallOptions = {}): Promise<boolean> {
    try {
      await this.transport.request({ method: 'HEAD', path: channelPath(channelId), correlationId: options.correlationId });
      return true;
    } catch (error) {
      if (error instanceof GenesysApiError && error.status === 404) return false;
      throw error;
    }
  }

  /** `GET …/channels/{id}/subscriptions` */
  async getSubscriptions(channelId: string, options: GenesysCallOptions = {}): Promise<ChannelTopic[]> {
    const listing = await this.transport.requestBody<ChannelTopicListing>({ method: 'GET', path: subscriptionsPath(channelId), correlationId: options.correlationId });
    return listing.entities ?? [];
  }

  /** `POST …/channels/{id}/subscriptions`: adds topics to what the channel has. */
  addSubscriptions(channelId: string, topics: readonly string[], options: GenesysCallOptions & SubscriptionOptions = {}): Promise<ChannelTopic[]> {
    return this.writeSubscriptions('POST', channelId, topics, options);
  }

  /** `PUT …/channels/{id}/subscriptions`: the channel's topics become exactly these (an empty list removes all). */
  replaceSubscriptions(channelId: string, topics: readonly string[], options: GenesysCallOptions & SubscriptionOptions = {}): Promise<ChannelTopic[]> {
    return this.writeSubscriptions('PUT', channelId, topics, options);
  }

  /** `DELETE …/channels/{id}/subscriptions`: removes every topic of the channel. */
  async deleteSubscriptions(channelId: string, options: GenesysCallOptions = {}): Promise<void> {
    await this.transport.request({ method: 'DELETE', path: subscriptionsPath(channelId), correlationId: options.correlationId });
  }

  private async writeSubscriptions(
    method: 'POST' | 'PUT',
    channelId: string,
    topics: readonly string[],
    options: GenesysCallOptions & SubscriptionOptions,
  ): Promise<ChannelTopic[]> {
    if (topics.length > MAX_TOPICS_PER_CHANNEL) throw new RangeError(`A channel takes at most ${MAX_TOPICS_PER_CHANNEL} topics (${topics.length} given)`);
    const listing = await this.transport.request<ChannelTopicListing>({
      method,
      path: subscriptionsPath(channelId),
      query: options.ignoreErrors ? { ignoreErrors: true } : undefined,
      body: topics.map((id) => ({ id })),
      correlationId: options.correlationId,
    });
    return listing?.entities ?? [];
  }
}

function channelPath(channelId: string): string {
  return `${CHANNELS_PATH}/${encodePathSegment(channelId)}`;
}

function subscriptionsPath(channelId: string): string {
  return `${channelPath(channelId)}/subscriptions`;
}
