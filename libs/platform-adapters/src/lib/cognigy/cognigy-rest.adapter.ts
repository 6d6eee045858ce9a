import { type BotTurnResult, parseCognigyOutput, toCognigyInput } from '@genesys-bridge/content-conversion';
import { type BotPlatformAdapter, type BotTurnRequest } from '../bot-platform.adapter';
import { PlatformHttp, type PlatformHttpOptions, type PlatformRequest } from '../http/platform-http';
import { isRecord } from '../json-values';
import { readCognigyControl } from './cognigy-control';

export interface CognigyRestAdapterOptions extends PlatformHttpOptions {
  /** The endpoint base, e.g. `https://endpoint-trial.cognigy.ai` (everything before the URL token). */
  endpointBaseUrl: string;
  /** The endpoint's URL token: the only credential of a Cognigy REST endpoint. Secret. */
  urlToken: string;
  /** `data.intent` values that mean "hand over" (Genesys-channel Custom JSON style), besides the explicit signals. */
  handoverIntents?: string[];
}

/**
 * Cognigy.AI REST endpoint (bot-platforms.md §A2): one synchronous `POST {endpointBaseUrl}/{urlToken}` per turn.
 *
 * - Request `{userId, sessionId, text, data}` from `toCognigyInput`; `data.genesys` adds
 *   `{isNewSession, languageCode?, parameters?}` so a Flow can read `ci.data.genesys.*`.
 * - Every `outputStack` entry is parsed on its own with `parseCognigyOutput` (the top-level `text`/`data` concatenate
 *   outputs and are ignored). A response without an `outputStack` array is `invalid-response`.
 * - Handover and end-of-session signals are read per entry, see `readCognigyControl`.
 */
export class CognigyRestAdapter implements BotPlatformAdapter {
  readonly platform = 'cognigy' as const;
  private readonly http: PlatformHttp;
  private readonly endpointUrl: URL;
  private readonly handoverIntents: ReadonlySet<string>;

  constructor(options: CognigyRestAdapterOptions) {
    if (!options.urlToken) throw new TypeError('CognigyRestAdapter: urlToken is required');
    this.endpointUrl = cognigyEndpointUrl(options.endpointBaseUrl, options.urlToken);
    this.handoverIntents = new Set(options.handoverIntents ?? []);
    this.http = new PlatformHttp('cognigy', options, [options.urlToken]);
  }

  async sendTurn(turn: BotTurnRequest): Promise<BotTurnResult> {
    const { text, data } = toCognigyInput(turn.input);
    const genesys = { isNewSession: turn.isNewSession, languageCode: turn.languageCode, parameters: turn.parameters };
    const request: PlatformRequest = {
      method: 'POST',
      url: this.endpointUrl,
      label: 'REST endpoint',
      body: JSON.stringify({ userId: turn.userId, sessionId: turn.sessionId, text, data: { ...data, genesys } }),
      signal: turn.signal,
      correlationId: turn.correlationId,
    };
    const body = await this.http.json(request);
    if (!isRecord(body) || !Array.isArray(body['outputStack'])) {
      throw this.http.invalidResponse(request, 'answered without an outputStack array');
    }
    return this.toResult(body['outputStack']);
  }

  private toResult(outputStack: unknown[]): BotTurnResult {
    const result: BotTurnResult = { outputs: [], warnings: [] };
    outputStack.forEach((entry, index) => {
      const source = `outputStack[${index}]`;
      if (!isRecord(entry)) {
        result.warnings.push(`${source} is not an object; skipped`);
        return;
      }
      result.outputs.push(...parseCognigyOutput(entry));
      const control = readCognigyControl(entry['data'], this.handoverIntents, result.warnings, source);
      if (control.intent) result.intent = control.intent;
      if (control.endSession) result.endSession = true;
      if (control.handover && result.handover) result.warnings.push(`${source}: a second handover request in one turn was ignored`);
      else if (control.handover) result.handover = control.handover;
    });
    if (result.handover) delete result.endSession;
    return result;
  }
}

function cognigyEndpointUrl(endpointBaseUrl: string, urlToken: string): URL {
  let base: URL;
  try {
    base = new URL(endpointBaseUrl);
  } catch {
    throw new TypeError('CognigyRestAdapter: endpointBaseUrl is not an absolute URL');
  }
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/${encodeURIComponent(urlToken)}`;
  return base;
}
