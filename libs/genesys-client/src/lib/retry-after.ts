/** Longest wait we pass on; anything larger is treated as this (Genesys limits are per minute, §8). */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;
/** Used for a 429 that carries neither a usable `Retry-After` header nor the number in its body message. */
export const DEFAULT_RATE_LIMITED_RETRY_AFTER_MS = 1_000;

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
/** Genesys' normalised 429 body message: "… Retry the request in [N] seconds" (genesys-api.md §8). */
const BODY_MESSAGE_SECONDS = /retry the request in \[?\s*(\d+(?:\.\d+)?)\s*\]?\s*seconds?/i;

/**
 * Parses a `Retry-After` header value in milliseconds: delta-seconds (`"3"`) or an HTTP-date.
 * Returns `undefined` for missing or unparseable values; the result is within 0…MAX_RETRY_AFTER_MS.
 */
export function parseRetryAfterHeader(value: string | readonly string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (DELTA_SECONDS.test(raw)) return clamp(Number(raw) * 1000);
  // An HTTP-date always names a weekday or month; this keeps Date.parse from accepting bare numbers like "-5".
  if (!/[a-z]{3}/i.test(raw)) return undefined;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : clamp(at - now);
}

/** Reads N from Genesys' 429 body message "Retry the request in [N] seconds". */
export function parseRetryAfterFromMessage(message: string | undefined): number | undefined {
  const match = message ? BODY_MESSAGE_SECONDS.exec(message) : null;
  return match ? clamp(Number(match[1]) * 1000) : undefined;
}

/** Header first, then the body message; `undefined` when neither says anything usable. */
export function resolveRetryAfterMs(
  header: string | readonly string[] | undefined,
  bodyMessage: string | undefined,
  now: number = Date.now(),
): number | undefined {
  return parseRetryAfterHeader(header, now) ?? parseRetryAfterFromMessage(bodyMessage);
}

function clamp(ms: number): number | undefined {
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(ms)));
}
