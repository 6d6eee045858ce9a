import { Agent } from 'undici';
import type { FastifyInstance } from 'fastify';
import { AgentDesk, type AgentHandle } from './agent/agent-desk';
import { AccessTokenStore } from './auth/access-token.store';
import type { OAuthClient, OAuthClientInput } from './auth/oauth-client.model';
import { OAuthClientRegistry } from './auth/oauth-client.registry';
import { resolveSimOptions, type GenesysSimOptions, type GenesysSimOptionsInput } from './config/sim-options';
import type { Conversation } from './conversations/conversation.model';
import { ConversationStore } from './conversations/conversation.store';
import { FaultInjector } from './faults/fault-injector';
import { HangingRequests } from './http/hanging-requests';
import { buildSimServer } from './http/sim-server';
import type { Integration, IntegrationInput } from './integrations/integration.model';
import { IntegrationRegistry } from './integrations/integration.registry';
import { AttachmentFetcher } from './messaging/attachment-fetcher';
import { InboundMessagingService } from './messaging/inbound-messaging.service';
import { OutboundMessenger } from './messaging/outbound-messenger';
import { FixedWindowRateLimiter } from './rate-limit/rate-limiter';
import { RoutingDirectory } from './routing/routing.directory';
import type { Language, LanguageInput, Queue, QueueInput, Skill, SkillInput } from './routing/routing.model';
import type { SimContext } from './sim-context';
import type { SimControl } from './state/sim-control.routes';
import { clearSimState, createSimState, type SimState } from './state/sim-state';
import { WebhookDispatcher } from './webhook/webhook-dispatcher';

/** A running Genesys Cloud simulator. */
export class GenesysSim implements SimControl {
  /** `http://127.0.0.1:PORT`: use it as both the login and the API base URL. */
  url = '';

  private constructor(
    private readonly ctx: SimContext,
    private readonly dispatcher: WebhookDispatcher,
    private readonly attachments: AttachmentFetcher,
    private readonly http: Agent,
    private readonly server: FastifyInstance,
  ) {}

  /** Everything received and sent so far (live objects). */
  get state(): SimState {
    return this.ctx.state;
  }

  /** Live options: change fields at runtime for fault injection (e.g. `sim.options.faults.apiError.next = 2`). */
  get options(): GenesysSimOptions {
    return this.ctx.options;
  }

  static async start(input: GenesysSimOptionsInput = {}): Promise<GenesysSim> {
    const options = resolveSimOptions(input);
    const now = (): Date => new Date();
    const state = createSimState();
    const http = new Agent({ keepAliveTimeout: 1_000 });
    const injector = new FaultInjector(() => options.faults);
    const integrations = new IntegrationRegistry(now);
    const conversations = new ConversationStore(state.conversations, now);
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
    const ctx: SimContext = {
      options,
      state,
      clients: new OAuthClientRegistry(),
      tokens: new AccessTokenStore(),
      integrations,
      routing,
      conversations,
      rateLimiter,
      injector,
      hangs: new HangingRequests(),
      outbound,
      inbound: new InboundMessagingService({ options, state, integrations, routing, conversations, outbound, attachments, rateLimiter, now }),
      agents: new AgentDesk({ conversations, routing, outbound }),
      now,
    };
    let sim: GenesysSim | undefined;
    const server = buildSimServer(ctx, {
      get state() {
        return state;
      },
      get options() {
        return options;
      },
      addClient: (client) => sim?.addClient(client),
      addIntegration: (integration) => sim?.addIntegration(integration),
      addQueue: (queue) => sim?.addQueue(queue),
      addSkill: (skill) => sim?.addSkill(skill),
      addLanguage: (language) => sim?.addLanguage(language),
      conversation: (id) => sim?.conversation(id),
      latestConversation: (integrationId, addressId) => sim?.latestConversation(integrationId, addressId),
      expireTokens: () => sim?.expireTokens(),
      reset: () => sim?.reset(),
      webhooksIdle: async () => sim?.webhooksIdle(),
    });
    sim = new GenesysSim(ctx, dispatcher, attachments, http, server);
    sim.seed(options);
    const address = await server.listen({ host: options.host, port: options.port });
    sim.url = address.replace('://localhost', '://127.0.0.1');
    return sim;
  }

  addClient(input: OAuthClientInput): OAuthClient {
    return this.ctx.clients.add(input);
  }

  /** Validates like Genesys (secret longer than 15 characters) and throws otherwise. */
  addIntegration(input: IntegrationInput): Integration {
    return this.ctx.integrations.add(input);
  }

  addQueue(input: QueueInput): Queue {
    return this.ctx.routing.addQueue(input);
  }

  addSkill(input: SkillInput): Skill {
    return this.ctx.routing.addSkill(input);
  }

  addLanguage(input: LanguageInput): Language {
    return this.ctx.routing.addLanguage(input);
  }

  /** Drive the agent side of a conversation: join, send, type, transfer, end. */
  agent(conversationId: string): AgentHandle {
    return this.ctx.agents.handle(conversationId);
  }

  conversation(conversationId: string): Conversation | undefined {
    return this.ctx.conversations.get(conversationId);
  }

  /** The newest conversation (active or ended) of a customer address on an integration. */
  latestConversation(integrationId: string, addressId: string): Conversation | undefined {
    return this.ctx.conversations.latestForAddress(integrationId, addressId);
  }

  /** Every access token issued so far is expired from now on. */
  expireTokens(): void {
    this.ctx.tokens.expireAll();
  }

  /** Forgets conversations and recorded traffic (clients, integrations, routing data and tokens stay). */
  reset(): void {
    clearSimState(this.ctx.state);
    this.ctx.conversations.clear();
    this.ctx.inbound.clear();
    this.ctx.outbound.clear();
    this.ctx.rateLimiter.reset();
  }

  /** Resolves when no webhook delivery is queued, held, waiting to retry or in flight. */
  async webhooksIdle(): Promise<void> {
    await this.dispatcher.idle();
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
    await this.attachments.close();
    this.ctx.hangs.abortAll();
    await this.server.close();
    await this.http.destroy();
  }

  private seed(options: GenesysSimOptions): void {
    options.clients.forEach((client) => this.addClient(client));
    options.queues.forEach((queue) => this.addQueue(queue));
    options.skills.forEach((skill) => this.addSkill(skill));
    options.languages.forEach((language) => this.addLanguage(language));
    options.integrations.forEach((integration) => this.addIntegration(integration));
  }
}

/** Starts a simulator on `options.host:options.port` (default 127.0.0.1, a free port). */
export function createGenesysSim(options: GenesysSimOptionsInput = {}): Promise<GenesysSim> {
  return GenesysSim.start(options);
}
