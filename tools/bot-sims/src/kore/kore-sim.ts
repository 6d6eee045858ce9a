import { asBadRequest, requireObject } from '../shared/control.routes';
import { BotSimBase, resolveSimOptions, type SimPlatform } from '../shared/sim-base';
import { SimHttpError } from '../shared/sim-http-error';
import { registerBotkitControlRoutes } from './botkit/botkit-control.routes';
import { registerBotkitSdkRoutes } from './botkit/botkit-sdk.routes';
import { createBotkitState, type BotkitUser } from './botkit/botkit-state';
import {
  KoreBotkit,
  type BotkitAgentTransferInput,
  type BotkitCallbackResult,
  type BotkitEventInput,
  type BotkitUserMessageInput,
} from './botkit/kore-botkit';
import { defaultKoreScript } from './kore-default-script';
import { signKoreJwt, type KoreJwtAlgorithm, type KoreJwtClaims } from './kore-jwt';
import { defaultKoreSimOptions, validateBot, validateKoreOptions, type KoreBot, type KoreSimOptions, type KoreSimOptionsInput } from './kore-options';
import type { KoreSession, KoreSimState } from './kore-state';
import { koreErrorBody, registerKoreRoutes } from './kore-webhook.routes';

const KORE: SimPlatform<KoreSimOptions> = {
  defaultOptions: defaultKoreSimOptions,
  validateOptions: validateKoreOptions,
  defaultScript: defaultKoreScript,
  renderError: koreErrorBody,
};

/**
 * A running Kore.ai XO webhook channel (v2, sync mode) simulator. `url` (`http://127.0.0.1:PORT`) is the Kore host;
 * webhook URL `{url}/chatbot/v2/webhook/{botId}`; BotKit SDK endpoints under `{url}/api/botsdk/stream/{botId}`. `options` are live: change fields at runtime
 * (e.g. `sim.options.templateEncoding = 'object'`).
 */
export class KoreSim extends BotSimBase<KoreSimOptions, KoreSimState> {
  private readonly botkit: KoreBotkit;

  private constructor(options: KoreSimOptions) {
    super(KORE, options, { requests: [], sessions: {}, polls: {}, botkit: createBotkitState() });
    registerKoreRoutes(this.server, { options, state: this.state, pending: this.pending, now: this.now });
    this.botkit = new KoreBotkit({ options, state: this.state, pending: this.pending, now: this.now, url: () => this.url });
    registerBotkitSdkRoutes(this.server, this.botkit);
    registerBotkitControlRoutes(this.server, this.botkit);
    this.server.post('/sim/bots', async (request) => asBadRequest(() => this.addBot(requireObject(request.body) as unknown as KoreBot)));
    this.server.post('/sim/token', async (request) => {
      const { botId, claims, algorithm, expiresInSeconds } = requireObject(request.body ?? {});
      const bot = this.bot(botId as string | undefined);
      if (!bot) throw new SimHttpError(404, `Bot ${String(botId)} not found`);
      return { token: this.createToken(claims as KoreJwtClaims | undefined, { botId: bot.botId, algorithm: algorithm as KoreJwtAlgorithm, expiresInSeconds: expiresInSeconds as number }) };
    });
  }

  static async start(input: KoreSimOptionsInput = {}): Promise<KoreSim> {
    const sim = new KoreSim(resolveSimOptions(KORE, input));
    await sim.listen();
    return sim;
  }

  /** A configured bot (default: the first). */
  bot(botId?: string): KoreBot | undefined {
    return botId === undefined ? this.options.bots[0] : this.options.bots.find((bot) => bot.botId === botId);
  }

  /** The webhook v2 URL of a bot (default: the first). */
  webhookUrl(botId: string = this.options.bots[0].botId): string {
    return `${this.url}/chatbot/v2/webhook/${encodeURIComponent(botId)}`;
  }

  /** The poll URL for a pollId handed out by `botId`'s webhook. */
  pollUrl(pollId: string, botId: string = this.options.bots[0].botId): string {
    return `${this.url}/chatbot/v2/webhook/${encodeURIComponent(botId)}/poll/${encodeURIComponent(pollId)}`;
  }

  /** A valid webhook JWT for a bot's app (claims override `{sub, appId}`). */
  createToken(
    claims: KoreJwtClaims = {},
    { botId, algorithm, expiresInSeconds }: { botId?: string; algorithm?: KoreJwtAlgorithm; expiresInSeconds?: number } = {},
  ): string {
    const bot = this.bot(botId);
    if (!bot) throw new Error(`Bot ${String(botId)} not found`);
    return signKoreJwt(bot, claims, { algorithm, expiresInSeconds });
  }

  addBot(bot: KoreBot): KoreBot {
    validateBot(bot);
    if (this.bot(bot.botId)) throw new Error(`Bot ${bot.botId} already exists`);
    const added = { ...bot, name: bot.name || bot.botId };
    this.options.bots.push(added);
    return added;
  }

  /** Recorded state of a user (`from.id`). */
  session(fromId: string): KoreSession | undefined {
    return this.state.sessions[fromId];
  }

  /**
   * BotKit: the agent transfer node ran. Starts the user's agent session, then POSTs `on_agent_transfer` to
   * `{callbackUrl}/sdk/bots/{botId}/on_agent_transfer` and resolves with the gateway's answer.
   * Throws SimHttpError: 400 (bad input, no callback URL), 404 (unknown bot), 502 (the callback failed).
   */
  botkitAgentTransfer(input: BotkitAgentTransferInput): Promise<BotkitCallbackResult> {
    return this.botkit.agentTransfer(input);
  }

  /** BotKit: the user typed; POSTs `on_user_message` (`agent_transfer` = the agent session is active). */
  botkitUserMessage(input: BotkitUserMessageInput): Promise<BotkitCallbackResult> {
    return this.botkit.userMessage(input);
  }

  /** BotKit: the bot said `text`; POSTs `on_bot_message` (shown only once the gateway calls sendUserMessage). */
  botkitBotMessage(input: BotkitUserMessageInput): Promise<BotkitCallbackResult> {
    return this.botkit.botMessage(input);
  }

  /** BotKit: POSTs `on_event` with `event` as given (the event body is UNCONFIRMED). */
  botkitEvent(input: BotkitEventInput): Promise<BotkitCallbackResult> {
    return this.botkit.event(input);
  }

  /** The BotKit `baseUrl` of a bot (default: the first): `{url}/api/botsdk/stream/{botId}`. */
  botkitBaseUrl(botId: string = this.options.bots[0].botId): string {
    return this.botkit.baseUrl(botId);
  }

  /** An SDK `auth` token as BotKit signs it: `{appId, exp: now+60 s}` with `botkit.tokenAlgorithm` unless given. */
  botkitSdkToken(settings: Parameters<KoreBotkit['sdkToken']>[0] = {}): string {
    return this.botkit.sdkToken(settings);
  }

  /** Recorded BotKit state of a user: agent session, messages shown, messages handed to the bot. */
  botkitUser(userId: string): BotkitUser | undefined {
    return this.botkit.user(userId);
  }

  /** Forgets recorded requests, sessions, polls and BotKit state (options, bots and script stay). */
  override reset(): void {
    super.reset();
    for (const pollId of Object.keys(this.state.polls)) delete this.state.polls[pollId];
    this.botkit.reset();
  }

  override close(): Promise<void> {
    this.botkit.timers.disarmAll();
    return super.close();
  }
}

/** Starts a Kore webhook v2 simulator on `options.host:options.port` (default 127.0.0.1, a free port). */
export function createKoreSim(options: KoreSimOptionsInput = {}): Promise<KoreSim> {
  return KoreSim.start(options);
}
