/** The first reconnect waits at most this long (jitter only: a lost socket costs end-detection latency). */
export const FIRST_RECONNECT_JITTER_MS = 250;
export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;
/** A channel is never renewed sooner than this after it was made (an `expires` in the past must not spin). */
export const MIN_RENEW_DELAY_MS = 1_000;
/** Renew this long before `expires` at most, 10 % of the channel's life for short-lived ones. */
export const RENEW_MARGIN_MS = 60_000;

/**
 * Jittered exponential backoff ("full jitter" over the upper half): attempt 0 is immediate but for a short random
 * jitter; then 1 s, 2 s, 4 s … up to 30 s, each scaled by a random factor in [0.5, 1). The randomness spreads the
 * reconnects of many sockets that dropped together (Genesys maintenance, a network blip) so they do not come back as
 * a storm on the API and on the OAuth client's rate budget (peers.md: "reconnect storm").
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0) return Math.floor(random() * FIRST_RECONNECT_JITTER_MS);
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(attempt - 1, 16));
  return Math.floor(ceiling * (0.5 + random() / 2));
}

/**
 * When to replace a channel: `renewAfterMs` after it was created (23 h by default, inside Genesys' 24 h), or a margin
 * before its `expires` when that comes sooner — the channel also ends with the token that created it (§5), so
 * `expires` can be much earlier than 24 h.
 */
export function renewDelayMs(createdAt: number, expiresAt: number | undefined, renewAfterMs: number, now: number): number {
  let renewAt = createdAt + renewAfterMs;
  if (expiresAt !== undefined) renewAt = Math.min(renewAt, expiresAt - Math.min(RENEW_MARGIN_MS, Math.max(0, expiresAt - createdAt) * 0.1));
  return Math.max(MIN_RENEW_DELAY_MS, Math.min(renewAt - now, 2 ** 31 - 1));
}
