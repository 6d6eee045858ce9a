import { NameMatcher } from './name-matching';
import type { NameResolution, RoutingEntity } from './routing-kind';

/** One page of a Genesys listing, as far as the walk needs it. */
export interface ListingPage {
  entities?: readonly Partial<RoutingEntity>[];
  pageSize?: number;
  pageCount?: number;
}

export type PageFetcher = (pageNumber: number, pageSize: number) => Promise<ListingPage>;

export interface WalkOptions {
  pageSize: number;
  /** Safety stop: a filter that keeps matching (a very common skill prefix) costs at most this many requests. */
  maxPages: number;
}

export interface WalkResult {
  resolution: NameResolution;
  pagesRead: number;
  /** The last page read was not the last page: a case-insensitive answer may be incomplete. */
  truncated: boolean;
}

/**
 * Reads a filtered listing page by page until the name is decided: it stops at the first page holding an exact
 * match, after the last page (no entities, `pageNumber >= pageCount`, or a short page when `pageCount` is absent), or
 * after `maxPages`. Each page is one Genesys request, so the cache in front of this is what keeps lookups cheap.
 */
export async function findByName(fetchPage: PageFetcher, wanted: string, options: WalkOptions): Promise<WalkResult> {
  const matcher = new NameMatcher(wanted);
  for (let pageNumber = 1; pageNumber <= options.maxPages; pageNumber++) {
    const page = await fetchPage(pageNumber, options.pageSize);
    const entities = page.entities ?? [];
    if (matcher.offer(entities) || isLastPage(page, pageNumber, entities.length, options.pageSize)) {
      return { resolution: matcher.result(), pagesRead: pageNumber, truncated: false };
    }
  }
  return { resolution: matcher.result(), pagesRead: options.maxPages, truncated: true };
}

export function isLastPage(page: ListingPage, pageNumber: number, received: number, requestedPageSize: number): boolean {
  if (received === 0) return true;
  if (typeof page.pageCount === 'number') return pageNumber >= page.pageCount;
  return received < (page.pageSize ?? requestedPageSize);
}
