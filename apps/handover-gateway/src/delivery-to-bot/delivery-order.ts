import type { AgentMessageOrigin } from '@genesys-bridge/platform-adapters';

/** The parts of a stored webhook message (the inbox `payload`, genesys-api.md §2.5) delivery reads. */
export interface StoredOutboundMessage {
  id: string;
  conversationId?: string;
  type?: string;
  originatingEntity?: string;
  text?: string;
  content?: unknown[];
  channel?: {
    id?: string;
    time?: string;
    to?: { id?: string; idType?: string };
    from?: { id?: string; nickname?: string; firstName?: string; lastName?: string; image?: string };
  };
}

/** An inbox row as ordering needs it. */
export interface OrderableRow {
  sequence: number;
  createdAt: Date;
  payload: Record<string, unknown>;
}

/**
 * How far Genesys' clock may be ahead of ours before its `channel.time` is not trusted for holding: a message
 * stamped further in our future is not held at all (still ordered), so a wrong clock never stalls delivery.
 */
export const MAX_CLOCK_SKEW_MS = 2_000;

/** When Genesys sent the message (`channel.time`, ms precision); the arrival time if it has none. */
export function sentAtMs(row: OrderableRow): number {
  const time = (row.payload as unknown as StoredOutboundMessage).channel?.time;
  const parsed = typeof time === 'string' ? Date.parse(time) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : row.createdAt.getTime();
}

/**
 * The order messages reach the bot platform: Genesys' send order (`channel.time`), the only sender-side order
 * Genesys gives (message ids are random); equal times (ms resolution) keep their arrival order (`sequence`).
 */
export function orderForDelivery<T extends OrderableRow>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => sentAtMs(a) - sentAtMs(b) || a.sequence - b.sequence);
}

/**
 * How much longer a message waits so that anything Genesys sent before it can still arrive and go first: until
 * `windowMs` after Genesys sent it. 0 when due (or the window is off, or the timestamp is implausibly far ahead).
 */
export function reorderHoldMs(sentAt: number, now: number, windowMs: number): number {
  if (windowMs <= 0) return 0;
  const remaining = sentAt + windowMs - now;
  if (remaining <= 0 || remaining > windowMs + MAX_CLOCK_SKEW_MS) return 0;
  return remaining;
}

export interface HoldWindows {
  /** After Genesys sent the message (`channel.time`). */
  sendWindowMs: number;
  /** After a worker first saw the message. */
  arrivalHoldMs: number;
}

/**
 * When a message may go: the later of `sendWindowMs` after Genesys sent it (not trusted when far in our future)
 * and `arrivalHoldMs` after a worker first saw it. Returns the due time (ms since epoch); due when `<= now`.
 */
export function dueAtMs(sentAt: number, firstSeenAt: number, now: number, windows: HoldWindows): number {
  const bySend = reorderHoldMs(sentAt, now, windows.sendWindowMs) > 0 ? sentAt + windows.sendWindowMs : Number.NEGATIVE_INFINITY;
  const byArrival = windows.arrivalHoldMs > 0 ? firstSeenAt + windows.arrivalHoldMs : Number.NEGATIVE_INFINITY;
  return Math.max(bySend, byArrival);
}

/** Backoff after the `failures`-th transient failure (1-based): base, 2×base, 4×base, … capped. */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
}

/**
 * Human agent or Genesys bot flow. With `showProfile`, the agent's name and picture (`channel.from.image`) when
 * Genesys names someone other than the integration itself.
 */
export function originOf(message: StoredOutboundMessage, showProfile = false): AgentMessageOrigin {
  const type = message.originatingEntity === 'Bot' ? 'bot' : 'agent';
  const from = message.channel?.from;
  const isIntegration = !from?.id || from.id === message.channel?.id;
  if (!showProfile || isIntegration) return { type };
  const name = from?.nickname ?? ([from?.firstName, from?.lastName].filter(Boolean).join(' ') || undefined);
  const avatarUrl = typeof from?.image === 'string' && /^https:\/\//i.test(from.image) ? from.image : undefined;
  return { type, ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}) };
}
