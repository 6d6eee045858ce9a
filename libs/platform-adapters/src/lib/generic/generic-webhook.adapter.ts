import { createHmac } from 'node:crypto';
import { type BotTurnResult } from '@genesys-bridge/content-conversion';
import { type BotPlatformAdapter, type BotTurnRequest } from '../bot-platform.adapter';
import { PlatformHttp, type PlatformHttpOptions, type PlatformRequest } from '../http/platform-http';
import {
  GENERIC_WEBHOOK_RESPONSE_SCHEMA,
  GENERIC_WEBHOOK_SIGNATURE_HEADER,
  type GenericWebhookRequest,
  type GenericWebhookResponse,
} from './generic-webhook.contract';
import { validateJson } from './json-schema';

export interface GenericWebhookAdapterOptions extends PlatformHttpOptions {
  url: string;
  /** Sent as `Authorization: Bearer <token>`. Secret. */
  bearerToken?: string;
  /** Signs each body: `X-Bridge-Signature: sha256=<base64 HMAC-SHA256(raw body)>`. Secret. */
  hmacSecret?: string;
}

/** `sha256=` + base64 HMAC-SHA256 of the exact bytes sent, as in the `X-Bridge-Signature` header. */
export function signGenericWebhookBody(rawBody: string, hmacSecret: string): string {
  return `sha256=${createHmac('sha256', hmacSecret).update(rawBody, 'utf8').digest('base64')}`;
}

/**
 * Our own canonical JSON contract (README "Generic webhook contract"): one `POST {url}` per turn with a
 * `GenericWebhookRequest`; the answer must match `GENERIC_WEBHOOK_RESPONSE_SCHEMA` exactly (unknown fields included),
 * or the turn fails with `invalid-response` naming every bad field path.
 */
export class GenericWebhookAdapter implements BotPlatformAdapter {
  readonly platform = 'generic' as const;
  private readonly http: PlatformHttp;
  private readonly url: URL;

  constructor(private readonly options: GenericWebhookAdapterOptions) {
    try {
      this.url = new URL(options.url);
    } catch {
      throw new TypeError('GenericWebhookAdapter: url is not an absolute URL');
    }
    this.http = new PlatformHttp('generic', options, [options.bearerToken, options.hmacSecret]);
  }

  async sendTurn(turn: BotTurnRequest): Promise<BotTurnResult> {
    const payload: GenericWebhookRequest = {
      sessionId: turn.sessionId,
      userId: turn.userId,
      isNewSession: turn.isNewSession,
      input: turn.input,
      languageCode: turn.languageCode,
      parameters: turn.parameters,
    };
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {};
    if (this.options.bearerToken) headers['authorization'] = `Bearer ${this.options.bearerToken}`;
    if (this.options.hmacSecret) headers[GENERIC_WEBHOOK_SIGNATURE_HEADER.toLowerCase()] = signGenericWebhookBody(body, this.options.hmacSecret);
    const request: PlatformRequest = { method: 'POST', url: this.url, label: 'webhook', headers, body, signal: turn.signal, correlationId: turn.correlationId };
    const answer = await this.http.json(request);
    const errors = validateJson(answer, GENERIC_WEBHOOK_RESPONSE_SCHEMA, 'response');
    if (errors.length > 0) throw this.http.invalidResponse(request, `answered with an invalid body: ${errors.join('; ')}`);
    return toResult(answer as GenericWebhookResponse);
  }
}

function toResult(response: GenericWebhookResponse): BotTurnResult {
  const result: BotTurnResult = { outputs: response.outputs, warnings: [] };
  if (response.handover) result.handover = response.handover;
  else if (response.endSession) result.endSession = true;
  if (response.intent !== undefined) result.intent = response.intent;
  if (response.slots) result.slots = response.slots;
  return result;
}
