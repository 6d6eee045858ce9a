import type { GenesysClient } from '@genesys-bridge/genesys-client';
import { type CacheEntry, type EntryLifetimes, isFresh, newCacheEntry, refreshDueAt, retentionMs } from './cache-entry';
import type { RoutingCacheTarget } from './cache-keys';
import { normalizeRoutingName, routingNameProblem } from './name-matching';
import { findByName } from './paging-walk';
import type { RoutingCache } from './routing-cache';
import { routingPageFetcher } from './genesys-routing-source';
import type { NameResolution, RoutingKind } from './routing-kind';
import type { RoutingMetrics } from './routing-metrics';

export interface RoutingLookupSettings extends EntryLifetimes {
  /** Page size of the Genesys listings (100: accepted by every routing list; the maximum is UNCONFIRMED). */
  pageSize: number;
  /** At most this many pages per lookup. */
  maxPages: number;
  /** A lookup that needs Genesys gives up after this long (the request goes on and still fills the cache). */
  lookupTimeoutMs: number;
}

/** Where the answer came from: a fresh cache entry, Genesys now, or a stale entry because Genesys failed. */
export type LookupSource = 'cache' | 'genesys' | 'stale-cache';

export interface LookupResult extends NameResolution {
  kind: RoutingKind;
  /** The normalized requested name. */
  requestedName: string;
  source: LookupSource;
  fetchedAt: number;
}

/** The per-connection Genesys clients (GenesysClients in Nest apps). */
export interface GenesysClientSource {
  forConnection(connectionId: string): Promise<GenesysClient>;
}

export interface LookupLogger {
  warn(context: Record<string, unknown>, message: string): void;
}

/** A name that cannot be looked up (blank, too long): a caller error, answered 400 by HTTP callers. */
export class InvalidRoutingNameError extends Error {
  override readonly name = 'InvalidRoutingNameError';
}

/** Genesys did not answer a lookup within `lookupTimeoutMs` (and no stale entry could answer). */
export class RoutingLookupTimeoutError extends Error {
  override readonly name = 'RoutingLookupTimeoutError';
}

/** Marks each entry generation at most once per process; forgets everything past this many to stay small. */
const MAX_MARKED = 10_000;

/**
 * Resolves queue, skill and language names to Genesys ids per connection, cache first (design.md §1 item 3: what
 * Architect's Find Queue does, without a Genesys request per handover):
 * - a fresh entry answers from Redis (found or not found: the negative cache has its own, shorter TTL);
 * - otherwise Genesys is asked (filtered listing, page by page, see findByName), concurrent lookups of the same name
 *   in this process share one request, and the answer is cached;
 * - when Genesys fails (429, 5xx, timeout), a stale entry still answers for `staleIfErrorMs`; without one the error is
 *   thrown for the caller to decide (the handover goes on without a queue id; Architect gets a 503);
 * - when Redis fails, lookups go to Genesys directly (slower, never wrong).
 * An entry used during its lifetime is marked for the background refresh (RoutingRefresher), which renews it shortly
 * before it expires: names in use never expire in a caller's face, and unused ones simply age out.
 */
export class RoutingLookup {
  private readonly inFlight = new Map<string, Promise<CacheEntry>>();
  private readonly marked = new Map<string, number>();

  constructor(
    private readonly cache: RoutingCache,
    private readonly clients: GenesysClientSource,
    readonly settings: RoutingLookupSettings,
    private readonly metrics: RoutingMetrics,
    private readonly logger: LookupLogger,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(connectionId: string, kind: RoutingKind, rawName: string): Promise<LookupResult> {
    const name = normalizeRoutingName(rawName);
    const problem = routingNameProblem(name);
    if (problem) throw new InvalidRoutingNameError(`${kind} name ${problem}`);
    const target: RoutingCacheTarget = { connectionId, kind, name };
    const cached = await this.cache.get(target).catch((error: Error) => {
      this.logger.warn({ connectionId, kind, error: error.message }, 'routing cache unreadable; asking Genesys');
      return null;
    });
    if (cached && isFresh(cached, this.now())) {
      this.metrics.lookup(kind, cached.found ? 'hit' : 'negative-hit');
      this.markUsed(target, cached);
      return result(target, cached, 'cache');
    }
    try {
      const entry = await withTimeout(this.fetch(target), this.settings.lookupTimeoutMs, `${kind} lookup`);
      this.metrics.lookup(kind, 'miss');
      return result(target, entry, 'genesys');
    } catch (error) {
      if (cached && this.now() < cached.expiresAt + this.settings.staleIfErrorMs) {
        this.metrics.lookup(kind, 'stale');
        this.logger.warn({ connectionId, kind, error: (error as Error).message }, 'Genesys routing lookup failed; answering from a stale cache entry');
        return result(target, cached, 'stale-cache');
      }
      this.metrics.lookup(kind, 'error');
      throw error;
    }
  }

  /** Asks Genesys again and replaces the entry (the background refresh); throws when Genesys fails. */
  async refresh(target: RoutingCacheTarget): Promise<CacheEntry> {
    return this.fetch(target);
  }

  /** One Genesys lookup per name at a time in this process; its answer is written to the cache. */
  private fetch(target: RoutingCacheTarget): Promise<CacheEntry> {
    const key = `${target.connectionId}\u0000${target.kind}\u0000${target.name}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchAndStore(target).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async fetchAndStore(target: RoutingCacheTarget): Promise<CacheEntry> {
    const client = await this.clients.forConnection(target.connectionId);
    const fetchPage = routingPageFetcher(client, target.kind, target.name);
    const walk = await findByName(
      (pageNumber, pageSize) => {
        this.metrics.genesysRequest(target.kind);
        return fetchPage(pageNumber, pageSize);
      },
      target.name,
      { pageSize: this.settings.pageSize, maxPages: this.settings.maxPages },
    );
    if (walk.truncated) {
      this.logger.warn({ connectionId: target.connectionId, kind: target.kind, pages: walk.pagesRead }, 'routing lookup stopped after the page limit; the answer may be incomplete');
    }
    const now = this.now();
    const entry = newCacheEntry(walk.resolution, now, this.settings);
    await this.cache.put(target, entry, retentionMs(entry, now, this.settings)).catch((error: Error) => {
      this.logger.warn({ connectionId: target.connectionId, kind: target.kind, error: error.message }, 'could not cache a routing lookup');
    });
    return entry;
  }

  /** Once per entry generation and process: the refresh set learns the entry is in use. Never delays the answer. */
  private markUsed(target: RoutingCacheTarget, entry: CacheEntry): void {
    const key = `${target.connectionId}\u0000${target.kind}\u0000${target.name}`;
    if (this.marked.get(key) === entry.expiresAt) return;
    if (this.marked.size >= MAX_MARKED) this.marked.clear();
    this.marked.set(key, entry.expiresAt);
    this.cache.markDue(target, refreshDueAt(entry, this.settings)).catch((error: Error) => {
      this.marked.delete(key);
      this.logger.warn({ connectionId: target.connectionId, kind: target.kind, error: error.message }, 'could not schedule a routing cache refresh');
    });
  }
}

function result(target: RoutingCacheTarget, entry: CacheEntry, source: LookupSource): LookupResult {
  const { v: _v, expiresAt: _expiresAt, ...resolution } = entry;
  return { ...resolution, kind: target.kind, requestedName: target.name, source };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RoutingLookupTimeoutError(`${what} got no answer from Genesys within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
