import { Agent } from 'undici';
import { AfterCallWorkTimers } from './agent/after-call-work';
import { AgentDesk } from './agent/agent-desk';
import { AccessTokenStore } from './auth/access-token.store';
import { BotConnectorService } from './bot-connector/bot-connector.service';
import { OAuthClientRegistry } from './auth/oauth-client.registry';
import type { GenesysSimOptions } from './config/sim-options';
import { ConversationStore } from './conversations/conversation.store';
import { FaultInjector } from './faults/fault-injector';
import { HangingRequests } from './http/hanging-requests';
import { IntegrationRegistry } from './integrations/integration.registry';
import { AttachmentFetcher } from './messaging/attachment-fetcher';
import { InboundMessagingService } from './messaging/inbound-messaging.service';
import { NotificationService } from './notifications/notification-service';
import { OutboundMessenger } from './messaging/outbound-messenger';
import { FixedWindowRateLimiter } from './rate-limit/rate-limiter';
import { RoutingDirectory } from './routing/routing.directory';
import type { SimContext } from './sim-context';
import { createSimState } from './state/sim-state';
import { WebhookDispatcher } from './webhook/webhook-dispatcher';

/** The wired services of one simulator, plus the resources that must be closed with it. */
export interface SimRuntime {
  ctx: SimContext;
  dispatcher: WebhookDispatcher;
  attachments: AttachmentFetcher;
  botConnectors: BotConnectorService;
  notifications: NotificationService;
  afterCallWork: AfterCallWorkTimers;
  /** Outgoing HTTP (webhooks, attachment downloads, bot calls). */
  http: Agent;
}

export function createSimRuntime(options: GenesysSimOptions): SimRuntime {
  const now = (): Date => new Date();
  const state = createSimState();
  const http = new Agent({ keepAliveTimeout: 1_000 });
  const injector = new FaultInjector(() => options.faults);
  const tokens = new AccessTokenStore();
  const integrations = new IntegrationRegistry(now);
  const conversations = new ConversationStore(state.conversations, now);
  const notifications = new NotificationService({ options: () => options.notifications, state: state.notifications, tokens, injector, now });
  const afterCallWork = new AfterCallWorkTimers(conversations, () => options.afterCallWorkMs);
  conversations.observe(notifications.notifier);
  conversations.observe(afterCallWork);
  const routing = new RoutingDirectory(now);
  const rateLimiter = new FixedWindowRateLimiter();
  const attachments = new AttachmentFetcher(http, state, now);
  const dispatcher = new WebhookDispatcher({
    webhook: () => options.webhook,
    faults: () => options.faults,
    injector,
    state,
    http,
    now,
    onGaveUp: (delivery) => {
      const conversation = conversations.get(delivery.conversationId);
      if (options.webhook.disconnectOnGiveUp && conversation && conversations.isActive(conversation)) {
        conversations.end(conversation, 'error');
      }
    },
  });
  const outbound = new OutboundMessenger({ webhook: () => options.webhook, integrations, state, dispatcher, now });
  const inbound = new InboundMessagingService({ options, state, integrations, routing, conversations, outbound, attachments, rateLimiter, now });
  const botConnectors = new BotConnectorService({ options, state, http, now });
  const ctx: SimContext = {
    options,
    state,
    clients: new OAuthClientRegistry(),
    tokens,
    integrations,
    routing,
    conversations,
    rateLimiter,
    injector,
    hangs: new HangingRequests(),
    inbound,
    outbound,
    agents: new AgentDesk({ conversations, routing, outbound }),
    botConnectors,
    notifications,
    now,
  };
  return { ctx, dispatcher, attachments, botConnectors, notifications, afterCallWork, http };
}
