import Fastify, { type FastifyInstance } from 'fastify';
import './request-context';
import { registerAgentControlRoutes } from '../agent/agent-control.routes';
import { registerOAuthRoutes } from '../auth/oauth.routes';
import { registerBotConnectorControlRoutes } from '../bot-connector/bot-connector-control.routes';
import { registerBotConnectorRoutes } from '../bot-connector/bot-connector.routes';
import { registerConversationRoutes } from '../conversations/conversation.routes';
import { registerIntegrationRoutes } from '../integrations/integration.routes';
import { registerInboundRoutes } from '../messaging/inbound.routes';
import { registerNotificationControlRoutes } from '../notifications/notification-control.routes';
import { registerNotificationRoutes } from '../notifications/notification.routes';
import { registerRoutingRoutes } from '../routing/routing.routes';
import type { SimContext } from '../sim-context';
import { registerSimControlRoutes, type SimControl } from '../state/sim-control.routes';
import { apiRequestRecorderHook } from './api-request-recorder.hook';
import { bearerAuthHook } from './bearer-auth.hook';
import { correlationIdHook } from './correlation-id.hook';
import { genesysErrorHandler, genesysNotFoundHandler } from './error-handler';
import { acceptThenErrorHook, faultInjectionHook } from './fault-injection.hook';
import { rateLimitHook } from './rate-limit.hook';

/**
 * One Fastify app serves login (`/oauth`), the platform API (`/api/v2`), the control API (`/sim`) and the
 * Notifications API's WebSockets (`ws://…/channels/{id}`, an upgrade on the same port).
 */
export function buildSimServer(ctx: SimContext, control: SimControl): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: ctx.options.maxRequestBytes, forceCloseConnections: true });
  app.decorateRequest('correlationId', '');
  app.decorateRequest('accessToken', null);
  app.decorateRequest('receivedAt', 0);

  app.addHook('onRequest', correlationIdHook);
  app.addHook('onRequest', faultInjectionHook(ctx));
  app.addHook('onRequest', bearerAuthHook(ctx));
  app.addHook('onRequest', rateLimitHook(ctx));
  app.addHook('onSend', acceptThenErrorHook(ctx));
  app.addHook('onResponse', apiRequestRecorderHook(ctx.state, ctx.now));
  app.setErrorHandler(genesysErrorHandler);
  app.setNotFoundHandler(genesysNotFoundHandler);

  registerOAuthRoutes(app, ctx);
  registerInboundRoutes(app, ctx);
  registerConversationRoutes(app, ctx);
  registerIntegrationRoutes(app, ctx);
  registerRoutingRoutes(app, ctx);
  registerBotConnectorRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerAgentControlRoutes(app, ctx);
  registerBotConnectorControlRoutes(app, ctx);
  registerNotificationControlRoutes(app, ctx);
  registerSimControlRoutes(app, control);
  ctx.notifications.listen(app.server);
  return app;
}
