import type { FastifyInstance } from 'fastify';
import { registerControlRoutes, requireObject, asBadRequest, type ControllableSim } from '../shared/control.routes';
import { PendingReplies } from '../shared/pending-replies';
import { clearBotSimState, createBotSimState } from '../shared/recording';
import { validateScript } from '../shared/script';
import { createSimServer, listen } from '../shared/sim-server';
import { applyOptionOverrides, resolveOptions, type DeepPartial } from '../shared/sim-options';
import { defaultCognigyScript } from './cognigy-default-script';
import {
  defaultCognigySimOptions,
  validateCognigyOptions,
  type CognigySimOptions,
  type CognigySimOptionsInput,
} from './cognigy-options';
import type { CognigyScript } from './cognigy-script';
import type { CognigySession, CognigySimState } from './cognigy-state';
import { cognigyErrorBody, registerCognigyRoutes } from './cognigy.routes';

/** A running Cognigy.AI REST endpoint simulator. */
export class CognigySim implements ControllableSim {
  /** `http://127.0.0.1:PORT` = the endpoint base; the endpoint URL is `{url}/{URLToken}`. */
  url = '';
  /** Everything received so far (live objects). */
  readonly state: CognigySimState = createBotSimState<CognigySession>();

  private readonly server: FastifyInstance;
  private readonly pending = new PendingReplies();
  private closing?: Promise<void>;

  private constructor(
    /** Live options: change fields at runtime (e.g. `sim.options.nesting = '_data'`). */
    readonly options: CognigySimOptions,
  ) {
    const now = (): Date => new Date();
    this.server = createSimServer({
      maxRequestBytes: options.maxRequestBytes,
      state: this.state,
      now,
      renderError: cognigyErrorBody,
    });
    registerControlRoutes(this.server, this);
    registerCognigyRoutes(this.server, { options, state: this.state, pending: this.pending, now });
    this.server.post('/sim/endpoints', async (request) => {
      const { urlToken } = requireObject(request.body);
      asBadRequest(() => this.addEndpoint(urlToken as string));
      return { urlToken, url: this.endpointUrl(urlToken as string) };
    });
  }

  static async start(input: CognigySimOptionsInput = {}): Promise<CognigySim> {
    const options = resolveOptions(defaultCognigySimOptions(), input as DeepPartial<CognigySimOptions>);
    validateCognigyOptions(options);
    validateScript(options.script);
    const sim = new CognigySim(options);
    sim.url = await listen(sim.server, options.host, options.port);
    return sim;
  }

  /** The endpoint URL of a token (default: the first configured token). */
  endpointUrl(urlToken: string = this.options.urlTokens[0]): string {
    return `${this.url}/${encodeURIComponent(urlToken)}`;
  }

  addEndpoint(urlToken: string): void {
    if (typeof urlToken !== 'string' || urlToken === '' || urlToken.includes('/')) throw new Error('urlToken must be a non-empty string without "/"');
    if (!this.options.urlTokens.includes(urlToken)) this.options.urlTokens.push(urlToken);
  }

  session(sessionId: string): CognigySession | undefined {
    return this.state.sessions[sessionId];
  }

  setScript(script: unknown): void {
    validateScript(script);
    this.options.script = script as CognigyScript;
  }

  resetScript(): void {
    this.options.script = defaultCognigyScript();
  }

  patchOptions(overrides: Record<string, unknown>): void {
    const { script, host, port, maxRequestBytes, ...rest } = overrides;
    if (host !== undefined || port !== undefined || maxRequestBytes !== undefined) throw new Error('host, port and maxRequestBytes are fixed at start');
    const known = Object.keys(defaultCognigySimOptions());
    const unknown = Object.keys(rest).filter((key) => !known.includes(key));
    if (unknown.length > 0) throw new Error(`unknown options: ${unknown.join(', ')}`);
    validateCognigyOptions(rest);
    if (script !== undefined) validateScript(script);
    applyOptionOverrides(this.options, rest as DeepPartial<CognigySimOptions>);
    if (script !== undefined) this.options.script = script as CognigyScript;
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
}

/** Starts a Cognigy REST endpoint simulator on `options.host:options.port` (default 127.0.0.1, a free port). */
export function createCognigySim(options: CognigySimOptionsInput = {}): Promise<CognigySim> {
  return CognigySim.start(options);
}
