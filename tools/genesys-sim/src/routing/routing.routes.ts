import type { FastifyInstance } from 'fastify';
import { requirePermission } from '../auth/permissions';
import type { SimContext } from '../sim-context';
import { badRequest, notFound } from '../support/genesys-error';
import { matchesNamePrefix, matchesWildcardName } from './name-filter';
import { paginate, parsePageRequest } from './paging';
import { languageView, queueView, skillView } from './routing.views';

type Query = Record<string, unknown>;

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
const lastString = (value: unknown): string | undefined => asList(value).at(-1);

function sortByName<T extends { name: string }>(items: T[], descending: boolean): T[] {
  const sorted = [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return descending ? sorted.reverse() : sorted;
}

function sortOrder(value: unknown, ascending: string, descending: string): boolean {
  const order = lastString(value);
  if (order === undefined || order === ascending) return false;
  if (order === descending) return true;
  throw badRequest(`sortOrder must be ${ascending} or ${descending}`);
}

/** Echoes the filters into the paging URIs the way Genesys does. */
function filterParams(query: Query, names: string[]): [string, string][] {
  return names.flatMap((name) => asList(query[name]).map((value): [string, string] => [name, value]));
}

/** Routing lookups (genesys-api.md §4). */
export function registerRoutingRoutes(app: FastifyInstance, ctx: SimContext): void {
  const caseOptions = () => ({ caseSensitive: ctx.options.queueNameCaseSensitive });

  app.get<{ Querystring: Query }>('/api/v2/routing/queues', async (request) => {
    requirePermission(ctx, request, 'routing:queue:view');
    const { query } = request;
    const page = parsePageRequest(query, ctx.options.maxPageSize);
    const descending = sortOrder(query.sortOrder, 'asc', 'desc');
    const name = lastString(query.name);
    const ids = asList(query.id);
    const matches = ctx.routing
      .allQueues()
      .filter((queue) => name === undefined || matchesWildcardName(queue.name, name, caseOptions()))
      .filter((queue) => ids.length === 0 || ids.includes(queue.id));
    const listing = paginate(sortByName(matches, descending), page, '/api/v2/routing/queues', filterParams(query, ['name', 'id', 'sortOrder']));
    return { ...listing, entities: listing.entities.map(queueView) };
  });

  app.get<{ Params: { queueId: string } }>('/api/v2/routing/queues/:queueId', async (request) => {
    requirePermission(ctx, request, 'routing:queue:view');
    const queue = ctx.routing.queue(request.params.queueId);
    if (!queue) throw notFound(`The queue ${request.params.queueId} was not found.`);
    return queueView(queue);
  });

  app.get<{ Querystring: Query }>('/api/v2/routing/skills', async (request) => {
    const { query } = request;
    const page = parsePageRequest(query, ctx.options.maxPageSize);
    const name = lastString(query.name);
    const ids = asList(query.id);
    const matches = ctx.routing
      .allSkills()
      .filter((skill) => name === undefined || matchesNamePrefix(skill.name, name, caseOptions()))
      .filter((skill) => ids.length === 0 || ids.includes(skill.id));
    const listing = paginate(sortByName(matches, false), page, '/api/v2/routing/skills', filterParams(query, ['name', 'id']));
    return { ...listing, entities: listing.entities.map(skillView) };
  });

  app.get<{ Querystring: Query }>('/api/v2/routing/languages', async (request) => {
    const { query } = request;
    const page = parsePageRequest(query, ctx.options.maxPageSize);
    const descending = sortOrder(query.sortOrder, 'ascending', 'descending');
    const name = lastString(query.name);
    const matches = ctx.routing.allLanguages().filter((language) => name === undefined || matchesNamePrefix(language.name, name, caseOptions()));
    const listing = paginate(sortByName(matches, descending), page, '/api/v2/routing/languages', filterParams(query, ['name', 'sortOrder']));
    return { ...listing, entities: listing.entities.map(languageView) };
  });
}
