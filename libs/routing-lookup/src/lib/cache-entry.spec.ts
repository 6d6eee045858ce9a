import { isFresh, newCacheEntry, parseEntry, refreshDueAt, retentionMs, serializeEntry } from './cache-entry';

const lifetimes = { ttlMs: 300_000, negativeTtlMs: 60_000, staleIfErrorMs: 3_600_000, refreshAheadMs: 60_000 };

describe('cache entries', () => {
  it('gives found names the TTL and unknown names the shorter negative TTL', () => {
    const found = newCacheEntry({ found: true, id: 'q', name: 'Billing', matchedBy: 'exact' }, 1_000, lifetimes);
    expect(found).toEqual({ v: 1, found: true, id: 'q', name: 'Billing', matchedBy: 'exact', fetchedAt: 1_000, expiresAt: 301_000 });
    const unknown = newCacheEntry({ found: false }, 1_000, lifetimes);
    expect(unknown.expiresAt).toBe(61_000);
    expect(isFresh(unknown, 60_999)).toBe(true);
    expect(isFresh(unknown, 61_000)).toBe(false);
  });

  it('keeps the key in Redis for the stale-if-error grace after it expires', () => {
    const entry = newCacheEntry({ found: false }, 0, lifetimes);
    expect(retentionMs(entry, 10_000, lifetimes)).toBe(50_000 + 3_600_000);
    expect(retentionMs(entry, 10_000, { ...lifetimes, staleIfErrorMs: 0 })).toBe(50_000);
  });

  it('is due for the refresh refreshAheadMs before it expires, never in the first half of its life', () => {
    expect(refreshDueAt(newCacheEntry({ found: false }, 0, lifetimes), lifetimes)).toBe(30_000);
    const found = newCacheEntry({ found: true, id: 'q', name: 'Q', matchedBy: 'exact' }, 0, lifetimes);
    expect(refreshDueAt(found, lifetimes)).toBe(240_000);
  });

  it('parses what it wrote and nothing else', () => {
    const entry = newCacheEntry({ found: true, id: 'q', name: 'Q', matchedBy: 'case-insensitive' }, 5, lifetimes);
    expect(parseEntry(serializeEntry(entry))).toEqual(entry);
    expect(parseEntry(null)).toBeNull();
    expect(parseEntry('{')).toBeNull();
    expect(parseEntry(JSON.stringify({ ...entry, v: 2 }))).toBeNull();
    expect(parseEntry(JSON.stringify({ ...entry, id: undefined }))).toBeNull();
    expect(parseEntry(JSON.stringify({ ...entry, matchedBy: 'fuzzy' }))).toBeNull();
  });
});
