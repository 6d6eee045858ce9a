import { type LoopbackHandler, type LoopbackServer, startLoopbackServer } from '@genesys-bridge/testing';
import { withTokenEndpoint } from '../../__fixtures__/token-endpoint';
import { TokenCache } from '../auth/token-cache';
import { GenesysClient } from '../genesys.client';
import { type RoutingQueue } from './routing.types';
import { LOOKUP_PAGE_SIZE } from './routing.client';

const QUEUES_PATH = '/api/v2/routing/queues';

/** Serves `queues` in pages, ignoring the name filter, like a filter that matches more than the exact name. */
function pagedQueues(queues: RoutingQueue[]): LoopbackHandler {
  return withTokenEndpoint((request) => {
    if (request.path !== QUEUES_PATH) return { status: 404, body: { code: 'not.found' } };
    const pageSize = Number(request.query.get('pageSize'));
    const pageNumber = Number(request.query.get('pageNumber'));
    const pageCount = Math.ceil(queues.length / pageSize);
    const entities = queues.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return { status: 200, body: { entities, pageSize, pageNumber, pageCount, total: queues.length } };
  });
}

const filler = (count: number, prefix: string): RoutingQueue[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, name: `Sales ${prefix} ${i}` }));

describe('findQueueByName (loopback server)', () => {
  let server: LoopbackServer | undefined;
  let client: GenesysClient | undefined;

  const start = async (queues: RoutingQueue[]) => {
    server = await startLoopbackServer(pagedQueues(queues));
    client = new GenesysClient({
      hosts: { apiBaseUrl: server.baseUrl, loginBaseUrl: server.baseUrl },
      credentials: { clientId: 'routing-client', clientSecret: 'routing-secret' },
      tokenCache: new TokenCache(),
    });
    return { server, client };
  };

  afterEach(async () => {
    await client?.close();
    await server?.close();
    server = client = undefined;
  });

  it('pages through the filtered results and matches the name ignoring case', async () => {
    const target = { id: 'q-target', name: 'Sales' };
    const { server, client } = await start([...filler(LOOKUP_PAGE_SIZE * 2, 'a'), target, ...filler(5, 'b')]);

    expect(await client.findQueueByName('SALES')).toEqual(target);

    const requests = server.requestsTo(QUEUES_PATH);
    expect(requests.map((r) => r.query.get('pageNumber'))).toEqual(['1', '2', '3']);
    for (const request of requests) {
      expect(request.query.get('name')).toBe('SALES');
      expect(request.query.get('pageSize')).toBe(String(LOOKUP_PAGE_SIZE));
    }
  });

  it('prefers an exact-case match over an earlier case-insensitive one', async () => {
    const { client } = await start([{ id: 'upper', name: 'SALES' }, ...filler(LOOKUP_PAGE_SIZE, 'a'), { id: 'exact', name: 'Sales' }]);
    expect((await client.findQueueByName('Sales'))?.id).toBe('exact');
  });

  it('stops at the first page with an exact match', async () => {
    const { server, client } = await start([{ id: 'exact', name: 'Billing' }, ...filler(LOOKUP_PAGE_SIZE * 3, 'a')]);
    expect((await client.findQueueByName('Billing'))?.id).toBe('exact');
    expect(server.requestsTo(QUEUES_PATH)).toHaveLength(1);
  });

  it('returns undefined after the last page when only partial matches exist', async () => {
    const { server, client } = await start([...filler(LOOKUP_PAGE_SIZE + 1, 'a'), { id: 'partial', name: 'Sales EMEA' }]);
    expect(await client.findQueueByName('Sales')).toBeUndefined();
    expect(server.requestsTo(QUEUES_PATH)).toHaveLength(2);
  });

  it('returns undefined for an empty result without paging further', async () => {
    const { server, client } = await start([]);
    expect(await client.findQueueByName('Nobody')).toBeUndefined();
    expect(server.requestsTo(QUEUES_PATH)).toHaveLength(1);
  });
});
