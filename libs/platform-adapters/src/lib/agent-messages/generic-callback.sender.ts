import { type CanonicalOutput } from '@genesys-bridge/content-conversion';
import { GENERIC_WEBHOOK_SIGNATURE_HEADER } from '../generic/generic-webhook.contract';
import { signGenericWebhookBody } from '../generic/generic-webhook.adapter';
import { PlatformHttp, type PlatformHttpOptions, type PlatformRequest } from '../http/platform-http';
import { type AgentMessage, type AgentMessageOrigin, type AgentMessageSender, type AgentMessageSendResult, type HandoverEndStatus, partIdempotencyKey } from './agent-message.sender';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The JSON body of one generic agent-message callback (README "Agent messages"). */
export interface GenericAgentMessage {
  handoverId: string;
  /** The bot platform's conversation id the handover was started for. */
  conversationId: string;
  /** The Genesys message id (also the `Idempotency-Key` of a single-part message). */
  messageId: string;
  from: AgentMessageOrigin;
  output?: CanonicalOutput;
  /** A typing indicator, or the end of the handover (control is back with the bot). */
  event?: { type: 'typing' } | { type: 'handover-ended'; status: HandoverEndStatus; reason?: string; disconnectType?: string };
  /** Only when one Genesys message became several outputs: this request's place (1-based) among them. */
  part?: { index: number; count: number };
}

export interface GenericCallbackSenderOptions extends PlatformHttpOptions {
  /** The handover's callback URL (where the bot platform wants agent messages). */
  callbackUrl: string;
  handoverId: string;
  conversationId: string;
  /** Signs each body: `X-Bridge-Signature: sha256=<base64 HMAC-SHA256(raw body)>`. Secret. */
  hmacSecret?: string;
  /** Sent as `Authorization: Bearer <token>`. Secret. */
  bearerToken?: string;
}

/**
 * Agent messages to a generic bot as our canonical JSON: one `POST {callbackUrl}` per output (usually one per
 * message) with a `GenericAgentMessage`, `Idempotency-Key` (the Genesys message id; `{id}#{n}` for the n-th part of a
 * split message), `X-Bridge-Signature` when an HMAC secret is set. The end of the handover is an
 * `event: {type: "handover-ended", status, reason?, disconnectType?}`. Any 2xx is success; the answer body is ignored.
 */
export class GenericCallbackSender implements AgentMessageSender {
  readonly platform = 'generic' as const;
  readonly supportsTyping = true;
  private readonly http: PlatformHttp;
  private readonly url: URL;

  constructor(private readonly options: GenericCallbackSenderOptions) {
    try {
      this.url = new URL(options.callbackUrl);
    } catch {
      throw new TypeError('GenericCallbackSender: callbackUrl is not an absolute URL');
    }
    this.http = new PlatformHttp('generic', options, [options.hmacSecret, options.bearerToken]);
  }

  async send(message: AgentMessage): Promise<AgentMessageSendResult> {
    const base = { handoverId: this.options.handoverId, conversationId: this.options.conversationId, messageId: message.messageId, from: message.from };
    if ('event' in message.content) {
      const { content } = message;
      const event =
        content.event === 'typing'
          ? { type: 'typing' as const }
          : { type: content.event, status: content.status, ...(content.reason ? { reason: content.reason } : {}), ...(content.disconnectType ? { disconnectType: content.disconnectType } : {}) };
      await this.post(message, { ...base, event }, message.messageId);
      return { requests: 1 };
    }
    const outputs = message.content.outputs;
    for (const [index, output] of outputs.entries()) {
      const body: GenericAgentMessage = { ...base, output, ...(outputs.length > 1 ? { part: { index: index + 1, count: outputs.length } } : {}) };
      await this.post(message, body, partIdempotencyKey(message.messageId, index));
    }
    return { requests: outputs.length };
  }

  private async post(message: AgentMessage, payload: GenericAgentMessage, idempotencyKey: string): Promise<void> {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { [IDEMPOTENCY_KEY_HEADER.toLowerCase()]: idempotencyKey };
    if (this.options.bearerToken) headers['authorization'] = `Bearer ${this.options.bearerToken}`;
    if (this.options.hmacSecret) headers[GENERIC_WEBHOOK_SIGNATURE_HEADER.toLowerCase()] = signGenericWebhookBody(body, this.options.hmacSecret);
    const request: PlatformRequest = { method: 'POST', url: this.url, label: 'agent-message callback', headers, body, signal: message.signal, correlationId: message.correlationId };
    const response = await this.http.exchange(request);
    if (response.status < 200 || response.status >= 300) throw this.http.statusError(request, response.status, response.bodyText);
  }
}
