import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { GenesysSimOptions } from '../config/sim-options';
import type { SimState } from '../state/sim-state';
import { isPlainObject, requireNonEmptyString, requireStringMap } from '../support/field-checks';
import { badRequest, conflict } from '../support/genesys-error';
import { newUuid } from '../support/ids';
import type { FieldError } from '../support/field-errors';
import type {
  BotCredentials,
  BotSessionRecord,
  BotSessionState,
  BotTurnRecord,
  BotTurnResult,
  BotTurnStatus,
  ButtonResponseInput,
  InputMessage,
} from './bot-connector.model';
import { credentialHeaders } from './bot-http';
import type { ValidatedBotReply } from './bot-reply.validator';

export interface BotSessionDeps {
  options: GenesysSimOptions;
  state: SimState;
  http: Dispatcher;
  /** Aborted when the simulator closes. */
  closing: AbortSignal;
  now: () => Date;
  /** Registers in-flight work so `idle()` and `close()` can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
}

/** Architect action inputs (§1.1, §1.2). */
export interface BotSessionInput {
  botId: string;
  botVersion: string;
  /** Default: the version's first supported language, else `en-us`. */
  languageCode?: string;
  /** Integer sent as-is (v1 unit UNCONFIRMED; v2 minutes). Default 60. */
  botSessionTimeout?: number;
  /** Input session variables: a flat string → string map. */
  parameters?: Record<string, string>;
  /** Default: a new uuid. */
  genesysConversationId?: string;
}

/** Drives one bot session the way the Architect action does: one customer turn at a time until Complete or Failed. */
export interface BotSessionHandle {
  readonly botSessionId: string;
  readonly state: BotSessionState;
  /** Live record (also in `sim.state.botSessions`). */
  readonly record: BotSessionRecord;
  sendText(text: string): Promise<BotTurnResult>;
  clickQuickReply(reply: ButtonResponseInput): Promise<BotTurnResult>;
  clickButton(reply: ButtonResponseInput): Promise<BotTurnResult>;
  /** This session's turn records, oldest first. */
  turns(): BotTurnRecord[];
}

export interface CheckedSessionInput {
  botId: string;
  botVersion: string;
  languageCode?: string;
  botSessionTimeout: number;
  parameters: Record<string, string>;
  conversationId?: string;
}

export function checkSessionInput(input: BotSessionInput): CheckedSessionInput {
  if (!isPlainObject(input)) throw badRequest('session input is required and must be an object');
  const timeout = input.botSessionTimeout ?? 60;
  if (!Number.isInteger(timeout) || timeout <= 0) throw badRequest('botSessionTimeout must be a positive integer');
  if (input.languageCode !== undefined) requireNonEmptyString(input.languageCode, 'languageCode');
  if (input.genesysConversationId !== undefined) requireNonEmptyString(input.genesysConversationId, 'genesysConversationId');
  return {
    botId: requireNonEmptyString(input.botId, 'botId'),
    botVersion: requireNonEmptyString(input.botVersion, 'botVersion'),
    languageCode: input.languageCode,
    botSessionTimeout: timeout,
    parameters: { ...(input.parameters === undefined ? {} : requireStringMap(input.parameters, 'parameters')) },
    conversationId: input.genesysConversationId,
  };
}

/** What a finished turn decided, before the session bookkeeping. */
export type TurnOutcome =
  | { status: 'ok'; reply: ValidatedBotReply; httpStatus?: number }
  | { status: Exclude<BotTurnStatus, 'ok'>; errors?: FieldError[]; httpStatus?: number; error?: string; reply?: ValidatedBotReply };

/** What a session needs of its integration (v1 or v2). */
export interface SessionIntegration {
  kind: BotSessionRecord['kind'];
  id: string;
  credentials: BotCredentials;
}

/** What a session needs of the bot version it talks to. */
export interface SessionBotVersion {
  supportedLanguages: string[];
  intents: { name: string }[];
}

export abstract class BotSessionBase<TIntegration extends SessionIntegration = SessionIntegration> implements BotSessionHandle {
  /** Live record (also in `sim.state.botSessions`). */
  readonly record: BotSessionRecord;
  /** Intents of the bot version. */
  readonly intents: string[];
  private busy = false;

  protected constructor(
    protected readonly deps: BotSessionDeps,
    protected readonly integration: TIntegration,
    version: SessionBotVersion,
    input: CheckedSessionInput,
    botName?: string,
  ) {
    this.record = {
      botSessionId: newUuid(),
      kind: integration.kind,
      integrationId: integration.id,
      botId: input.botId,
      botVersion: input.botVersion,
      ...(botName === undefined ? {} : { botName }),
      languageCode: input.languageCode ?? version.supportedLanguages[0] ?? 'en-us',
      botSessionTimeout: input.botSessionTimeout,
      conversationId: input.conversationId ?? newUuid(),
      parameters: input.parameters,
      state: 'active',
      turns: 0,
      startedAt: deps.now().toISOString(),
    };
    this.intents = version.intents.map((intent) => intent.name);
    deps.state.botSessions.push(this.record);
  }

  get botSessionId(): string {
    return this.record.botSessionId;
  }

  get state(): BotSessionState {
    return this.record.state;
  }

  sendText(text: string): Promise<BotTurnResult> {
    return this.turn(() => ({ type: 'Text', text: requireNonEmptyString(text, 'text') }));
  }

  clickQuickReply(reply: ButtonResponseInput): Promise<BotTurnResult> {
    return this.turn(() => buttonResponse('QuickReply', reply));
  }

  clickButton(reply: ButtonResponseInput): Promise<BotTurnResult> {
    return this.turn(() => buttonResponse('Button', reply));
  }

  turns(): BotTurnRecord[] {
    return this.deps.state.botTurns.filter((turn) => turn.botSessionId === this.botSessionId);
  }

  /** Sends one turn and waits for the bot's answer (or the deadline). */
  protected abstract exchange(input: InputMessage, turn: BotTurnRecord): Promise<TurnOutcome>;

  protected abstract turnUrl(): string;

  protected abstract turnBody(input: InputMessage, messageId: string): Record<string, unknown>;

  /** Both connector kinds send the integration's credential headers (§1.1, §1.6). */
  protected turnHeaders(): Record<string, string> {
    return credentialHeaders(this.integration.credentials, true);
  }

  /** Checks that must pass before a turn is recorded and sent (throws a 400 otherwise). */
  protected beforeTurn(): void {
    // nothing by default
  }

  /** Hook for the v1 loop guard: may turn an `ok` outcome into `loop-detected`. */
  protected review(outcome: TurnOutcome): TurnOutcome {
    return outcome;
  }

  private async turn(build: () => InputMessage): Promise<BotTurnResult> {
    const input = build();
    if (this.record.state !== 'active') {
      throw conflict(`The bot session ${this.botSessionId} is over (${this.record.state}, ${this.record.endReason ?? 'unknown'}); Architect has left the action.`);
    }
    if (this.busy) throw conflict(`The bot session ${this.botSessionId} is still waiting for the bot's answer to the previous turn.`);
    this.beforeTurn();
    this.busy = true;
    try {
      return await this.deps.track(this.run(input));
    } finally {
      this.busy = false;
    }
  }

  private async run(input: InputMessage): Promise<BotTurnResult> {
    const started = performance.now();
    const messageId = newUuid();
    this.record.turns += 1;
    const turn: BotTurnRecord = {
      id: messageId,
      kind: this.record.kind,
      integrationId: this.record.integrationId,
      botSessionId: this.botSessionId,
      turn: this.record.turns,
      url: this.turnUrl(),
      requestHeaders: this.turnHeaders(),
      requestBody: this.turnBody(input, messageId),
      attempts: [],
      rejectedReplies: [],
      status: 'pending',
      startedAt: this.deps.now().toISOString(),
    };
    this.deps.state.botTurns.push(turn);
    const outcome = this.review(await this.exchange(input, turn));
    const result = this.settle(outcome, turn, Math.round(performance.now() - started));
    turn.status = result.status;
    turn.result = result;
    turn.completedAt = this.deps.now().toISOString();
    return result;
  }

  private settle(outcome: TurnOutcome, turn: BotTurnRecord, durationMs: number): BotTurnResult {
    const reply = outcome.reply;
    const errors = outcome.status === 'ok' ? [] : (outcome.errors ?? []);
    if (outcome.status === 'ok') {
      if (outcome.reply.botState === 'Complete') this.end('complete', outcome.reply);
      if (outcome.reply.botState === 'Failed') this.end('bot-failed');
    } else {
      this.end(outcome.status);
    }
    const valid = outcome.status === 'ok' || outcome.status === 'loop-detected';
    return {
      status: outcome.status,
      ...(reply ? { botState: reply.botState } : {}),
      replies: outcome.status === 'ok' ? outcome.reply.replies : [],
      ...(valid && reply?.intent !== undefined ? { intent: reply.intent } : {}),
      ...(valid && reply?.confidence !== undefined ? { confidence: reply.confidence } : {}),
      ...(valid && reply?.parameters ? { parameters: reply.parameters } : {}),
      ...(valid && reply?.entities ? { entities: reply.entities } : {}),
      ...(valid && reply?.errorInfo ? { errorInfo: reply.errorInfo } : {}),
      errors: [...new Set(errors.map((error) => error.path))],
      errorDetails: errors,
      ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
      ...(outcome.status !== 'ok' && outcome.error ? { error: outcome.error } : {}),
      attempts: turn.attempts.length,
      durationMs,
      sessionState: this.record.state,
    };
  }

  private end(reason: BotSessionRecord['endReason'], reply?: ValidatedBotReply): void {
    this.record.state = reason === 'complete' ? 'complete' : 'failed';
    this.record.endReason = reason;
    this.record.endedAt = this.deps.now().toISOString();
    if (reply) {
      this.record.intent = reply.intent;
      this.record.slots = reply.entities ?? [];
      this.record.outputParameters = reply.parameters ?? {};
    }
  }
}

function buttonResponse(type: 'QuickReply' | 'Button', reply: ButtonResponseInput): InputMessage {
  if (!isPlainObject(reply)) throw badRequest(`a ${type} click needs {text, payload}`);
  const text = requireNonEmptyString(reply.text, 'text');
  if (typeof reply.payload !== 'string') throw badRequest('payload is required and must be a string');
  return { type: 'Structured', text, content: [{ contentType: 'ButtonResponse', buttonResponse: { type, text, payload: reply.payload } }] };
}
