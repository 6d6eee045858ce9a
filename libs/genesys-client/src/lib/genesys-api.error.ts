import { redactSecrets } from './redact-secrets';
import { DEFAULT_RATE_LIMITED_RETRY_AFTER_MS, resolveRetryAfterMs } from './retry-after';

/**
 * - `rate-limited`: 429; wait `retryAfterMs`, then retry (genesys-api.md §8).
 * - `transient`: 408, 5xx, network failure or our timeout; retry with backoff.
 * - `auth`: the credentials or token were refused even after one token refresh; fix the configuration.
 * - `permanent`: any other 4xx; retrying the same request will not help.
 */
export type GenesysErrorKind = 'rate-limited' | 'transient' | 'permanent' | 'auth';

export const CORRELATION_ID_HEADER = 'inin-correlation-id';
const MAX_BODY_MESSAGE_LENGTH = 300;

export interface GenesysApiErrorInit {
  kind: GenesysErrorKind;
  message: string;
  status?: number;
  code?: string;
  correlationId?: string;
  retryAfterMs?: number;
  method?: string;
  path?: string;
  cause?: unknown;
}

/** Every failed Genesys call ends in this error; its message and JSON never contain credentials or tokens. */
export class GenesysApiError extends Error {
  override readonly name = 'GenesysApiError';
  readonly kind: GenesysErrorKind;
  /** HTTP status, or `undefined` when no response arrived (network failure, timeout). */
  readonly status: number | undefined;
  /** Genesys body `code` (e.g. `too.many.requests.retry.after`), or the network error code. */
  readonly code: string | undefined;
  /** The `ININ-Correlation-Id` response header, for Genesys support. */
  readonly correlationId: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly method: string | undefined;
  /** Request path without the query string. */
  readonly path: string | undefined;

  constructor(init: GenesysApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.correlationId = init.correlationId;
    this.retryable = init.kind === 'rate-limited' || init.kind === 'transient';
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method;
    this.path = init.path;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      status: this.status,
      code: this.code,
      message: this.message,
      correlationId: this.correlationId,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      method: this.method,
      path: this.path,
    };
  }
}

export function isGenesysApiError(error: unknown): error is GenesysApiError {
  return error instanceof GenesysApiError;
}

/** 429 → rate-limited; 408 and 5xx → transient; 401 → auth; any other status → permanent. */
export function classifyHttpStatus(status: number): GenesysErrorKind {
  if (status === 429) return 'rate-limited';
  if (status === 408 || status >= 500) return 'transient';
  if (status === 401) return 'auth';
  return 'permanent';
}

export interface FailedResponse {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  /** Values that must not appear in the error (secret, Basic credentials, bearer token). */
  secrets: readonly (string | undefined)[];
  /** Overrides the status-based kind (the OAuth endpoint reports bad credentials as 400). */
  kind?: GenesysErrorKind;
  now?: number;
}

/** Builds the error for a non-2xx response from its status, Genesys body (`code`, `message`) and headers. */
export function genesysErrorFromResponse(response: FailedResponse): GenesysApiError {
  const kind = response.kind ?? classifyHttpStatus(response.status);
  const body = readErrorBody(response.bodyText);
  const detail = redactSecrets(truncate(body.message ?? ''), response.secrets);
  const code = body.code === undefined ? undefined : redactSecrets(truncate(body.code), response.secrets);
  const retryAfterMs =
    resolveRetryAfterMs(response.headers['retry-after'], body.message, response.now) ??
    (kind === 'rate-limited' ? DEFAULT_RATE_LIMITED_RETRY_AFTER_MS : undefined);
  const correlationId = firstHeader(response.headers[CORRELATION_ID_HEADER]);
  const summary = [`${response.status}`, code, detail].filter(Boolean).join(' ');
  return new GenesysApiError({
    kind,
    status: response.status,
    code,
    correlationId,
    retryAfterMs,
    method: response.method,
    path: response.path,
    message: `Genesys ${response.method} ${response.path} failed (${kind}): ${summary}`,
  });
}

/** A request that got no HTTP response: refused connection, reset socket, DNS failure, or our own timeout. */
export function genesysErrorFromNetworkFailure(
  method: string,
  path: string,
  cause: unknown,
  timedOutAfterMs?: number,
): GenesysApiError {
  if (timedOutAfterMs !== undefined) {
    return new GenesysApiError({
      kind: 'transient',
      code: 'ETIMEDOUT',
      method,
      path,
      message: `Genesys ${method} ${path} failed (transient): no complete response within ${timedOutAfterMs} ms`,
    });
  }
  const code = networkErrorCode(cause);
  return new GenesysApiError({
    kind: 'transient',
    code,
    method,
    path,
    cause,
    message: `Genesys ${method} ${path} failed (transient): network error${code ? ` ${code}` : ''}`,
  });
}

function readErrorBody(bodyText: string): { code?: string; message?: string } {
  if (!bodyText) return {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      // Genesys API errors use {code, message}; the OAuth endpoint uses {error, description}.
      const code = stringField(record, 'code') ?? stringField(record, 'error');
      const message = stringField(record, 'message') ?? stringField(record, 'description') ?? stringField(record, 'error_description');
      return { code, message };
    }
  } catch {
    // Not JSON (proxy or load-balancer page): keep the start of the text.
  }
  return { message: bodyText.replace(/\s+/g, ' ').trim() };
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value ? value : undefined;
}

function networkErrorCode(cause: unknown): string | undefined {
  for (let current = cause, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function truncate(text: string): string {
  return text.length > MAX_BODY_MESSAGE_LENGTH ? `${text.slice(0, MAX_BODY_MESSAGE_LENGTH)}…` : text;
}
