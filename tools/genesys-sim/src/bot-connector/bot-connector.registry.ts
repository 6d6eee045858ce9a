import { isPlainObject } from '../support/field-checks';
import { badRequest, notFound } from '../support/genesys-error';
import { newUuid } from '../support/ids';
import type {
  BotConnectorBotVersion,
  BotConnectorIntegration,
  BotConnectorIntegrationInput,
  BotCredentials,
  BotList,
  DigitalBotConnectorIntegration,
  DigitalBotConnectorIntegrationInput,
} from './bot-connector.model';
import { validateBotList } from './bot-list.validator';

/** Bot Connector (v1) and Digital Bot Connector (v2) integrations, and the v1 bot lists (§1.5). */
export class BotConnectorRegistry {
  private readonly v1 = new Map<string, BotConnectorIntegration>();
  private readonly v2 = new Map<string, DigitalBotConnectorIntegration>();
  private readonly botLists = new Map<string, BotList>();

  constructor(
    private readonly now: () => Date,
    private readonly maxDigitalIntegrations: () => number,
  ) {}

  addBotConnector(input: BotConnectorIntegrationInput): BotConnectorIntegration {
    if (!isPlainObject(input)) throw badRequest('body is required and must be an object');
    const id = this.newId(input.id);
    const integration: BotConnectorIntegration = {
      kind: 'bot-connector',
      id,
      name: input.name ?? 'Genesys Bot Connector',
      handleUtteranceUri: requireHttpUrl(input.handleUtteranceUri, 'handleUtteranceUri'),
      credentials: validateCredentials(input.credentials),
      dateCreated: this.now().toISOString(),
    };
    const botList = input.chatBots === undefined ? { chatBots: [] } : validateBotList({ chatBots: input.chatBots });
    this.v1.set(id, integration);
    this.botLists.set(id, botList);
    return integration;
  }

  addDigitalBotConnector(input: DigitalBotConnectorIntegrationInput): DigitalBotConnectorIntegration {
    if (!isPlainObject(input)) throw badRequest('body is required and must be an object');
    const max = this.maxDigitalIntegrations();
    if (this.v2.size >= max) throw badRequest(`an organization can have at most ${max} Digital Bot Connector integrations`);
    const id = this.newId(input.id);
    const integration: DigitalBotConnectorIntegration = {
      kind: 'digital-bot-connector',
      id,
      name: input.name ?? 'Genesys Digital Bot Connector',
      baseUrl: requireHttpUrl(input.baseUrl, 'baseUrl').replace(/\/+$/, ''),
      credentials: validateCredentials(input.credentials),
      dateCreated: this.now().toISOString(),
    };
    this.v2.set(id, integration);
    return integration;
  }

  requireBotConnector(id: string): BotConnectorIntegration {
    const integration = this.v1.get(id);
    if (!integration) throw notFound(`The Bot Connector integration ${id} was not found.`);
    return integration;
  }

  requireDigitalBotConnector(id: string): DigitalBotConnectorIntegration {
    const integration = this.v2.get(id);
    if (!integration) throw notFound(`The Digital Bot Connector integration ${id} was not found.`);
    return integration;
  }

  kindOf(id: string): 'bot-connector' | 'digital-bot-connector' {
    if (this.v1.has(id)) return 'bot-connector';
    if (this.v2.has(id)) return 'digital-bot-connector';
    throw notFound(`The bot connector integration ${id} was not found.`);
  }

  list(): (BotConnectorIntegration | DigitalBotConnectorIntegration)[] {
    return [...this.v1.values(), ...this.v2.values()];
  }

  /** PUT …/bots: validates, then replaces the whole list. */
  setBots(integrationId: string, body: unknown): BotList {
    this.requireBotConnector(integrationId);
    const list = validateBotList(body);
    this.botLists.set(integrationId, list);
    return list;
  }

  bots(integrationId: string): BotList {
    this.requireBotConnector(integrationId);
    return this.botLists.get(integrationId) ?? { chatBots: [] };
  }

  /** The version Architect would offer for Bot Name + Bot Version (404 when the bot list lacks it). */
  requireBotVersion(integrationId: string, botId: string, version: string): BotConnectorBotVersion {
    const bot = this.bots(integrationId).chatBots.find((candidate) => candidate.id === botId);
    if (!bot) throw notFound(`The bot ${botId} is not in the bot list of integration ${integrationId}.`);
    const found = bot.versions.find((candidate) => candidate.version === version);
    if (!found) throw notFound(`The bot ${botId} has no version ${version} in the bot list of integration ${integrationId}.`);
    return found;
  }

  private newId(requested: string | undefined): string {
    if (requested !== undefined && (typeof requested !== 'string' || requested.trim() === '')) throw badRequest('id must be a non-empty string');
    const id = requested ?? newUuid();
    if (this.v1.has(id) || this.v2.has(id)) throw badRequest(`a bot connector integration with id ${id} already exists`);
    return id;
  }
}

function validateCredentials(value: unknown): BotCredentials {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw badRequest('credentials must be an object of header name → value');
  for (const [name, credential] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw badRequest(`credentials.${name}: the field name must be a valid HTTP header name`);
    if (typeof credential !== 'string') throw badRequest(`credentials.${name} must be a string`);
  }
  return { ...(value as BotCredentials) };
}

function requireHttpUrl(value: unknown, path: string): string {
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return value;
    } catch {
      // reported below
    }
  }
  throw badRequest(`${path} is required and must be an absolute http(s) URL`);
}
