import type { FastifyInstance } from 'fastify';
import type { AgentHandle } from './agent/agent-desk';
import type { OAuthClient, OAuthClientInput } from './auth/oauth-client.model';
import type {
  BotConnectorIntegration,
  BotConnectorIntegrationInput,
  DigitalBotConnectorIntegration,
  DigitalBotConnectorIntegrationInput,
} from './bot-connector/bot-connector.model';
import type { BotConnectorHandle, DigitalBotConnectorHandle } from './bot-connector/bot-connector.service';
import { resolveSimOptions, type GenesysSimOptions, type GenesysSimOptionsInput } from './config/sim-options';
import type { Conversation } from './conversations/conversation.model';
import { buildSimServer } from './http/sim-server';
import type { NotificationsHandle } from './notifications/notification-service';
import type { Integration, IntegrationInput } from './integrations/integration.model';
import type { Language, LanguageInput, Queue, QueueInput, Skill, SkillInput } from './routing/routing.model';
import type { SimContext } from './sim-context';
import { createSimRuntime, type SimRuntime } from './sim-runtime';
import type { SimControl } from './state/sim-control.routes';
import { clearSimState, type SimState } from './state/sim-state';

/** A running Genesys Cloud simulator. */
export class GenesysSim implements SimControl {
  /** `http://127.0.0.1:PORT`: use it as both the login and the API base URL. */
  url = '';

  private readonly ctx: SimContext;
  private readonly server: FastifyInstance;
  private closing?: Promise<void>;

  private constructor(private readonly runtime: SimRuntime) {
    this.ctx = runtime.ctx;
    this.server = buildSimServer(runtime.ctx, this);
  }

  /** Everything received and sent so far (live objects). */
  get state(): SimState {
    return this.ctx.state;
  }

  /** Notifications API faults: `warnClosing(channelId)`, `cutSockets()`, `expireChannel(channelId)`, `channels()`. */
  get notifications(): NotificationsHandle {
    return this.runtime.notifications.handle();
  }

  /** Live options: change fields at runtime for fault injection (e.g. `sim.options.faults.apiError.next = 2`). */
  get options(): GenesysSimOptions {
    return this.ctx.options;
  }

  static async start(input: GenesysSimOptionsInput = {}): Promise<GenesysSim> {
    const options = resolveSimOptions(input);
    const sim = new GenesysSim(createSimRuntime(options));
    sim.seed(options);
    const address = await sim.server.listen({ host: options.host, port: options.port });
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

  /** Renames a queue during a test (same id, new name); the routing `name` filters see the new name at once. */
  renameQueue(id: string, name: string): Queue {
    return this.ctx.routing.renameQueue(id, name);
  }

  renameSkill(id: string, name: string): Skill {
    return this.ctx.routing.renameSkill(id, name);
  }

  renameLanguage(id: string, name: string): Language {
    return this.ctx.routing.renameLanguage(id, name);
  }

  /** A "Genesys Bot Connector" integration (v1): Handle Utterance URI + credential headers (+ optional bot list). */
  addBotConnectorIntegration(input: BotConnectorIntegrationInput): BotConnectorIntegration {
    return this.ctx.botConnectors.registry.addBotConnector(input);
  }

  /** A "Genesys Digital Bot Connector" integration (v2): the bot service's base URL + credential headers (at most 5). */
  addDigitalBotConnectorIntegration(input: DigitalBotConnectorIntegrationInput): DigitalBotConnectorIntegration {
    return this.ctx.botConnectors.registry.addDigitalBotConnector(input);
  }

  /** Play Architect "Call Bot Connector" against a v1 integration: bot list, sessions, turns. */
  botConnector(integrationId: string): BotConnectorHandle {
    return this.ctx.botConnectors.botConnector(integrationId);
  }

  /** Play Architect "Call Digital Bot Connector" against a v2 integration: bot lookups, sessions, turns. */
  digitalBotConnector(integrationId: string): DigitalBotConnectorHandle {
    return this.ctx.botConnectors.digitalBotConnector(integrationId);
  }

  /** Drive the agent side of a conversation: join, send, type, transfer, end, wrap up. */
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

  /**
   * Forgets conversations, bot sessions and recorded traffic (clients, integrations, bot lists, routing data, tokens
   * and notification channels with their subscriptions and sockets stay).
   */
  reset(): void {
    this.runtime.afterCallWork.clear();
    this.runtime.notifications.reset();
    clearSimState(this.ctx.state);
    this.ctx.botConnectors.clear();
    this.ctx.conversations.clear();
    this.ctx.inbound.clear();
    this.ctx.outbound.clear();
    this.ctx.rateLimiter.reset();
  }

  /**
   * Resolves when no webhook delivery is queued, held, waiting to retry or in flight, no attachment download and no
   * bot turn runs, no automatic wrap-up is pending and no notification event waits for its delay.
   */
  async idle(): Promise<void> {
    await this.runtime.dispatcher.idle();
    await this.runtime.attachments.idle();
    await this.runtime.botConnectors.idle();
    await this.runtime.afterCallWork.idle();
    await this.runtime.notifications.idle();
  }

  /** Stops retries, downloads and bot calls, drops held requests, closes the server. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.runtime.dispatcher.close();
    await this.runtime.attachments.close();
    await this.runtime.botConnectors.close();
    this.runtime.afterCallWork.clear();
    this.runtime.notifications.close();
    this.ctx.hangs.abortAll();
    await this.server.close();
    await this.runtime.http.destroy();
  }

  private seed(options: GenesysSimOptions): void {
    options.clients.forEach((client) => this.addClient(client));
    options.queues.forEach((queue) => this.addQueue(queue));
    options.skills.forEach((skill) => this.addSkill(skill));
    options.languages.forEach((language) => this.addLanguage(language));
    options.integrations.forEach((integration) => this.addIntegration(integration));
    options.botConnectorIntegrations.forEach((integration) => this.addBotConnectorIntegration(integration));
    options.digitalBotConnectorIntegrations.forEach((integration) => this.addDigitalBotConnectorIntegration(integration));
  }
}

/** Starts a simulator on `options.host:options.port` (default 127.0.0.1, a free port). */
export function createGenesysSim(options: GenesysSimOptionsInput = {}): Promise<GenesysSim> {
  return GenesysSim.start(options);
}
