import type { MatchedBy, NameResolution } from './routing-kind';

/** A cached resolution. `expiresAt` ends its freshness; Redis keeps it longer only to answer when Genesys cannot. */
export interface CacheEntry extends NameResolution {
  v: 1;
  /** When Genesys answered (epoch ms). */
  fetchedAt: number;
  /** After this the entry is stale: the next use asks Genesys again (epoch ms). */
  expiresAt: number;
}

export interface EntryLifetimes {
  /** Freshness of a found name. */
  ttlMs: number;
  /** Freshness of a name Genesys does not know (shorter: a queue created a minute ago should be found soon). */
  negativeTtlMs: number;
  /** How long after `expiresAt` a stale entry may still answer while Genesys is failing; 0 = never. */
  staleIfErrorMs: number;
  /** How long before `expiresAt` a used entry is due for the background refresh. */
  refreshAheadMs: number;
}

export function newCacheEntry(resolution: NameResolution, now: number, lifetimes: EntryLifetimes): CacheEntry {
  const ttl = resolution.found ? lifetimes.ttlMs : lifetimes.negativeTtlMs;
  return { v: 1, ...resolution, fetchedAt: now, expiresAt: now + ttl };
}

export function isFresh(entry: CacheEntry, now: number): boolean {
  return now < entry.expiresAt;
}

/** How long Redis keeps the key: its freshness plus the stale-if-error grace. */
export function retentionMs(entry: CacheEntry, now: number, lifetimes: EntryLifetimes): number {
  return Math.max(1, entry.expiresAt - now + lifetimes.staleIfErrorMs);
}

/**
 * When the background refresh should renew a used entry: `refreshAheadMs` before it expires, but never in the first
 * half of its life (a short TTL would otherwise make every entry due the moment it is written).
 */
export function refreshDueAt(entry: CacheEntry, lifetimes: EntryLifetimes): number {
  const life = entry.expiresAt - entry.fetchedAt;
  return entry.expiresAt - Math.min(lifetimes.refreshAheadMs, Math.floor(life / 2));
}

export function serializeEntry(entry: CacheEntry): string {
  return JSON.stringify(entry);
}

const MATCHES: readonly (MatchedBy | undefined)[] = ['exact', 'case-insensitive', undefined];

/** The entry in a Redis value, or null when it is not one this version wrote (then it is simply looked up again). */
export function parseEntry(text: string | null): CacheEntry | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<CacheEntry>;
    if (value.v !== 1 || typeof value.found !== 'boolean' || typeof value.fetchedAt !== 'number' || typeof value.expiresAt !== 'number') return null;
    if (value.found && (typeof value.id !== 'string' || typeof value.name !== 'string')) return null;
    if (!MATCHES.includes(value.matchedBy)) return null;
    return value as CacheEntry;
  } catch {
    return null;
  }
}
