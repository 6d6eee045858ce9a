import { asBadRequest, requireObject } from '../shared/control.routes';
import { createBotSimState } from '../shared/recording';
import { BotSimBase, resolveSimOptions, type SimPlatform } from '../shared/sim-base';
import { defaultCognigyScript } from './cognigy-default-script';
import { defaultCognigySimOptions, validateCognigyOptions, type CognigySimOptions, type CognigySimOptionsInput } from './cognigy-options';
import { registerCognigyInjectNotifyRoutes } from './cognigy-inject-notify.routes';
import type { CognigyInjection, CognigyNotification, CognigySession, CognigySimState } from './cognigy-state';
import { cognigyErrorBody, registerCognigyRoutes, type CognigyRouteContext } from './cognigy.routes';

const COGNIGY: SimPlatform<CognigySimOptions> = {
  defaultOptions: defaultCognigySimOptions,
  validateOptions: validateCognigyOptions,
  defaultScript: defaultCognigyScript,
  renderError: cognigyErrorBody,
};

/**
 * A running Cognigy.AI REST endpoint simulator. `url` (`http://127.0.0.1:PORT`) is the endpoint base; the endpoint URL
 * is `{url}/{URLToken}`, its notify and inject routes `{url}/notify/{URLToken}` and `{url}/inject/{URLToken}` (recorded in
 * `state.notifications` / `state.injections`). `options` are live: change fields at runtime (e.g. `sim.options.nesting = '_data'`).
 */
export class CognigySim extends BotSimBase<CognigySimOptions, CognigySimState> {
  private constructor(options: CognigySimOptions) {
    super(COGNIGY, options, { ...createBotSimState<CognigySession>(), notifications: [], injections: [] });
    const routes: CognigyRouteContext = { options, state: this.state, pending: this.pending, now: this.now };
    registerCognigyInjectNotifyRoutes(this.server, routes);
    registerCognigyRoutes(this.server, routes);
    this.server.post('/sim/endpoints', async (request) => {
      const { urlToken } = requireObject(request.body);
      asBadRequest(() => this.addEndpoint(urlToken as string));
      return { urlToken, url: this.endpointUrl(urlToken as string) };
    });
  }

  static async start(input: CognigySimOptionsInput = {}): Promise<CognigySim> {
    const sim = new CognigySim(resolveSimOptions(COGNIGY, input));
    await sim.listen();
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

  /** `{url}/notify/{URLToken}` (default: the first configured token). */
  notifyUrl(urlToken: string = this.options.urlTokens[0]): string {
    return `${this.url}/notify/${encodeURIComponent(urlToken)}`;
  }

  /** `{url}/inject/{URLToken}` (default: the first configured token). */
  injectUrl(urlToken: string = this.options.urlTokens[0]): string {
    return `${this.url}/inject/${encodeURIComponent(urlToken)}`;
  }

  /** Accepted notify calls (`POST /notify/{URLToken}`) for one session, in arrival order. */
  notificationsFor(sessionId: string): CognigyNotification[] {
    return this.state.notifications.filter((notification) => notification.sessionId === sessionId);
  }

  /** Accepted inject calls (`POST /inject/{URLToken}`) for one session, in arrival order. */
  injectionsFor(sessionId: string): CognigyInjection[] {
    return this.state.injections.filter((injection) => injection.sessionId === sessionId);
  }

  override reset(): void {
    super.reset();
    this.state.notifications.length = 0;
    this.state.injections.length = 0;
  }
}

/** Starts a Cognigy REST endpoint simulator on `options.host:options.port` (default 127.0.0.1, a free port). */
export function createCognigySim(options: CognigySimOptionsInput = {}): Promise<CognigySim> {
  return CognigySim.start(options);
}
