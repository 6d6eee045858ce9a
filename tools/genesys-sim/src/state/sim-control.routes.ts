import type { FastifyInstance } from 'fastify';
import type { OAuthClientInput } from '../auth/oauth-client.model';
import { applyOptionOverrides, type GenesysSimOptions, type GenesysSimOptionsInput } from '../config/sim-options';
import type { Conversation } from '../conversations/conversation.model';
import type { IntegrationInput } from '../integrations/integration.model';
import type { LanguageInput, QueueInput, SkillInput } from '../routing/routing.model';
import { requireNonEmptyString, requireObject } from '../support/field-checks';
import { notFound } from '../support/genesys-error';
import type { SimState } from './sim-state';

/** The parts of the simulator the control API exposes. */
export interface SimControl {
  readonly state: SimState;
  readonly options: GenesysSimOptions;
  addClient(input: OAuthClientInput): unknown;
  addIntegration(input: IntegrationInput): unknown;
  addQueue(input: QueueInput): unknown;
  addSkill(input: SkillInput): unknown;
  addLanguage(input: LanguageInput): unknown;
  renameQueue(id: string, name: string): unknown;
  renameSkill(id: string, name: string): unknown;
  renameLanguage(id: string, name: string): unknown;
  conversation(conversationId: string): Conversation | undefined;
  latestConversation(integrationId: string, addressId: string): Conversation | undefined;
  expireTokens(): void;
  reset(): void;
  idle(): Promise<void>;
}

/** `/sim/*`: state, seeding and runtime options (no auth; not a Genesys API). */
export function registerSimControlRoutes(app: FastifyInstance, sim: SimControl): void {
  app.get('/sim/state', async () => sim.state);

  app.post('/sim/reset', async (_request, reply) => {
    sim.reset();
    return reply.code(204).send();
  });

  app.get('/sim/options', async () => sim.options);
  app.patch('/sim/options', async (request) => applyOptionOverrides(sim.options, requireObject(request.body, 'body') as GenesysSimOptionsInput));

  const seedRoute = <T>(collection: string, add: (input: T) => unknown): void => {
    app.post(`/sim/${collection}`, async (request) => add(requireObject(request.body, 'body') as T));
  };
  seedRoute<OAuthClientInput>('clients', (input) => sim.addClient(input));
  seedRoute<IntegrationInput>('integrations', (input) => sim.addIntegration(input));
  seedRoute<QueueInput>('queues', (input) => sim.addQueue(input));
  seedRoute<SkillInput>('skills', (input) => sim.addSkill(input));
  seedRoute<LanguageInput>('languages', (input) => sim.addLanguage(input));

  /** `PATCH /sim/{queues|skills|languages}/{id}` `{name}`: rename during a test (404 for an unknown id). */
  const renameRoute = (collection: string, rename: (id: string, name: string) => unknown): void => {
    app.patch<{ Params: { id: string } }>(`/sim/${collection}/:id`, async (request) => {
      const name = requireNonEmptyString(requireObject(request.body, 'body').name, 'name');
      try {
        return rename(request.params.id, name);
      } catch {
        throw notFound(`The ${collection.slice(0, -1)} ${request.params.id} was not found.`);
      }
    });
  };
  renameRoute('queues', (id, name) => sim.renameQueue(id, name));
  renameRoute('skills', (id, name) => sim.renameSkill(id, name));
  renameRoute('languages', (id, name) => sim.renameLanguage(id, name));

  app.post('/sim/tokens/expire', async (_request, reply) => {
    sim.expireTokens();
    return reply.code(204).send();
  });

  app.post('/sim/idle', async (_request, reply) => {
    await sim.idle();
    return reply.code(204).send();
  });

  app.get<{ Querystring: { integrationId?: string; addressId?: string } }>('/sim/conversations', async (request) => {
    const { integrationId, addressId } = request.query;
    if (integrationId && addressId) {
      const latest = sim.latestConversation(integrationId, addressId);
      return latest ? [latest] : [];
    }
    return sim.state.conversations;
  });

  app.get<{ Params: { conversationId: string } }>('/sim/conversations/:conversationId', async (request) => {
    const conversation = sim.conversation(request.params.conversationId);
    if (!conversation) throw notFound(`The conversation ${request.params.conversationId} was not found.`);
    return conversation;
  });
}
