import type { RateLimitSettings } from '../config/sim-options';

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Window {
  startedAt: number;
  count: number;
}

const SWEEP_THRESHOLD = 10_000;

/**
 * Fixed-window counter per key (an access token, an integration, the org). A window starts with its first
 * request; once full, `retryAfterSeconds` is the time until it frees, rounded up, at least 1.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  take(key: string, settings: RateLimitSettings): RateLimitDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= settings.windowMs) {
      if (this.windows.size >= SWEEP_THRESHOLD) this.sweep(now, settings.windowMs);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count < settings.limit) {
      window.count += 1;
      return { allowed: true, remaining: settings.limit - window.count };
    }
    const msUntilFree = window.startedAt + settings.windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msUntilFree / 1000)) };
  }

  reset(): void {
    this.windows.clear();
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= windowMs) this.windows.delete(key);
  }
}
