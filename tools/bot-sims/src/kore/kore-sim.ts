import type { FastifyInstance } from 'fastify';
import { asBadRequest, registerControlRoutes, requireObject, type ControllableSim } from '../shared/control.routes';
import { PendingReplies } from '../shared/pending-replies';
import { clearBotSimState } from '../shared/recording';
import { validateScript } from '../shared/script';
import { SimHttpError } from '../shared/sim-http-error';
import { createSimServer, listen } from '../shared/sim-server';
import { applyOptionOverrides, resolveOptions, type DeepPartial } from '../shared/sim-options';
import { defaultKoreScript } from './kore-default-script';
import { signKoreJwt, type KoreJwtAlgorithm, type KoreJwtClaims } from './kore-jwt';
import { defaultKoreSimOptions, validateBot, validateKoreOptions, type KoreBot, type KoreSimOptions, type KoreSimOptionsInput } from './kore-options';
import type { KoreScript } from './kore-script';
import type { KoreSession, KoreSimState } from './kore-state';
import { koreErrorBody, registerKoreRoutes } from './kore-webhook.routes';

/** A running Kore.ai XO webhook channel (v2, sync mode) simulator. */
export class KoreSim implements ControllableSim {
  /** `http://127.0.0.1:PORT` = the Kore host; webhook URL `{url}/chatbot/v2/webhook/{botId}`. */
  url = '';
  /** Everything received so far (live objects). */
  readonly state: KoreSimState = { requests: [], sessions: {}, polls: {} };

  private readonly server: FastifyInstance;
  private readonly pending = new PendingReplies();
  private closing?: Promise<void>;

  private constructor(
    /** Live options: change fields at runtime (e.g. `sim.options.templateEncoding = 'object'`). */
    readonly options: KoreSimOptions,
  ) {
    const now = (): Date => new Date();
    this.server = createSimServer({ maxRequestBytes: options.maxRequestBytes, state: this.state, now, renderError: koreErrorBody });
    registerControlRoutes(this.server, this);
    registerKoreRoutes(this.server, { options, state: this.state, pending: this.pending, now });
    this.server.post('/sim/bots', async (request) => asBadRequest(() => this.addBot(requireObject(request.body) as unknown as KoreBot)));
    this.server.post('/sim/token', async (request) => {
      const { botId, claims, algorithm, expiresInSeconds } = requireObject(request.body ?? {});
      const bot = this.bot(botId as string | undefined);
      if (!bot) throw new SimHttpError(404, `Bot ${String(botId)} not found`);
      return { token: this.createToken(claims as KoreJwtClaims | undefined, { botId: bot.botId, algorithm: algorithm as KoreJwtAlgorithm, expiresInSeconds: expiresInSeconds as number }) };
    });
  }

  static async start(input: KoreSimOptionsInput = {}): Promise<KoreSim> {
    const options = resolveOptions(defaultKoreSimOptions(), input as DeepPartial<KoreSimOptions>);
    validateKoreOptions(options);
    validateScript(options.script);
    const sim = new KoreSim(options);
    sim.url = await listen(sim.server, options.host, options.port);
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

  setScript(script: unknown): void {
    validateScript(script);
    this.options.script = script as KoreScript;
  }

  resetScript(): void {
    this.options.script = defaultKoreScript();
  }

  patchOptions(overrides: Record<string, unknown>): void {
    const { script, host, port, maxRequestBytes, ...rest } = overrides;
    if (host !== undefined || port !== undefined || maxRequestBytes !== undefined) throw new Error('host, port and maxRequestBytes are fixed at start');
    const known = Object.keys(defaultKoreSimOptions());
    const unknown = Object.keys(rest).filter((key) => !known.includes(key));
    if (unknown.length > 0) throw new Error(`unknown options: ${unknown.join(', ')}`);
    validateKoreOptions(rest);
    if (script !== undefined) validateScript(script);
    applyOptionOverrides(this.options, rest as DeepPartial<KoreSimOptions>);
    if (script !== undefined) this.options.script = script as KoreScript;
  }

  /** Forgets recorded requests, sessions and polls (options, bots and script stay). */
  reset(): void {
    clearBotSimState(this.state);
    for (const pollId of Object.keys(this.state.polls)) delete this.state.polls[pollId];
  }

  /** Number of requests currently held by slow or hanging rules. */
  get heldRequests(): number {
    return this.pending.count;
  }

  /** Drops held requests and closes the server. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.pending.closeAll();
      await this.server.close();
    })();
    return this.closing;
  }
}

/** Starts a Kore webhook v2 simulator on `options.host:options.port` (default 127.0.0.1, a free port). */
export function createKoreSim(options: KoreSimOptionsInput = {}): Promise<KoreSim> {
  return KoreSim.start(options);
}
