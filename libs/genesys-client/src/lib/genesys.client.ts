import { Agent, type Dispatcher } from 'undici';
import { GenesysAuth, type GenesysCredentials } from './auth/genesys-auth';
import { sharedTokenCache, type TokenCache } from './auth/token-cache';
import { BotConnectorClient } from './bot-connector/bot-connector.client';
import { type BotConnectorReply, type BotConnectorReplyResponse, type BotList } from './bot-connector/bot-connector.types';
import { ConversationsClient } from './conversations/conversations.client';
import { type MessageConversation, type ParticipantAttributes } from './conversations/conversations.types';
import { GenesysApiTransport, type GenesysCallOptions } from './http/genesys-api.transport';
import { NotificationsClient } from './notifications/notifications.client';
import {
  type ChannelListScope,
  type ChannelTopic,
  type NotificationChannel,
  type NotificationChannelListing,
  type SubscriptionOptions,
} from './notifications/notifications.types';
import { OpenMessagingClient, type SendInboundMessageOptions } from './open-messaging/open-messaging.client';
import {
  type OpenInboundEvent,
  type OpenInboundMessage,
  type OpenInboundReceipt,
  type OpenInboundStructuredResponse,
  type OpenMessageNormalizedMessage,
  type OpenNormalizedResponse,
} from './open-messaging/open-messaging.types';
import { resolveGenesysHosts, type GenesysHosts } from './regions';
import { RoutingClient } from './routing/routing.client';
import {
  type EntityListing,
  type ListLanguagesQuery,
  type ListQueuesQuery,
  type ListSkillsQuery,
  type RoutingLanguage,
  type RoutingQueue,
  type RoutingSkill,
} from './routing/routing.types';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_USER_AGENT = 'genesys-bridge';

export interface GenesysClientOptions {
  /** Resolved hosts, or an AWS region id / domain for resolveGenesysHosts(). */
  hosts: GenesysHosts | string;
  credentials: GenesysCredentials;
  /** Whole request, connect to last body byte; also used for token requests. Default 10 s. */
  timeoutMs?: number;
  userAgent?: string;
  /** Defaults to the process-wide cache, so clients for the same OAuth client share one token. */
  tokenCache?: TokenCache;
  /** Defaults to an Agent owned (and closed) by this client. */
  dispatcher?: Dispatcher;
}

/**
 * Typed Genesys Cloud API client for one OAuth client. Plain class; apps wrap it in a provider.
 * Each call makes one request (plus one retry after a 401 with a fresh token) and throws GenesysApiError on failure.
 */
export class GenesysClient {
  readonly hosts: GenesysHosts;
  private readonly ownedAgent: Agent | undefined;
  private readonly openMessaging: OpenMessagingClient;
  private readonly conversations: ConversationsClient;
  private readonly routing: RoutingClient;
  private readonly botConnector: BotConnectorClient;
  private readonly notifications: NotificationsClient;

  constructor(options: GenesysClientOptions) {
    this.hosts = resolveGenesysHosts(options.hosts);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('GenesysClient timeoutMs must be a positive number');
    if (!options.credentials.clientId) throw new TypeError('GenesysClient needs credentials.clientId');
    const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.ownedAgent = options.dispatcher ? undefined : new Agent({ connect: { timeout: timeoutMs } });
    const dispatcher = options.dispatcher ?? (this.ownedAgent as Agent);
    const auth = new GenesysAuth({
      loginBaseUrl: this.hosts.loginBaseUrl,
      credentials: options.credentials,
      dispatcher,
      tokenCache: options.tokenCache ?? sharedTokenCache,
      timeoutMs,
      userAgent,
    });
    const transport = new GenesysApiTransport({ apiBaseUrl: this.hosts.apiBaseUrl, auth, dispatcher, timeoutMs, userAgent });
    this.openMessaging = new OpenMessagingClient(transport);
    this.conversations = new ConversationsClient(transport);
    this.routing = new RoutingClient(transport);
    this.botConnector = new BotConnectorClient(transport);
    this.notifications = new NotificationsClient(transport);
  }

  /** Closes the connections of the Agent this client created (not a dispatcher passed in). */
  async close(): Promise<void> {
    await this.ownedAgent?.close();
  }

  sendInboundMessage(integrationId: string, message: OpenInboundMessage, options?: SendInboundMessageOptions): Promise<OpenMessageNormalizedMessage> {
    return this.openMessaging.sendInboundMessage(integrationId, message, options);
  }

  sendInboundEvent(integrationId: string, event: OpenInboundEvent, options?: GenesysCallOptions): Promise<OpenNormalizedResponse> {
    return this.openMessaging.sendInboundEvent(integrationId, event, options);
  }

  sendInboundReceipt(integrationId: string, receipt: OpenInboundReceipt, options?: GenesysCallOptions): Promise<OpenNormalizedResponse> {
    return this.openMessaging.sendInboundReceipt(integrationId, receipt, options);
  }

  sendStructuredResponse(integrationId: string, response: OpenInboundStructuredResponse, options?: GenesysCallOptions): Promise<OpenNormalizedResponse> {
    return this.openMessaging.sendStructuredResponse(integrationId, response, options);
  }

  getMessageConversation(conversationId: string, options?: GenesysCallOptions): Promise<MessageConversation> {
    return this.conversations.getMessageConversation(conversationId, options);
  }

  patchParticipantAttributes(
    conversationId: string,
    participantId: string,
    attributes: Record<string, string>,
    options?: GenesysCallOptions,
  ): Promise<ParticipantAttributes | undefined> {
    return this.conversations.patchParticipantAttributes(conversationId, participantId, attributes, options);
  }

  disconnectConversation(conversationId: string, options?: GenesysCallOptions): Promise<void> {
    return this.conversations.disconnectConversation(conversationId, options);
  }

  disconnectParticipant(conversationId: string, participantId: string, options?: GenesysCallOptions): Promise<void> {
    return this.conversations.disconnectParticipant(conversationId, participantId, options);
  }

  listQueues(query?: ListQueuesQuery, options?: GenesysCallOptions): Promise<EntityListing<RoutingQueue>> {
    return this.routing.listQueues(query, options);
  }

  findQueueByName(name: string, options?: GenesysCallOptions): Promise<RoutingQueue | undefined> {
    return this.routing.findQueueByName(name, options);
  }

  listSkills(query?: ListSkillsQuery, options?: GenesysCallOptions): Promise<EntityListing<RoutingSkill>> {
    return this.routing.listSkills(query, options);
  }

  listLanguages(query?: ListLanguagesQuery, options?: GenesysCallOptions): Promise<EntityListing<RoutingLanguage>> {
    return this.routing.listLanguages(query, options);
  }

  putBotConnectorBots(integrationId: string, botList: BotList, options?: GenesysCallOptions): Promise<void> {
    return this.botConnector.putBotConnectorBots(integrationId, botList, options);
  }

  sendBotConnectorReply(reply: BotConnectorReply, options?: GenesysCallOptions): Promise<BotConnectorReplyResponse> {
    return this.botConnector.sendBotConnectorReply(reply, options);
  }

  createNotificationChannel(options?: GenesysCallOptions): Promise<NotificationChannel> {
    return this.notifications.createChannel(options);
  }

  getNotificationChannels(scope?: ChannelListScope, options?: GenesysCallOptions): Promise<NotificationChannelListing> {
    return this.notifications.getChannels(scope, options);
  }

  notificationChannelExists(channelId: string, options?: GenesysCallOptions): Promise<boolean> {
    return this.notifications.channelExists(channelId, options);
  }

  getNotificationSubscriptions(channelId: string, options?: GenesysCallOptions): Promise<ChannelTopic[]> {
    return this.notifications.getSubscriptions(channelId, options);
  }

  addNotificationSubscriptions(channelId: string, topics: readonly string[], options?: GenesysCallOptions & SubscriptionOptions): Promise<ChannelTopic[]> {
    return this.notifications.addSubscriptions(channelId, topics, options);
  }

  replaceNotificationSubscriptions(channelId: string, topics: readonly string[], options?: GenesysCallOptions & SubscriptionOptions): Promise<ChannelTopic[]> {
    return this.notifications.replaceSubscriptions(channelId, topics, options);
  }

  deleteNotificationSubscriptions(channelId: string, options?: GenesysCallOptions): Promise<void> {
    return this.notifications.deleteSubscriptions(channelId, options);
  }
}
