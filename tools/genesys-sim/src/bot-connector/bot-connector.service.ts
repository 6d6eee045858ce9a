import type { Dispatcher } from 'undici';
import type { GenesysSimOptions } from '../config/sim-options';
import type { SimState } from '../state/sim-state';
import { isPlainObject } from '../support/field-checks';
import { FieldErrors, invalidFields, type FieldError } from '../support/field-errors';
import { GenesysApiError, notFound } from '../support/genesys-error';
import type {
  BotConnectorIntegration,
  BotList,
  BotOutgoingMessageRecord,
  BotServiceRequestRecord,
  DigitalBotConnectorIntegration,
} from './bot-connector.model';
import { BotConnectorRegistry } from './bot-connector.registry';
import { BotConnectorSession } from './bot-connector-session';
import { attemptRecord, callBot, credentialHeaders, parseJson } from './bot-http';
import { validateBotReply } from './bot-reply.validator';
import { checkSessionInput, type BotSessionBase, type BotSessionDeps, type BotSessionHandle, type BotSessionInput } from './bot-session';
import { checkBotDefinition, checkBotListing, type DigitalBot } from './digital-bot.validator';
import { checkBotResponseTimeout, DigitalBotConnectorSession, type DigitalBotSessionInput } from './digital-bot-connector-session';

export interface BotConnectorHandle {
  readonly integration: BotConnectorIntegration;
  /** Same as PUT …/botconnector/{id}/bots (validated; replaces the list). */
  setBots(list: BotList): BotList;
  bots(): BotList;
  /** Architect enters "Call Bot Connector": the bot and version must be in the bot list. */
  startSession(input: BotSessionInput): BotSessionHandle;
}

export interface BotServiceResult {
  status: 'ok' | 'invalid' | 'timeout' | 'http-error' | 'aborted';
  errors: string[];
  errorDetails: FieldError[];
  httpStatus?: number;
  error?: string;
  durationMs: number;
}

export interface DigitalBotConnectorHandle {
  readonly integration: DigitalBotConnectorIntegration;
  /** GET {base}/bots, validated. */
  listBots(): Promise<BotServiceResult & { bots?: DigitalBot[] }>;
  /** GET {base}/bots/{botId}, validated. */
  getBot(botId: string): Promise<BotServiceResult & { bot?: DigitalBot }>;
  /** Architect enters "Call Digital Bot Connector": fetches the bot (GET /bots/{botId}) for its versions and intents. */
  startSession(input: DigitalBotSessionInput): Promise<BotSessionHandle>;
}

export interface BotConnectorServiceDeps {
  options: GenesysSimOptions;
  state: SimState;
  http: Dispatcher;
  now: () => Date;
}

/** Plays Genesys Architect calling bots: v1 Bot Connector sessions, v2 Digital Bot Connector sessions and their outgoing replies. */
export class BotConnectorService {
  readonly registry: BotConnectorRegistry;
  private readonly sessions = new Map<string, BotSessionBase>();
  private readonly digitalSessions = new Map<string, DigitalBotConnectorSession>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly closing = new AbortController();
  private readonly sessionDeps: BotSessionDeps;

  constructor(private readonly deps: BotConnectorServiceDeps) {
    this.registry = new BotConnectorRegistry(deps.now, () => deps.options.digitalBotConnector.maxIntegrations);
    this.sessionDeps = { ...deps, closing: this.closing.signal, track: (work) => this.track(work) };
  }

  botConnector(integrationId: string): BotConnectorHandle {
    const integration = this.registry.requireBotConnector(integrationId);
    return {
      integration,
      setBots: (list) => this.registry.setBots(integrationId, list),
      bots: () => this.registry.bots(integrationId),
      startSession: (input) => {
        const checked = checkSessionInput(input);
        const version = this.registry.requireBotVersion(integrationId, checked.botId, checked.botVersion);
        const session = new BotConnectorSession(this.sessionDeps, integration, version, checked);
        this.sessions.set(session.botSessionId, session);
        return session;
      },
    };
  }

  digitalBotConnector(integrationId: string): DigitalBotConnectorHandle {
    const integration = this.registry.requireDigitalBotConnector(integrationId);
    const listBots = async (): Promise<BotServiceResult & { bots?: DigitalBot[] }> => {
      const { result, body, record } = await this.fetchFromBot(integration, `${integration.baseUrl}/bots`);
      if (result.status !== 'ok') return result;
      const errors = new FieldErrors();
      const bots = checkBotListing(errors, body);
      return bots ? { ...result, bots } : invalid(result, record, errors.list);
    };
    const getBot = async (botId: string): Promise<BotServiceResult & { bot?: DigitalBot }> => {
      const { result, body, record } = await this.fetchFromBot(integration, `${integration.baseUrl}/bots/${encodeURIComponent(botId)}`);
      if (result.status !== 'ok') return result;
      const errors = new FieldErrors();
      const bot = checkBotDefinition(errors, body, botId);
      return bot ? { ...result, bot } : invalid(result, record, errors.list);
    };
    return {
      integration,
      listBots,
      getBot,
      startSession: async (input) => {
        const checked = checkSessionInput(input);
        if (input.botResponseTimeoutMs !== undefined) checkBotResponseTimeout(input.botResponseTimeoutMs);
        const fetched = await getBot(checked.botId);
        if (!fetched.bot) {
          const reason = fetched.errors.length > 0 ? `invalid fields ${fetched.errors.join(', ')}` : (fetched.error ?? fetched.status);
          throw new GenesysApiError(502, 'bad.gateway', `GET ${integration.baseUrl}/bots/${checked.botId} failed (${fetched.status}: ${reason}).`);
        }
        const version = fetched.bot.versions.find((candidate) => candidate.version === checked.botVersion);
        if (!version) throw notFound(`The bot ${checked.botId} has no version ${checked.botVersion}.`);
        const session = new DigitalBotConnectorSession(this.sessionDeps, integration, fetched.bot, version, checked, input);
        this.sessions.set(session.botSessionId, session);
        this.digitalSessions.set(session.botSessionId, session);
        return session;
      },
    };
  }

  /** Starts a v1 or v2 session, whichever kind the integration is. */
  startSession(integrationId: string, input: DigitalBotSessionInput): Promise<BotSessionHandle> {
    if (this.registry.kindOf(integrationId) === 'bot-connector') return Promise.resolve(this.botConnector(integrationId).startSession(input));
    return this.digitalBotConnector(integrationId).startSession(input);
  }

  session(botSessionId: string): BotSessionHandle | undefined {
    return this.sessions.get(botSessionId);
  }

  requireSession(botSessionId: string): BotSessionHandle {
    const session = this.sessions.get(botSessionId);
    if (!session) throw notFound(`The bot session ${botSessionId} was not found.`);
    return session;
  }

  /**
   * POST /api/v2/integrations/botconnectors/outgoing/messages (v2): validated strictly (400 naming every bad field),
   * then correlated with the waiting turn by botSessionId (+ messageId when given). Answers `{messageId}` of that turn.
   */
  receiveOutgoing(body: unknown, clientId: string | undefined): { messageId: string } {
    const record: BotOutgoingMessageRecord = { receivedAt: this.deps.now().toISOString(), clientId, body, outcome: 'rejected', errors: [] };
    this.deps.state.botOutgoingMessages.push(record);
    const errors = new FieldErrors();
    const reject = (): GenesysApiError => {
      record.errors = errors.list;
      return invalidFields(errors.list);
    };
    if (!isPlainObject(body)) {
      errors.add('body', 'is required and must be an OutgoingMessageRequest object');
      throw reject();
    }
    for (const key of ['botId', 'botVersion', 'botSessionId'] as const) {
      if (typeof body[key] !== 'string' || body[key] === '') errors.add(key, 'is required and must be a non-empty string');
    }
    for (const key of ['messageId', 'languageCode'] as const) {
      if (body[key] !== undefined && body[key] !== null && (typeof body[key] !== 'string' || body[key] === '')) errors.add(key, 'must be a non-empty string');
    }
    const session = typeof body.botSessionId === 'string' ? this.digitalSessions.get(body.botSessionId) : undefined;
    if (typeof body.botSessionId === 'string' && body.botSessionId !== '' && !session) {
      errors.add('botSessionId', 'is not a Digital Bot Connector session Genesys started');
    }
    if (session) {
      record.botSessionId = session.botSessionId;
      if (typeof body.botId === 'string' && body.botId !== session.record.botId) errors.add('botId', `must be ${session.record.botId}, the bot of this session`);
      if (typeof body.botVersion === 'string' && body.botVersion !== session.record.botVersion) {
        errors.add('botVersion', `must be ${session.record.botVersion}, the bot version of this session`);
      }
    }
    const reply = validateBotReply(body, { dialect: 'v2', intents: session ? session.intents : null, acceptLowercaseReplyMessages: false }, errors);
    const pending = session?.pending;
    const messageId = typeof body.messageId === 'string' ? body.messageId : undefined;
    if (session && messageId !== undefined && !session.turnIds.has(messageId)) errors.add('messageId', 'is not the messageId of a turn of this bot session');
    if (!errors.empty || !reply || !session) {
      if (pending && (messageId === undefined || messageId === pending.messageId)) {
        pending.turn.rejectedReplies.push({ receivedAt: record.receivedAt, body, errors: errors.list });
      }
      throw reject();
    }
    if (pending && (messageId === undefined || messageId === pending.messageId)) {
      record.outcome = 'accepted';
      record.turnMessageId = pending.messageId;
      pending.turn.response = body;
      pending.resolve(reply);
      return { messageId: pending.messageId };
    }
    const lateFor = messageId ?? [...session.turnIds].at(-1);
    if (lateFor === undefined) {
      errors.add('botSessionId', 'no turn of this bot session has been sent yet');
      throw reject();
    }
    record.turnMessageId = lateFor;
    if (this.deps.options.digitalBotConnector.lateReplies === 'accept') {
      record.outcome = 'late-accepted';
      return { messageId: lateFor };
    }
    record.outcome = 'late-rejected';
    errors.add(messageId === undefined ? 'botSessionId' : 'messageId', 'no turn of this bot session is waiting for a reply (timed out, already answered or session over)');
    record.errors = errors.list;
    throw invalidFields(errors.list);
  }

  /** Resolves when no turn or bot-service call is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Aborts calls in flight and ends waiting turns as `aborted`. */
  async close(): Promise<void> {
    this.closing.abort();
    await this.idle();
  }

  /** Forgets sessions (integrations and bot lists stay). */
  clear(): void {
    this.sessions.clear();
    this.digitalSessions.clear();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.then(
      () => this.inFlight.delete(work),
      () => this.inFlight.delete(work),
    );
    return work;
  }

  private async fetchFromBot(
    integration: DigitalBotConnectorIntegration,
    url: string,
  ): Promise<{ result: BotServiceResult; body?: unknown; record: BotServiceRequestRecord }> {
    const outcome = await this.track(
      callBot(
        this.deps.http,
        this.closing.signal,
        { method: 'GET', url, headers: credentialHeaders(integration.credentials, false), timeoutMs: this.deps.options.digitalBotConnector.requestTimeoutMs, attempt: 1 },
        this.deps.now,
      ),
    );
    const record: BotServiceRequestRecord = { integrationId: integration.id, method: 'GET', url, attempt: attemptRecord(outcome), status: 'ok', errors: [] };
    this.deps.state.botServiceRequests.push(record);
    const base = { errors: [], errorDetails: [], durationMs: outcome.durationMs, ...(outcome.status === undefined ? {} : { httpStatus: outcome.status }) };
    const fail = (status: BotServiceResult['status'], error?: string): { result: BotServiceResult; record: BotServiceRequestRecord } => {
      record.status = status;
      return { result: { ...base, status, ...(error ? { error } : {}) }, record };
    };
    if (outcome.aborted) return fail('aborted', outcome.error);
    if (outcome.timedOut) return fail('timeout', outcome.error);
    if (outcome.status === undefined) return fail('http-error', outcome.error);
    if (outcome.status !== 200) return fail('http-error', `GET ${url} answered HTTP ${outcome.status}`);
    const parsed = parseJson(outcome.responseBody);
    if (!parsed.ok) return { result: invalid({ ...base, status: 'ok' }, record, [{ path: 'body', message: 'must be JSON' }]), record };
    return { result: { ...base, status: 'ok' }, body: parsed.value, record };
  }
}

function invalid(result: BotServiceResult, record: BotServiceRequestRecord, errors: FieldError[]): BotServiceResult {
  record.status = 'invalid';
  record.errors = errors;
  return { ...result, status: 'invalid', errors: [...new Set(errors.map((error) => error.path))], errorDetails: errors };
}
