import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim-context';

interface IntegrationParams {
  integrationId: string;
}

const BASE = '/api/v2/conversations/messages/:integrationId/inbound/open';

/** Open Messaging inbound endpoints (genesys-api.md §2.3). */
export function registerInboundRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post<{ Params: IntegrationParams; Querystring: { prefetchConversationId?: string } }>(`${BASE}/message`, async (request) =>
    ctx.inbound.receiveMessage(request.params.integrationId, request.body, request.query.prefetchConversationId === 'true'),
  );
  app.post<{ Params: IntegrationParams }>(`${BASE}/event`, async (request) =>
    ctx.inbound.receiveEvent(request.params.integrationId, request.body),
  );
  app.post<{ Params: IntegrationParams }>(`${BASE}/receipt`, async (request) =>
    ctx.inbound.receiveReceipt(request.params.integrationId, request.body),
  );
  app.post<{ Params: IntegrationParams }>(`${BASE}/structured/response`, async (request) =>
    ctx.inbound.receiveStructuredResponse(request.params.integrationId, request.body),
  );
}
