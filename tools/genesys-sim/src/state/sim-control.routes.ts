import type { FastifyInstance } from 'fastify';
import type { OAuthClientInput } from '../auth/oauth-client.model';
import { applyOptionOverrides, type GenesysSimOptions, type GenesysSimOptionsInput } from '../config/sim-options';
import type { Conversation } from '../conversations/conversation.model';
import type { IntegrationInput } from '../integrations/integration.model';
import type { LanguageInput, QueueInput, SkillInput } from '../routing/routing.model';
import { requireObject } from '../support/field-checks';
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
  conversation(conversationId: string): Conversation | undefined;
  latestConversation(integrationId: string, addressId: string): Conversation | undefined;
  expireTokens(): void;
  reset(): void;
  webhooksIdle(): Promise<void>;
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

  const seeders: Record<string, (input: never) => unknown> = {
    clients: (input: OAuthClientInput) => sim.addClient(input),
    integrations: (input: IntegrationInput) => sim.addIntegration(input),
    queues: (input: QueueInput) => sim.addQueue(input),
    skills: (input: SkillInput) => sim.addSkill(input),
    languages: (input: LanguageInput) => sim.addLanguage(input),
  };
  for (const [collection, add] of Object.entries(seeders)) {
    app.post(`/sim/${collection}`, async (request) => add(requireObject(request.body, 'body') as never));
  }

  app.post('/sim/tokens/expire', async (_request, reply) => {
    sim.expireTokens();
    return reply.code(204).send();
  });

  app.post('/sim/webhooks/idle', async (_request, reply) => {
    await sim.webhooksIdle();
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
