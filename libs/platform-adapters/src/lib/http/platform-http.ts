import { Agent, type Dispatcher } from 'undici';
import { type BotPlatform } from '../bot-platform.adapter';
import { BotPlatformError, redactSecrets } from '../bot-platform.error';
import { checkUrlStatically, createGuardedLookup, SSRF_BLOCKED, UnsafeUrlError } from '../ssrf-guard';

/** Options every adapter accepts for its HTTP calls. */
export interface PlatformHttpOptions {
  /**
   * Allow http and private/loopback/link-local addresses (bots inside the same network, local tests).
   * Off by default: only https to public addresses (design.md §7).
   */
  allowPrivateNetworks?: boolean;
  /**
   * undici dispatcher to use instead of the shared one. It must enforce the SSRF guard itself (see
   * `createPlatformDispatcher`); the static URL check still runs before every request.
   */
  dispatcher?: Dispatcher;
  /** Larger response bodies fail with `invalid-response`. Default 1 MiB. */
  maxResponseBytes?: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
const USER_AGENT = 'genesys-bridge/platform-adapters';
const MAX_DETAIL_LENGTH = 300;
/** Room for a full list of schema errors. */
const MAX_PROBLEM_LENGTH = 2_000;

/**
 * An undici Agent for bot platform calls. Without `allowPrivateNetworks` its `connect.lookup` is the guarded lookup:
 * the addresses are checked when the socket connects and the socket uses exactly those (no DNS-rebinding window).
 * Redirects are never followed (undici's `request` does not), so a 3xx cannot lead elsewhere: it fails as `http`.
 */
export function createPlatformDispatcher(allowPrivateNetworks: boolean): Agent {
  return allowPrivateNetworks ? new Agent() : new Agent({ connect: { lookup: createGuardedLookup() } });
}

const sharedDispatchers = new Map<boolean, Agent>();

function sharedDispatcher(allowPrivateNetworks: boolean): Agent {
  let agent = sharedDispatchers.get(allowPrivateNetworks);
  if (!agent) {
    agent = createPlatformDispatcher(allowPrivateNetworks);
    sharedDispatchers.set(allowPrivateNetworks, agent);
  }
  return agent;
}

export interface PlatformRequest {
  method: 'GET' | 'POST';
  url: URL;
  /** Names the call in errors (`webhook`, `poll`…); the URL path never appears, it may hold a token. */
  label: string;
  headers?: Record<string, string>;
  /** A JSON text; sent with `content-type: application/json`. */
  body?: string;
  signal: AbortSignal;
  correlationId?: string;
  /** Per-request secrets to redact from errors, besides the adapter's (e.g. a freshly signed JWT). */
  secrets?: readonly string[];
}

/** What errors need to know about a request: which call it was, and what to redact. */
export type PlatformCall = Pick<PlatformRequest, 'method' | 'url' | 'label' | 'secrets'>;

export interface PlatformResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
}

/**
 * JSON over HTTP for one adapter: SSRF check, the caller's abort signal over the whole exchange (connect, headers and
 * body), a body size limit, and errors that never carry a secret.
 */
export class PlatformHttp {
  private readonly dispatcher: Dispatcher;
  private readonly allowPrivate: boolean;
  private readonly maxResponseBytes: number;

  constructor(
    private readonly platform: BotPlatform,
    options: PlatformHttpOptions,
    /** Values that must never appear in an error (URL token, client secret, bearer token, HMAC secret). */
    private readonly secrets: readonly (string | undefined)[],
  ) {
    this.allowPrivate = options.allowPrivateNetworks ?? false;
    this.dispatcher = options.dispatcher ?? sharedDispatcher(this.allowPrivate);
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /** Sends the request and returns any HTTP answer; no answer (abort, network, SSRF refusal) throws. */
  async exchange(request: PlatformRequest): Promise<PlatformResponse> {
    this.assertAllowed(request);
    if (request.signal.aborted) throw this.timeout(request);
    try {
      const response = await this.dispatcher.request({
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method,
        headers: this.headersFor(request),
        body: request.body,
        signal: request.signal,
      });
      const bodyText = await this.readBody(request, response.body);
      return { status: response.statusCode, headers: response.headers, bodyText };
    } catch (error) {
      if (error instanceof BotPlatformError) throw error;
      if (request.signal.aborted) throw this.timeout(request);
      throw this.networkFailure(request, error);
    }
  }

  /**
   * `exchange`, then: 401/403 → `auth`, any other non-2xx → `http`, a 2xx that is not JSON → `invalid-response`.
   * Returns the parsed body.
   */
  async json(request: PlatformRequest): Promise<unknown> {
    const response = await this.exchange(request);
    if (response.status < 200 || response.status >= 300) throw this.statusError(request, response.status, response.bodyText);
    try {
      return JSON.parse(response.bodyText) as unknown;
    } catch {
      throw this.invalidResponse(request, `answered ${response.status} with a body that is not JSON`);
    }
  }

  /** The error for a refused call: from the status, with the platform's own message (redacted) when it sent one. */
  statusError(request: PlatformCall, status: number, bodyText: string): BotPlatformError {
    const { detail, code } = readErrorDetail(bodyText);
    const kind = status === 401 || status === 403 ? 'auth' : 'http';
    // Redact first, then shorten: a secret cut in half would escape redaction.
    const suffix = detail ? `: ${truncate(this.redact(request, detail))}` : '';
    return new BotPlatformError({
      platform: this.platform,
      kind,
      status,
      code: code === undefined ? undefined : truncate(this.redact(request, code)),
      message: `${this.where(request)} failed with HTTP ${status}${suffix}`,
    });
  }

  invalidResponse(request: PlatformCall, problem: string): BotPlatformError {
    return new BotPlatformError({
      platform: this.platform,
      kind: 'invalid-response',
      message: `${this.where(request)} ${truncate(this.redact(request, problem), MAX_PROBLEM_LENGTH)}`,
    });
  }

  private assertAllowed(request: PlatformCall): void {
    try {
      checkUrlStatically(request.url, this.allowPrivate);
    } catch (error) {
      if (!(error instanceof UnsafeUrlError)) throw error;
      throw new BotPlatformError({
        platform: this.platform,
        kind: 'unreachable',
        code: SSRF_BLOCKED,
        message: `${this.where(request)} refused by the SSRF guard: ${error.message}`,
      });
    }
  }

  private headersFor(request: PlatformRequest): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT, ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.correlationId) headers['x-correlation-id'] = request.correlationId;
    return headers;
  }

  private async readBody(request: PlatformRequest, body: Dispatcher.ResponseData['body']): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.maxResponseBytes) {
        body.destroy();
        throw this.invalidResponse(request, `answered with a body larger than ${this.maxResponseBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private timeout(request: PlatformCall): BotPlatformError {
    return new BotPlatformError({
      platform: this.platform,
      kind: 'timeout',
      code: 'ABORTED',
      message: `${this.where(request)} did not complete within the turn's time budget (aborted by the caller)`,
    });
  }

  private networkFailure(request: PlatformCall, error: unknown): BotPlatformError {
    const code = networkErrorCode(error);
    const reason = code === SSRF_BLOCKED ? 'refused by the SSRF guard: the host resolves to a private or reserved address' : 'no answer';
    return new BotPlatformError({
      platform: this.platform,
      kind: 'unreachable',
      code,
      message: `${this.where(request)} failed: ${reason}${code && code !== SSRF_BLOCKED ? ` (${code})` : ''}`,
    });
  }

  private where(request: PlatformCall): string {
    return `${this.platform} ${request.label} ${request.method} ${request.url.host}`;
  }

  private redact(request: PlatformCall, text: string): string {
    return redactSecrets(text, [...this.secrets, ...(request.secrets ?? [])]);
  }
}

/** The platform's error text: Kore `{errors:[{msg,code}]}`, `{message}`/`{error}`, or the start of a non-JSON body. */
function readErrorDetail(bodyText: string): { detail?: string; code?: string } {
  const text = bodyText.trim();
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const first = Array.isArray(record['errors']) ? (record['errors'][0] as Record<string, unknown> | undefined) : undefined;
      const detail = stringOf(first?.['msg']) ?? stringOf(record['message']) ?? stringOf(record['error']);
      const code = stringOf(first?.['code']) ?? stringOf(record['code']);
      return { detail, code };
    }
  } catch {
    // Not JSON (a proxy page): keep the start of the text.
  }
  return { detail: text.replace(/\s+/g, ' ') };
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value;
  return typeof value === 'number' ? String(value) : undefined;
}

function truncate(text: string, max = MAX_DETAIL_LENGTH): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function networkErrorCode(cause: unknown): string | undefined {
  for (let current = cause, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
