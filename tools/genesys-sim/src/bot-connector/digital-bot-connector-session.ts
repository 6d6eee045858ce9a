import { badRequest } from '../support/genesys-error';
import type { BotTurnRecord, DigitalBotConnectorIntegration, InputMessage } from './bot-connector.model';
import { attemptRecord, callBot } from './bot-http';
import type { ValidatedBotReply } from './bot-reply.validator';
import { BotSessionBase, type BotSessionDeps, type BotSessionInput, type CheckedSessionInput, type TurnOutcome } from './bot-session';
import type { DigitalBot, DigitalBotVersion } from './digital-bot.validator';

/** Architect "Bot Response Timeout" lower bound (§1.6). */
export const MIN_BOT_RESPONSE_TIMEOUT_MS = 1_000;

/** "Call Digital Bot Connector" action inputs on top of the v1 ones. */
export interface DigitalBotSessionInput extends BotSessionInput {
  /** Default `Open` (SDK MessagingPlatformType enum: Phone, SMS, GenesysWebWidget, Open, Whatsapp, …). */
  messagingPlatformType?: string;
  /** Default `['Messaging']`. */
  channels?: string[];
  /** Overrides `digitalBotConnector.botResponseTimeoutMs` for this action (min 1 000). */
  botResponseTimeoutMs?: number;
}

/** The turn waiting for its outgoing message. */
export interface PendingReply {
  messageId: string;
  turn: BotTurnRecord;
  resolve(reply: ValidatedBotReply): void;
}

type Awaited = { kind: 'reply'; reply: ValidatedBotReply } | { kind: 'timeout' } | { kind: 'aborted' } | { kind: 'cancelled' };

export function checkBotResponseTimeout(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < MIN_BOT_RESPONSE_TIMEOUT_MS) {
    throw badRequest(`botResponseTimeoutMs must be at least ${MIN_BOT_RESPONSE_TIMEOUT_MS} (Architect minimum 1 s)`);
  }
  return value;
}

/**
 * Architect "Call Digital Bot Connector" (v2, §1.6): each turn is a POST {base}/messages that must be acknowledged
 * quickly (2xx); the bot's real answer arrives asynchronously on POST /api/v2/integrations/botconnectors/outgoing/messages,
 * correlated by botSessionId (+ messageId), within the Bot Response Timeout.
 */
export class DigitalBotConnectorSession extends BotSessionBase<DigitalBotConnectorIntegration> {
  /** Every turn's messageId, to tell a late reply from a wrong one. */
  readonly turnIds = new Set<string>();
  pending?: PendingReply;
  private readonly messagingPlatformType: string;
  private readonly channels: string[];
  private readonly responseTimeoutOverride?: number;
  private deadlineMs = 0;

  constructor(
    deps: BotSessionDeps,
    integration: DigitalBotConnectorIntegration,
    bot: DigitalBot,
    version: DigitalBotVersion,
    input: CheckedSessionInput,
    extra: DigitalBotSessionInput,
  ) {
    super(deps, integration, version, input, bot.name);
    this.messagingPlatformType = extra.messagingPlatformType ?? 'Open';
    this.channels = extra.channels ? [...extra.channels] : ['Messaging'];
    this.responseTimeoutOverride = extra.botResponseTimeoutMs === undefined ? undefined : checkBotResponseTimeout(extra.botResponseTimeoutMs);
  }

  protected turnUrl(): string {
    return `${this.integration.baseUrl}/messages`;
  }

  /**
   * IncomingMessageRequest (PYSDK) plus `messageId` (as [GCX] models it, for correlation): exact wire contract UNCONFIRMED.
   * `automateFlowExecId` is left out (Architect flows, not Automate).
   */
  protected turnBody(inputMessage: InputMessage, messageId: string): Record<string, unknown> {
    const { record } = this;
    return {
      botId: record.botId,
      ...(record.botName === undefined ? {} : { botName: record.botName }),
      botVersion: record.botVersion,
      integrationId: record.integrationId,
      botSessionId: record.botSessionId,
      messageId,
      conversationId: record.conversationId,
      languageCode: record.languageCode,
      inputMessage,
      messagingPlatformType: this.messagingPlatformType,
      channels: this.channels,
      botSessionTimeout: record.botSessionTimeout,
      parameters: record.parameters,
    };
  }

  protected override beforeTurn(): void {
    this.deadlineMs = checkBotResponseTimeout(this.responseTimeoutOverride ?? this.deps.options.digitalBotConnector.botResponseTimeoutMs);
  }

  protected async exchange(_input: InputMessage, turn: BotTurnRecord): Promise<TurnOutcome> {
    const options = this.deps.options.digitalBotConnector;
    const deadlineMs = this.deadlineMs;
    const awaited = this.expectReply(turn, deadlineMs);
    const ack = await callBot(
      this.deps.http,
      this.deps.closing,
      { method: 'POST', url: turn.url, headers: turn.requestHeaders, body: JSON.stringify(turn.requestBody), timeoutMs: Math.min(options.requestTimeoutMs, deadlineMs), attempt: 1 },
      this.deps.now,
    );
    turn.attempts.push(attemptRecord(ack));
    const ackFailure = ((): TurnOutcome | undefined => {
      if (ack.aborted) return { status: 'aborted', error: ack.error };
      if (ack.timedOut) return { status: 'timeout', error: `the POST /messages acknowledgement did not come: ${ack.error ?? ''}`.trim() };
      if (ack.status === undefined) return { status: 'http-error', error: ack.error };
      if (ack.status < 200 || ack.status >= 300) return { status: 'http-error', httpStatus: ack.status, error: `POST /messages answered HTTP ${ack.status}; a 2xx acknowledgement is expected` };
      return undefined;
    })();
    if (ackFailure) {
      awaited.cancel();
      return ackFailure;
    }
    const result = await awaited.promise;
    if (result.kind === 'reply') return { status: 'ok', reply: result.reply, httpStatus: ack.status };
    if (result.kind === 'aborted') return { status: 'aborted', httpStatus: ack.status, error: 'simulator closed' };
    return { status: 'timeout', httpStatus: ack.status, error: `no outgoing message within the Bot Response Timeout (${deadlineMs} ms)` };
  }

  /** Registers the turn as waiting before the POST goes out (the bot may answer before its ack arrives). */
  private expectReply(turn: BotTurnRecord, deadlineMs: number): { promise: Promise<Awaited>; cancel(): void } {
    this.turnIds.add(turn.id);
    const closing = this.deps.closing;
    let settle: (value: Awaited) => void = () => undefined;
    this.pending = { messageId: turn.id, turn, resolve: (reply) => settle({ kind: 'reply', reply }) };
    const promise = new Promise<Awaited>((resolve) => {
      let done = false;
      const onClose = (): void => settle({ kind: 'aborted' });
      const timer = setTimeout(() => settle({ kind: 'timeout' }), deadlineMs);
      settle = (value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        closing.removeEventListener('abort', onClose);
        if (this.pending?.messageId === turn.id) this.pending = undefined;
        resolve(value);
      };
      if (closing.aborted) settle({ kind: 'aborted' });
      else closing.addEventListener('abort', onClose, { once: true });
    });
    return { promise, cancel: () => settle({ kind: 'cancelled' }) };
  }
}
