import { asBadRequest, requireObject } from '../shared/control.routes';
import { BotSimBase, resolveSimOptions, type SimPlatform } from '../shared/sim-base';
import { SimHttpError } from '../shared/sim-http-error';
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
 * webhook URL `{url}/chatbot/v2/webhook/{botId}`. `options` are live: change fields at runtime
 * (e.g. `sim.options.templateEncoding = 'object'`).
 */
export class KoreSim extends BotSimBase<KoreSimOptions, KoreSimState> {
  private constructor(options: KoreSimOptions) {
    super(KORE, options, { requests: [], sessions: {}, polls: {} });
    registerKoreRoutes(this.server, { options, state: this.state, pending: this.pending, now: this.now });
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

  /** Forgets recorded requests, sessions and polls (options, bots and script stay). */
  override reset(): void {
    super.reset();
    for (const pollId of Object.keys(this.state.polls)) delete this.state.polls[pollId];
  }
}

/** Starts a Kore webhook v2 simulator on `options.host:options.port` (default 127.0.0.1, a free port). */
export function createKoreSim(options: KoreSimOptionsInput = {}): Promise<KoreSim> {
  return KoreSim.start(options);
}
