import type { GenesysClient } from '@genesys-bridge/genesys-client';
import type { PageFetcher } from './paging-walk';
import type { RoutingKind } from './routing-kind';

/**
 * The filtered Genesys listing a name is looked up in (genesys-api.md §4): `GET /api/v2/routing/queues?name=` (exact
 * unless the name starts or ends with `*`), `…/skills?name=` and `…/languages?name=` ("starts with"). The filter only
 * narrows the pages to read; {@link NameMatcher} decides locally, so a broad filter is never a wrong answer.
 */
export function routingPageFetcher(client: GenesysClient, kind: RoutingKind, name: string, correlationId?: string): PageFetcher {
  const options = { correlationId };
  switch (kind) {
    case 'queue':
      return (pageNumber, pageSize) => client.listQueues({ name, pageNumber, pageSize }, options);
    case 'skill':
      return (pageNumber, pageSize) => client.listSkills({ name, pageNumber, pageSize }, options);
    case 'language':
      return (pageNumber, pageSize) => client.listLanguages({ name, pageNumber, pageSize }, options);
  }
}
