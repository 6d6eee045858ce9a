import type { AccessTokenStore } from './auth/access-token.store';
import type { OAuthClientRegistry } from './auth/oauth-client.registry';
import type { GenesysSimOptions } from './config/sim-options';
import type { ConversationStore } from './conversations/conversation.store';
import type { FaultInjector } from './faults/fault-injector';
import type { HangingRequests } from './http/hanging-requests';
import type { IntegrationRegistry } from './integrations/integration.registry';
import type { InboundMessagingService } from './messaging/inbound-messaging.service';
import type { OutboundMessenger } from './messaging/outbound-messenger';
import type { FixedWindowRateLimiter } from './rate-limit/rate-limiter';
import type { RoutingDirectory } from './routing/routing.directory';
import type { SimState } from './state/sim-state';
import type { AgentDesk } from './agent/agent-desk';
import type { BotConnectorService } from './bot-connector/bot-connector.service';
import type { NotificationService } from './notifications/notification-service';

/** Everything the routes and services share; built once per simulator. */
export interface SimContext {
  /** Live options: read on every use, so runtime changes take effect immediately. */
  options: GenesysSimOptions;
  state: SimState;
  clients: OAuthClientRegistry;
  tokens: AccessTokenStore;
  integrations: IntegrationRegistry;
  routing: RoutingDirectory;
  conversations: ConversationStore;
  rateLimiter: FixedWindowRateLimiter;
  injector: FaultInjector;
  hangs: HangingRequests;
  inbound: InboundMessagingService;
  outbound: OutboundMessenger;
  agents: AgentDesk;
  /** Architect calling bots: Bot Connector (v1) and Digital Bot Connector (v2). */
  botConnectors: BotConnectorService;
  /** Notifications API: channels, subscriptions, WebSocket events. */
  notifications: NotificationService;
  now: () => Date;
}
