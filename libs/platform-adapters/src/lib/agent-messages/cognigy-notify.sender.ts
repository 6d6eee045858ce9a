import { PlatformHttp, type PlatformHttpOptions, type PlatformRequest } from '../http/platform-http';
import { type AgentMessage, type AgentMessageSender, type AgentMessageSendResult, type HandoverEndedEvent, partIdempotencyKey } from './agent-message.sender';
import { cognigyNotifyBody } from './cognigy-notify.body';

export interface CognigyNotifySenderOptions extends PlatformHttpOptions {
  /** The endpoint base of the Webhook/Socket/Webchat endpoint, e.g. `https://endpoint-trial.cognigy.ai`. */
  endpointBaseUrl: string;
  /** The endpoint's URL token. Secret (it is the endpoint's only credential). */
  urlToken: string;
  /** The Cognigy user and session the handover came from. */
  userId: string;
  sessionId: string;
  /**
   * Relay agent typing as a notify `{text: "", data: {typing: {type: "On", durationMs}}}`. Notify has no typing
   * route of its own, so this needs a `handleNotify` transformer that turns it into the channel's indicator (and
   * drops it otherwise); off by default.
   */
  typingNotify?: boolean;
}

/** How long a relayed typing indicator lasts (Genesys' own Typing events say 5 s). */
export const TYPING_DURATION_MS = 5_000;

/**
 * Agent messages to a Cognigy user through the endpoint's notify route (bot-platforms.md §A7):
 * `POST {endpointBaseUrl}/notify/{urlToken}` with `{userId, sessionId, text, data}` per output (`cognigyNotifyBody`);
 * any 2xx is success. The end of the handover is injected into the Flow (`inject/{URLToken}`, see below). Notify has no typing indicator
 * (typing is relayed only with `typingNotify`, for a transformer to render) and no idempotency key: `data.genesys.messageId` (and
 * `data.genesys.idempotencyKey` for split messages) lets a `handleNotify` transformer drop a resend.
 */
export class CognigyNotifySender implements AgentMessageSender {
  readonly platform = 'cognigy' as const;
  readonly supportsTyping: boolean;
  private readonly http: PlatformHttp;
  private readonly url: URL;
  private readonly injectUrl: URL;

  constructor(private readonly options: CognigyNotifySenderOptions) {
    if (!options.urlToken) throw new TypeError('CognigyNotifySender: urlToken is required');
    if (!options.userId || !options.sessionId) throw new TypeError('CognigyNotifySender: userId and sessionId are required');
    this.supportsTyping = options.typingNotify === true;
    try {
      this.url = new URL(options.endpointBaseUrl);
    } catch {
      throw new TypeError('CognigyNotifySender: endpointBaseUrl is not an absolute URL');
    }
    const base = this.url.pathname.replace(/\/+$/, '');
    this.injectUrl = new URL(this.url);
    this.url.pathname = `${base}/notify/${encodeURIComponent(options.urlToken)}`;
    this.injectUrl.pathname = `${base}/inject/${encodeURIComponent(options.urlToken)}`;
    this.http = new PlatformHttp('cognigy', options, [options.urlToken]);
  }

  async send(message: AgentMessage): Promise<AgentMessageSendResult> {
    if ('event' in message.content) {
      if (message.content.event === 'typing') return this.supportsTyping ? this.notifyTyping(message) : { requests: 0 };
      return this.injectHandoverStatus(message, message.content);
    }
    const outputs = message.content.outputs;
    let requests = 0;
    for (const [index, output] of outputs.entries()) {
      const extra = {
        messageId: message.messageId,
        from: message.from,
        ...(outputs.length > 1 ? { idempotencyKey: partIdempotencyKey(message.messageId, index), part: { index: index + 1, count: outputs.length } } : {}),
      };
      const body = cognigyNotifyBody(output, { userId: this.options.userId, sessionId: this.options.sessionId }, extra);
      if (!body) continue;
      const request: PlatformRequest = { method: 'POST', url: this.url, label: 'notify', body: JSON.stringify(body), signal: message.signal, correlationId: message.correlationId };
      const response = await this.http.exchange(request);
      if (response.status < 200 || response.status >= 300) throw this.http.statusError(request, response.status, response.bodyText);
      requests += 1;
    }
    return { requests };
  }

  private async notifyTyping(message: AgentMessage): Promise<AgentMessageSendResult> {
    const body = {
      userId: this.options.userId,
      sessionId: this.options.sessionId,
      text: '',
      data: { typing: { type: 'On', durationMs: TYPING_DURATION_MS }, genesys: { messageId: message.messageId, from: message.from } },
    };
    const request: PlatformRequest = { method: 'POST', url: this.url, label: 'notify', body: JSON.stringify(body), signal: message.signal, correlationId: message.correlationId };
    const response = await this.http.exchange(request);
    if (response.status < 200 || response.status >= 300) throw this.http.statusError(request, response.status, response.bodyText);
    return { requests: 1 };
  }

  /**
   * The end of the handover goes to the Flow, not the user: `POST {endpointBase}/inject/{URLToken}` with
   * `data.handover = {status, reason?, disconnectType?}` (the values of Cognigy's Handover Status lookup, §A8) and
   * `data.endHandover = true` (Cognigy's own custom-handover transformer convention, §A9), so the Flow resumes.
   */
  private async injectHandoverStatus(message: AgentMessage, ended: HandoverEndedEvent): Promise<AgentMessageSendResult> {
    const body = {
      userId: this.options.userId,
      sessionId: this.options.sessionId,
      text: '',
      data: {
        endHandover: true,
        handover: { status: ended.status, ...(ended.reason ? { reason: ended.reason } : {}), ...(ended.disconnectType ? { disconnectType: ended.disconnectType } : {}) },
        genesys: { messageId: message.messageId },
      },
    };
    const request: PlatformRequest = { method: 'POST', url: this.injectUrl, label: 'inject', body: JSON.stringify(body), signal: message.signal, correlationId: message.correlationId };
    const response = await this.http.exchange(request);
    if (response.status < 200 || response.status >= 300) throw this.http.statusError(request, response.status, response.bodyText);
    return { requests: 1 };
  }
}
