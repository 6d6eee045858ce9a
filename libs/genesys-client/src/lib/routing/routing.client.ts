import { type GenesysApiTransport, type GenesysCallOptions } from '../http/genesys-api.transport';
import {
  type EntityListing,
  type ListLanguagesQuery,
  type ListQueuesQuery,
  type ListSkillsQuery,
  type RoutingLanguage,
  type RoutingQueue,
  type RoutingSkill,
} from './routing.types';

/** Page size for name lookups; Genesys' maximum is UNCONFIRMED (§4), 100 is accepted across its list APIs. */
export const LOOKUP_PAGE_SIZE = 100;
/** Stops a lookup that keeps finding pages (100 pages × 100 queues). */
export const MAX_LOOKUP_PAGES = 100;

/** Queue, skill and language lookups (genesys-api.md §4). */
export class RoutingClient {
  constructor(private readonly transport: GenesysApiTransport) {}

  /** `GET /api/v2/routing/queues` */
  listQueues(query: ListQueuesQuery = {}, options: GenesysCallOptions = {}): Promise<EntityListing<RoutingQueue>> {
    return this.list<RoutingQueue>('/api/v2/routing/queues', { ...query }, options);
  }

  /** `GET /api/v2/routing/skills` */
  listSkills(query: ListSkillsQuery = {}, options: GenesysCallOptions = {}): Promise<EntityListing<RoutingSkill>> {
    return this.list<RoutingSkill>('/api/v2/routing/skills', { ...query }, options);
  }

  /** `GET /api/v2/routing/languages` */
  listLanguages(query: ListLanguagesQuery = {}, options: GenesysCallOptions = {}): Promise<EntityListing<RoutingLanguage>> {
    return this.list<RoutingLanguage>('/api/v2/routing/languages', { ...query }, options);
  }

  /**
   * The queue whose name equals `name`, ignoring case, or `undefined`. Uses the `name` filter, pages through every
   * result and compares locally, because the filter's case sensitivity is UNCONFIRMED (§4); an exact-case match wins.
   */
  async findQueueByName(name: string, options: GenesysCallOptions = {}): Promise<RoutingQueue | undefined> {
    const wanted = foldCase(name);
    let caseInsensitiveMatch: RoutingQueue | undefined;
    for (let pageNumber = 1; pageNumber <= MAX_LOOKUP_PAGES; pageNumber++) {
      const page = await this.listQueues({ name, pageNumber, pageSize: LOOKUP_PAGE_SIZE }, options);
      const entities = page.entities ?? [];
      const exact = entities.find((queue) => queue.name === name);
      if (exact) return exact;
      caseInsensitiveMatch ??= entities.find((queue) => typeof queue.name === 'string' && foldCase(queue.name) === wanted);
      if (isLastPage(page, pageNumber, entities.length)) break;
    }
    return caseInsensitiveMatch;
  }

  private list<T>(path: string, query: Record<string, string | number | undefined>, options: GenesysCallOptions): Promise<EntityListing<T>> {
    return this.transport.requestBody<EntityListing<T>>({ method: 'GET', path, query, correlationId: options.correlationId });
  }
}

function isLastPage(page: EntityListing<unknown>, pageNumber: number, received: number): boolean {
  if (received === 0) return true;
  if (typeof page.pageCount === 'number') return pageNumber >= page.pageCount;
  return received < (page.pageSize ?? LOOKUP_PAGE_SIZE);
}

function foldCase(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
