import { type Dispatcher } from 'undici';
import { type GenesysAuth } from '../auth/genesys-auth';
import { CORRELATION_ID_HEADER, GenesysApiError, genesysErrorFromResponse } from '../genesys-api.error';
import { exchangeHttp, type HttpExchangeResponse, type QueryValue } from './http-exchange';

/** Per-call options every typed method accepts. */
export interface GenesysCallOptions {
  /** Sent as `inin-correlation-id`, so Genesys logs and ours share one id. */
  correlationId?: string;
}

export interface GenesysApiRequest extends GenesysCallOptions {
  method: Dispatcher.HttpMethod;
  /** Path with parameters already encoded, see `encodePathSegment`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

export interface GenesysApiTransportOptions {
  apiBaseUrl: string;
  auth: GenesysAuth;
  dispatcher: Dispatcher;
  timeoutMs: number;
  userAgent: string;
}

/**
 * Authorised JSON calls to the Genesys API. The only retry it makes: one after a 401, with a fresh token.
 * Anything else that fails throws a GenesysApiError for the caller (queue worker) to act on.
 */
export class GenesysApiTransport {
  constructor(private readonly options: GenesysApiTransportOptions) {}

  /** Parsed JSON body, or `undefined` for 204 / an empty body. */
  async request<T>(request: GenesysApiRequest): Promise<T | undefined> {
    const { auth } = this.options;
    const firstToken = await auth.getAccessToken();
    let response = await this.send(request, firstToken);
    const usedTokens = [firstToken];
    if (response.status === 401) {
      auth.invalidate(firstToken);
      const freshToken = await auth.getAccessToken();
      usedTokens.push(freshToken);
      response = await this.send(request, freshToken);
    }
    if (response.status < 200 || response.status >= 300) {
      throw genesysErrorFromResponse({
        method: request.method,
        path: request.path,
        status: response.status,
        headers: response.headers,
        bodyText: response.bodyText,
        secrets: usedTokens,
      });
    }
    return parseJsonBody<T>(request, response);
  }

  /** For reads that always answer with a body: an empty 2xx is a broken response (transient, safe to retry). */
  async requestBody<T>(request: GenesysApiRequest): Promise<T> {
    const body = await this.request<T>(request);
    if (body === undefined) {
      throw new GenesysApiError({
        kind: 'transient',
        code: 'empty.response',
        method: request.method,
        path: request.path,
        message: `Genesys ${request.method} ${request.path} answered without a body`,
      });
    }
    return body;
  }

  private send(request: GenesysApiRequest, accessToken: string): Promise<HttpExchangeResponse> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${accessToken}`,
      accept: 'application/json',
      'user-agent': this.options.userAgent,
    };
    // Only with a body: a JSON content type on an empty POST (e.g. creating a notification channel) is refused as a bad request.
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.correlationId) headers[CORRELATION_ID_HEADER] = request.correlationId;
    return exchangeHttp({
      dispatcher: this.options.dispatcher,
      baseUrl: this.options.apiBaseUrl,
      method: request.method,
      path: request.path,
      query: request.query,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      timeoutMs: this.options.timeoutMs,
    });
  }
}

/** Percent-encodes an id for use as one path segment, so ids can never change the path. */
export function encodePathSegment(value: string): string {
  if (!value) throw new TypeError('A Genesys path parameter must be a non-empty string');
  return encodeURIComponent(value);
}

function parseJsonBody<T>(request: GenesysApiRequest, response: HttpExchangeResponse): T | undefined {
  if (response.status === 204 || response.bodyText.trim() === '') return undefined;
  try {
    return JSON.parse(response.bodyText) as T;
  } catch {
    throw new GenesysApiError({
      kind: 'transient',
      status: response.status,
      code: 'invalid.json.response',
      correlationId: firstHeader(response.headers[CORRELATION_ID_HEADER]),
      method: request.method,
      path: request.path,
      message: `Genesys ${request.method} ${request.path} answered ${response.status} with a body that is not JSON`,
    });
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
