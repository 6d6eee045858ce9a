/** How long an event key is remembered. */
export const RECENT_EVENT_TTL_MS = 60_000;
/** At most this many keys are remembered (the oldest go first). */
export const RECENT_EVENT_CAPACITY = 10_000;

/**
 * Events already forwarded, by key, for a minute: while a channel is replaced make-before-break both sockets carry
 * the same subscriptions, so the same event can arrive twice. Not a correctness device (end detection is idempotent),
 * only noise reduction.
 */
export class RecentEvents {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** true the first time a key is seen within the TTL. */
  first(key: string): boolean {
    const now = this.now();
    const seenAt = this.seen.get(key);
    if (seenAt !== undefined && now - seenAt < RECENT_EVENT_TTL_MS) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    for (const [oldest, at] of this.seen) {
      if (this.seen.size <= RECENT_EVENT_CAPACITY && now - at < RECENT_EVENT_TTL_MS) break;
      this.seen.delete(oldest);
    }
    return true;
  }
}
