import { type Dispatcher } from 'undici';
import { genesysErrorFromNetworkFailure } from '../genesys-api.error';

export type QueryValue = string | number | boolean | undefined;

export interface HttpExchangeRequest {
  dispatcher: Dispatcher;
  /** Absolute base URL without a trailing slash; may carry a path prefix. */
  baseUrl: string;
  method: Dispatcher.HttpMethod;
  /** Path below the base URL with every parameter already percent-encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpExchangeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
}

/**
 * Sends one request and reads the whole response body within `timeoutMs`.
 * Any HTTP status is returned; a missing response (refused, reset, timeout) throws a transient GenesysApiError.
 */
export async function exchangeHttp(request: HttpExchangeRequest): Promise<HttpExchangeResponse> {
  const base = new URL(request.baseUrl);
  const path = `${base.pathname.replace(/\/+$/, '')}${request.path}${toQueryString(request.query)}`;
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, request.timeoutMs);
  try {
    const response = await request.dispatcher.request({
      origin: base.origin,
      path,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: abort.signal,
    });
    const bodyText = await response.body.text();
    return { status: response.statusCode, headers: response.headers, bodyText };
  } catch (error) {
    throw genesysErrorFromNetworkFailure(request.method, request.path, error, timedOut ? request.timeoutMs : undefined);
  } finally {
    clearTimeout(timer);
  }
}

function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
