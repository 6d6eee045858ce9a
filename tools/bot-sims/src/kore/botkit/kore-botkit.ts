import type { PendingReplies } from '../../shared/pending-replies';
import { SimHttpError } from '../../shared/sim-http-error';
import type { KoreJwtAlgorithm, KoreJwtClaims } from '../kore-jwt';
import type { KoreBot, KoreSimOptions } from '../kore-options';
import type { KoreSimState } from '../kore-state';
import { AgentSessionTimers, markActivity, startAgentSession } from './botkit-agent-session';
import { postCallback } from './botkit-callback.client';
import type { BotkitCallbackAuth } from './botkit-options';
import { buildBotkitPayload, newBotkitRequestId, type BotkitPayload, type BotkitPayloadInput, type BotkitUserProfile } from './botkit-payload.builder';
import { botkitUser, clearBotkitState, type BotkitCallbackRecord, type BotkitEventName, type BotkitUser } from './botkit-state';
import { callbackAuthHeaders, signBotkitSdkToken } from './botkit-token';

/** What every simulated callback accepts besides its own fields. */
export interface BotkitCallbackInput {
  /** Default: the first bot. */
  botId?: string;
  /** The Kore user (`channel.from`, `context.session.UserContext._id`). */
  userId: string;
  metaInfo?: Record<string, unknown>;
  metaTags?: Record<string, unknown>;
  attachments?: unknown[];
  /** `UserContext` names (default Ada Lovelace). */
  user?: Partial<BotkitUserProfile>;
  /** Deep-merged over the built `context`. */
  context?: Record<string, unknown>;
  /** Deep-merged over the whole payload, last. */
  overrides?: Record<string, unknown>;
  /** This call's auth instead of `botkit.callbackAuth`. */
  callbackAuth?: BotkitCallbackAuth;
}

export interface BotkitAgentTransferInput extends BotkitCallbackInput {
  /** The user's last message, which led to the transfer. */
  message?: string;
}

export interface BotkitUserMessageInput extends BotkitCallbackInput {
  text: string;
}

export interface BotkitEventInput extends BotkitCallbackInput {
  /** UNCONFIRMED body, e.g. `{type:"close"}`. */
  event: unknown;
  message?: string;
}

/** The gateway's answer to one callback, and what was sent. */
export interface BotkitCallbackResult {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  requestId: string;
  payload: BotkitPayload;
}

export interface BotkitDeps {
  options: KoreSimOptions;
  state: KoreSimState;
  pending: PendingReplies;
  now: () => Date;
  /** The simulator's base URL, once listening. */
  url: () => string;
}

/**
 * Kore's platform side of the "Custom (BotKit)" agent transfer (bot-platforms.md §B4, §B5): it posts `on_agent_transfer`,
 * `on_user_message` and `on_event` to the gateway's callback URL, issues the requestIds the SDK endpoints accept and
 * keeps each user's agent session (started by the transfer, ended by `clearAgentSession` or 15 min of inactivity).
 */
export class KoreBotkit {
  readonly timers: AgentSessionTimers;

  constructor(readonly deps: BotkitDeps) {
    this.timers = new AgentSessionTimers(() => deps.options.botkit.agentSessionIdleMs, deps.now);
  }

  /** `{url}/api/botsdk/stream/{botId}`: the payload's `baseUrl`. */
  baseUrl(botId: string): string {
    return `${this.deps.url()}/api/botsdk/stream/${encodeURIComponent(botId)}`;
  }

  /** A configured bot (default: the first); 404 otherwise. */
  bot(botId?: string): KoreBot {
    const { bots } = this.deps.options;
    const bot = botId === undefined ? bots[0] : bots.find((candidate) => candidate.botId === botId);
    if (!bot) throw new SimHttpError(404, `Bot ${String(botId)} not found`);
    return bot;
  }

  /** The agent transfer node ran: agent mode starts for the user, then `on_agent_transfer` is posted. */
  async agentTransfer(input: BotkitAgentTransferInput): Promise<BotkitCallbackResult> {
    const message = input.message ?? 'I would like to talk to an agent';
    return this.send('on_agent_transfer', input, message, (user, now) => {
      markActivity(user.agentSession, now, this.idleMs());
      startAgentSession(user.agentSession, now, 'on_agent_transfer');
      return { agentTransfer: false, inAgentTransfer: true };
    });
  }

  /** The user typed: `on_user_message` with `agent_transfer` = whether the agent session is (still) active. */
  async userMessage(input: BotkitUserMessageInput): Promise<BotkitCallbackResult> {
    return this.message('on_user_message', input);
  }

  /**
   * The bot answered (OnMessage subscription): `on_bot_message`; the gateway decides whether the user sees it
   * (`sendUserMessage`). Nothing is shown until it does.
   */
  async botMessage(input: BotkitUserMessageInput): Promise<BotkitCallbackResult> {
    return this.message('on_bot_message', input);
  }

  /** A platform event for the user (`on_event`); the event body is UNCONFIRMED, so it is whatever the caller gives. */
  async event(input: BotkitEventInput): Promise<BotkitCallbackResult> {
    if (input.event === undefined) throw new SimHttpError(400, 'event is required');
    return this.send('on_event', input, input.message, (user, now) => {
      markActivity(user.agentSession, now, this.idleMs());
      const active = user.agentSession.active;
      return { agentTransfer: active, inAgentTransfer: active, eventBody: input.event };
    });
  }

  /** An SDK `auth` token as BotKit signs it (`{appId, exp: now+60 s}`, the app's algorithm unless given). */
  sdkToken({ botId, claims, algorithm, expiresInSeconds }: { botId?: string; claims?: KoreJwtClaims; algorithm?: KoreJwtAlgorithm; expiresInSeconds?: number | null } = {}): string {
    return signBotkitSdkToken(this.bot(botId), claims, { algorithm: algorithm ?? this.deps.options.botkit.tokenAlgorithm, expiresInSeconds });
  }

  user(userId: string): BotkitUser | undefined {
    return this.deps.state.botkit.users[userId];
  }

  reset(): void {
    this.timers.disarmAll();
    clearBotkitState(this.deps.state.botkit);
  }

  private async message(event: 'on_user_message' | 'on_bot_message', input: BotkitUserMessageInput): Promise<BotkitCallbackResult> {
    if (typeof input.text !== 'string' || input.text === '') throw new SimHttpError(400, 'text must be a non-empty string');
    return this.send(event, input, input.text, (user, now) => {
      markActivity(user.agentSession, now, this.idleMs());
      const active = user.agentSession.active;
      return { agentTransfer: active, inAgentTransfer: active };
    });
  }

  private idleMs(): number {
    return this.deps.options.botkit.agentSessionIdleMs;
  }

  private async send(
    event: BotkitEventName,
    input: BotkitCallbackInput,
    message: string | undefined,
    session: (user: BotkitUser, now: Date) => Pick<BotkitPayloadInput, 'agentTransfer' | 'inAgentTransfer' | 'eventBody'>,
  ): Promise<BotkitCallbackResult> {
    if (typeof input.userId !== 'string' || input.userId === '') throw new SimHttpError(400, 'userId must be a non-empty string');
    const bot = this.bot(input.botId);
    const callbackUrl = bot.botkitCallbackUrl ?? this.deps.options.botkit.callbackUrl;
    if (!callbackUrl) throw new SimHttpError(400, `No BotKit callback URL for bot ${bot.botId} (set botkit.callbackUrl)`);
    const { state } = this.deps;
    const now = this.deps.now();
    const user = botkitUser(state.botkit, input.userId, bot.botId, now);
    const sessionFields = session(user, now);
    this.timers.arm(user);

    const requestId = newBotkitRequestId(now.getTime());
    state.botkit.requestIds[requestId] = { requestId, botId: bot.botId, userId: user.userId, event, issuedAt: now.toISOString(), extends: 0 };
    if (message !== undefined && (event === 'on_agent_transfer' || event === 'on_user_message')) user.transcript.push({ direction: 'incoming', text: message, at: now.toISOString(), requestId });

    const payload = buildBotkitPayload({
      ...sessionFields,
      event,
      requestId,
      botId: bot.botId,
      baseUrl: this.baseUrl(bot.botId),
      userId: user.userId,
      message,
      metaInfo: input.metaInfo,
      metaTags: input.metaTags,
      attachments: input.attachments,
      user: input.user,
      context: input.context,
      overrides: input.overrides,
    });
    const { botkit } = this.deps.options;
    const headers = callbackAuthHeaders(bot, input.callbackAuth ?? botkit.callbackAuth, botkit.tokenAlgorithm);
    const url = `${callbackUrl.replace(/\/+$/, '')}/sdk/bots/${encodeURIComponent(bot.botId)}/${event}`;
    const record: BotkitCallbackRecord = { event, botId: bot.botId, userId: user.userId, requestId, url, headers, body: payload as unknown as Record<string, unknown>, sentAt: now.toISOString() };
    state.botkit.callbacks.push(record);
    try {
      const answer = await postCallback(url, headers, payload, botkit.callbackTimeoutMs);
      Object.assign(record, { status: answer.status, response: answer.body, responseHeaders: answer.headers, durationMs: answer.durationMs });
      return { status: answer.status, body: answer.body, headers: answer.headers, requestId, payload };
    } catch (error) {
      record.error = describeError(error);
      throw new SimHttpError(502, `BotKit callback ${event} to ${url} failed: ${record.error}`);
    }
  }
}

function describeError(error: unknown): string {
  const { message, cause } = error as Error & { cause?: { code?: string; message?: string } };
  return cause ? `${message} (${cause.code ?? cause.message ?? 'unknown cause'})` : message;
}
