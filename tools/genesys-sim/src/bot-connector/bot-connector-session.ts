import { isPlainObject } from '../support/field-checks';
import { FieldErrors } from '../support/field-errors';
import type { BotConnectorBotVersion, BotConnectorIntegration, BotTurnRecord, InputMessage } from './bot-connector.model';
import { attemptRecord, callBot, parseJson, type BotHttpOutcome } from './bot-http';
import { validateBotReply } from './bot-reply.validator';
import { BotSessionBase, type BotSessionDeps, type CheckedSessionInput, type TurnOutcome } from './bot-session';
import { LoopGuard } from './loop-guard';

/**
 * Architect "Call Bot Connector" (v1, §1.1–§1.4): each customer turn is one synchronous POST to the Handle Utterance
 * URI with the credential headers; the 200 JSON answer is validated strictly (§1.3) under the turn timeout.
 */
export class BotConnectorSession extends BotSessionBase<BotConnectorIntegration> {
  private readonly loopGuard: LoopGuard;

  constructor(deps: BotSessionDeps, integration: BotConnectorIntegration, version: BotConnectorBotVersion, input: CheckedSessionInput) {
    super(deps, integration, version, input);
    this.loopGuard = new LoopGuard(deps.options.botConnector.loopGuardMaxRepeats);
  }

  protected turnUrl(): string {
    return this.integration.handleUtteranceUri;
  }

  /** §1.2: `{botId, botVersion, botSessionId, messageId, inputMessage, languageCode, botSessionTimeout, genesysConversationId, parameters}`. */
  protected turnBody(inputMessage: InputMessage, messageId: string): Record<string, unknown> {
    const { record } = this;
    return {
      botId: record.botId,
      botVersion: record.botVersion,
      botSessionId: record.botSessionId,
      messageId,
      inputMessage,
      languageCode: record.languageCode,
      botSessionTimeout: record.botSessionTimeout,
      genesysConversationId: record.conversationId,
      parameters: record.parameters,
    };
  }

  protected async exchange(_input: InputMessage, turn: BotTurnRecord): Promise<TurnOutcome> {
    const options = this.deps.options.botConnector;
    const body = JSON.stringify(turn.requestBody);
    const send = (attempt: number): Promise<BotHttpOutcome> =>
      callBot(
        this.deps.http,
        this.deps.closing,
        { method: 'POST', url: turn.url, headers: turn.requestHeaders, body, timeoutMs: options.turnTimeoutMs, attempt },
        this.deps.now,
      );
    let outcome = await send(1);
    turn.attempts.push(attemptRecord(outcome));
    if (outcome.timedOut && options.retryOnTimeout) {
      outcome = await send(2);
      turn.attempts.push(attemptRecord(outcome));
    }
    return this.judge(outcome, turn);
  }

  protected override review(outcome: TurnOutcome): TurnOutcome {
    if (outcome.status !== 'ok' || !this.deps.options.botConnector.loopGuard) return outcome;
    const { botState, intent, entities } = outcome.reply;
    if (!this.loopGuard.observe(botState, intent, entities)) return outcome;
    const repeats = this.loopGuard.consecutiveRepeats;
    return {
      status: 'loop-detected',
      reply: outcome.reply,
      httpStatus: outcome.httpStatus,
      errors: [{ path: 'intent', message: `"${intent}" returned on ${repeats} consecutive MoreData turns without a slot change` }],
      error: 'loop detected (NoMatch)',
    };
  }

  private judge(outcome: BotHttpOutcome, turn: BotTurnRecord): TurnOutcome {
    if (outcome.aborted) return { status: 'aborted', error: outcome.error };
    if (outcome.timedOut) return { status: 'timeout', error: outcome.error };
    if (outcome.status === undefined) return { status: 'http-error', error: outcome.error };
    if (outcome.status !== 200) {
      return { status: 'http-error', httpStatus: outcome.status, error: `the bot answered HTTP ${outcome.status}; Genesys expects 200` };
    }
    const parsed = parseJson(outcome.responseBody);
    if (parsed.ok) turn.response = parsed.value;
    else turn.response = outcome.responseBody;
    if (!parsed.ok || !isPlainObject(parsed.value)) {
      return { status: 'invalid', httpStatus: 200, errors: [{ path: 'body', message: 'must be a JSON object' }] };
    }
    const errors = new FieldErrors();
    const reply = validateBotReply(
      parsed.value,
      { dialect: 'v1', intents: this.intents, acceptLowercaseReplyMessages: this.deps.options.botConnector.acceptLowercaseReplyMessages },
      errors,
    );
    if (!reply) return { status: 'invalid', httpStatus: 200, errors: errors.list };
    return { status: 'ok', reply, httpStatus: 200 };
  }
}
