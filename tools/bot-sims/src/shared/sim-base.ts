import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registerControlRoutes, type ControllableSim } from './control.routes';
import { PendingReplies } from './pending-replies';
import { clearBotSimState, type BaseSession, type BotSimState } from './recording';
import { validateScript, type ScriptRule } from './script';
import { createSimServer, listen } from './sim-server';
import { applyOptionOverrides, resolveOptions, type DeepPartial } from './sim-options';

/** The options every bot simulator has. */
export interface BaseSimOptions {
  host: string;
  /** 0 = a free port. */
  port: number;
  maxRequestBytes: number;
  script: ScriptRule<unknown>[];
}

/** What one platform (Cognigy, Kore) plugs into the shared simulator logic. */
export interface SimPlatform<TOptions extends BaseSimOptions> {
  defaultOptions(): TOptions;
  /** Checks option values (except the script, which has its own validation). Throws Error. */
  validateOptions(options: Partial<Record<keyof TOptions, unknown>>): void;
  defaultScript(): TOptions['script'];
  /** The platform's error body for a status and message. */
  renderError(status: number, message: string, request: FastifyRequest): unknown;
}

/** Defaults deep-merged with `input`, validated (options and script) before the simulator starts. */
export function resolveSimOptions<TOptions extends BaseSimOptions>(platform: SimPlatform<TOptions>, input: unknown): TOptions {
  const options = resolveOptions(platform.defaultOptions(), input as DeepPartial<TOptions>);
  platform.validateOptions(options);
  validateScript(options.script);
  return options;
}

/** A running bot simulator: the recording server, its `/sim` control API and its lifecycle. */
export abstract class BotSimBase<TOptions extends BaseSimOptions, TState extends BotSimState<BaseSession>> implements ControllableSim {
  /** `http://127.0.0.1:PORT`, once listening. */
  url = '';

  protected readonly server: FastifyInstance;
  protected readonly pending = new PendingReplies();
  protected readonly now = (): Date => new Date();
  private closing?: Promise<void>;

  protected constructor(
    private readonly platform: SimPlatform<TOptions>,
    /** Live options: change fields at runtime. */
    readonly options: TOptions,
    /** Everything received so far (live objects). */
    readonly state: TState,
  ) {
    this.server = createSimServer({ maxRequestBytes: options.maxRequestBytes, state, now: this.now, renderError: platform.renderError });
    registerControlRoutes(this.server, this);
  }

  setScript(script: unknown): void {
    validateScript(script);
    this.options.script = script as TOptions['script'];
  }

  resetScript(): void {
    this.options.script = this.platform.defaultScript();
  }

  patchOptions(overrides: Record<string, unknown>): void {
    const { script, host, port, maxRequestBytes, ...rest } = overrides;
    if (host !== undefined || port !== undefined || maxRequestBytes !== undefined) throw new Error('host, port and maxRequestBytes are fixed at start');
    const known = Object.keys(this.platform.defaultOptions());
    const unknown = Object.keys(rest).filter((key) => !known.includes(key));
    if (unknown.length > 0) throw new Error(`unknown options: ${unknown.join(', ')}`);
    this.platform.validateOptions(rest as Partial<Record<keyof TOptions, unknown>>);
    if (script !== undefined) validateScript(script);
    applyOptionOverrides(this.options, rest as DeepPartial<TOptions>);
    if (script !== undefined) this.options.script = script as TOptions['script'];
  }

  /** Forgets recorded requests and sessions (options and script stay). */
  reset(): void {
    clearBotSimState(this.state);
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

  /** Starts listening on `options.host:options.port` and sets `url`. */
  protected async listen(): Promise<void> {
    this.url = await listen(this.server, this.options.host, this.options.port);
  }
}
