import { PlatformHttp, type PlatformHttpOptions, type PlatformRequest } from '../../http/platform-http';
import { type JsonRecord } from '../../json-values';
import { type BotKitCall, botKitCallUrl, type BotKitPayload } from './botkit-payload';
import { signBotKitAuth } from './botkit-token';

export interface KoreBotKitClientOptions extends PlatformHttpOptions {
  /** The Kore app (`cs-…`) subscribed to BotKit events: the `appId` of our `auth` JWTs. */
  clientId: string;
  /** Its client secret (signs the JWTs). Secret. */
  clientSecret: string;
  algorithm?: 'HS256' | 'HS512';
}

/**
 * Our calls to Kore's BotKit SDK API (bot-platforms.md §B4): `POST {baseUrl}/{call}/{requestId}` with header
 * `auth: <JWT{appId, exp}>` and, as body, the callback's whole payload with the edited fields. Any 2xx is success;
 * anything else throws a `BotPlatformError` (see `classifyAgentMessageFailure` for what to retry).
 */
export class KoreBotKitClient {
  private readonly http: PlatformHttp;

  constructor(private readonly options: KoreBotKitClientOptions) {
    if (!options.clientId || !options.clientSecret) throw new TypeError('KoreBotKitClient: clientId and clientSecret are required');
    this.http = new PlatformHttp('kore', options, [options.clientSecret]);
  }

  async call(call: BotKitCall, target: Pick<BotKitPayload, 'baseUrl' | 'requestId' | 'payload'>, edits: JsonRecord, signal: AbortSignal, correlationId?: string): Promise<void> {
    const auth = signBotKitAuth(this.options.clientId, this.options.clientSecret, this.options.algorithm);
    const request: PlatformRequest = {
      method: 'POST',
      url: botKitCallUrl(target, call),
      label: call,
      headers: { auth },
      body: JSON.stringify({ ...target.payload, ...edits }),
      signal,
      correlationId,
      secrets: [auth],
    };
    const response = await this.http.exchange(request);
    if (response.status < 200 || response.status >= 300) throw this.http.statusError(request, response.status, response.bodyText);
  }
}
