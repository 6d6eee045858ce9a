import { type BotPlatform } from './bot-platform.adapter';

/**
 * - `timeout`: the caller's signal aborted before a complete answer arrived (the turn's time budget ran out).
 * - `unreachable`: no HTTP answer: refused or reset connection, DNS failure, or the SSRF guard refused the address.
 * - `http`: the platform answered with a non-2xx status other than an auth failure (400, 404, 429, 5xx…).
 * - `invalid-response`: a 2xx whose body is not JSON, too large, or not the shape the platform documents.
 * - `auth`: the platform refused our credentials (401/403): fix the configuration, retrying will not help.
 */
export type BotPlatformErrorKind = 'timeout' | 'unreachable' | 'http' | 'invalid-response' | 'auth';

export interface BotPlatformErrorInit {
  platform: BotPlatform;
  kind: BotPlatformErrorKind;
  message: string;
  status?: number;
  /** Network error code (`ECONNREFUSED`, `SSRF_BLOCKED`…) or the platform's own error code. */
  code?: string;
}

/**
 * Every failed turn ends in this error. Its message, `toJSON()` and `inspect()` never contain secrets: adapters never put
 * the request URL path (the Cognigy URL token lives there), headers or the body they sent into it, redact every
 * configured secret from what the platform echoed, and keep no `cause` (undici errors can carry request details).
 */
export class BotPlatformError extends Error {
  override readonly name = 'BotPlatformError';
  readonly platform: BotPlatform;
  readonly kind: BotPlatformErrorKind;
  /** HTTP status, when the platform answered. */
  readonly status: number | undefined;
  readonly code: string | undefined;

  constructor(init: BotPlatformErrorInit) {
    super(init.message);
    this.platform = init.platform;
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, platform: this.platform, kind: this.kind, status: this.status, code: this.code, message: this.message };
  }
}

export function isBotPlatformError(error: unknown): error is BotPlatformError {
  return error instanceof BotPlatformError;
}

const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of each secret, raw or percent-encoded (a server may echo its request path), in `text`.
 * Values under 4 characters are skipped: they would redact ordinary words, and real secrets are long.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join(REDACTED);
  }
  return result;
}
