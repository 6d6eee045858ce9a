import type { FastifyInstance } from 'fastify';
import { paginate, parsePageRequest } from '../routing/paging';
import type { SimContext } from '../sim-context';
import { requireObject } from '../support/field-checks';
import type { Integration, IntegrationInput } from './integration.model';

const PATH = '/api/v2/conversations/messaging/integrations/open';

/** The integration as Genesys returns it: no secret, plus status fields. */
export function integrationView(integration: Integration): Record<string, unknown> {
  return {
    id: integration.id,
    name: integration.name,
    outboundNotificationWebhookUrl: integration.outboundNotificationWebhookUrl,
    webhookHeaders: integration.webhookHeaders,
    status: 'Active',
    createStatus: 'Completed',
    dateCreated: integration.dateCreated,
    selfUri: `${PATH}/${integration.id}`,
  };
}

/** Open Messaging integration CRUD (genesys-api.md §2.2); the secret is validated (> 15 characters). */
export function registerIntegrationRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get<{ Querystring: Record<string, unknown> }>(PATH, async (request) => {
    const page = parsePageRequest(request.query, ctx.options.maxPageSize);
    const listing = paginate(ctx.integrations.list(), page, PATH);
    return { ...listing, entities: listing.entities.map(integrationView) };
  });

  app.post(PATH, async (request) => integrationView(ctx.integrations.add(requireObject(request.body, 'body') as unknown as IntegrationInput)));

  app.get<{ Params: { integrationId: string } }>(`${PATH}/:integrationId`, async (request) =>
    integrationView(ctx.integrations.require(request.params.integrationId)),
  );

  app.patch<{ Params: { integrationId: string } }>(`${PATH}/:integrationId`, async (request) => {
    const changes = requireObject(request.body, 'body') as Partial<IntegrationInput>;
    return integrationView(ctx.integrations.update(request.params.integrationId, { ...changes, id: undefined }));
  });

  app.delete<{ Params: { integrationId: string } }>(`${PATH}/:integrationId`, async (request, reply) => {
    ctx.integrations.remove(request.params.integrationId);
    return reply.code(204).send();
  });
}
