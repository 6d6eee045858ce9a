import { badRequest } from '../support/genesys-error';

export interface PageRequest {
  pageNumber: number;
  pageSize: number;
}

export interface EntityListing<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  selfUri: string;
  lastUri: string;
  nextUri?: string;
  previousUri?: string;
}

export const DEFAULT_PAGE_SIZE = 25;

/** Validates `pageNumber` (default 1) and `pageSize` (default 25, at most `maxPageSize` when set). */
export function parsePageRequest(query: Record<string, unknown>, maxPageSize: number | null): PageRequest {
  const pageNumber = parsePositiveInteger(query.pageNumber, 'pageNumber', 1);
  const pageSize = parsePositiveInteger(query.pageSize, 'pageSize', DEFAULT_PAGE_SIZE);
  if (maxPageSize !== null && pageSize > maxPageSize) {
    throw badRequest(`pageSize must be less than or equal to ${maxPageSize}`);
  }
  return { pageNumber, pageSize };
}

/** Slices one page and builds Genesys' paging URIs; `filters` are repeated in every URI. */
export function paginate<T>(items: readonly T[], page: PageRequest, path: string, filters: [string, string][] = []): EntityListing<T> {
  const total = items.length;
  const pageCount = Math.ceil(total / page.pageSize);
  const uri = (pageNumber: number): string => {
    const params = new URLSearchParams([['pageSize', String(page.pageSize)], ['pageNumber', String(pageNumber)], ...filters]);
    return `${path}?${params.toString()}`;
  };
  const start = (page.pageNumber - 1) * page.pageSize;
  const listing: EntityListing<T> = {
    entities: items.slice(start, start + page.pageSize),
    pageSize: page.pageSize,
    pageNumber: page.pageNumber,
    total,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(page.pageNumber),
    lastUri: uri(Math.max(pageCount, 1)),
  };
  if (page.pageNumber < pageCount) listing.nextUri = uri(page.pageNumber + 1);
  if (page.pageNumber > 1) listing.previousUri = uri(Math.min(page.pageNumber - 1, Math.max(pageCount, 1)));
  return listing;
}

function parsePositiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof text !== 'string' || !/^\d+$/.test(text) || Number(text) < 1) {
    throw badRequest(`${name} must be a positive integer`);
  }
  return Number(text);
}
