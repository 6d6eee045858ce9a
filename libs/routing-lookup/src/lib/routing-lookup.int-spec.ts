import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { GenesysClient, TokenCache } from '@genesys-bridge/genesys-client';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { freePort, TEST_REDIS_URL, uniqueQueuePrefix } from '@genesys-bridge/testing';
import { routingEntryKey } from './cache-keys';
import { QueueResolver } from './queue-resolver';
import { RoutingCache } from './routing-cache';
import { InvalidRoutingNameError, RoutingLookup, type RoutingLookupSettings, RoutingLookupTimeoutError } from './routing-lookup';
import { RoutingMetrics } from './routing-metrics';
import { RoutingRefresher } from './routing-refresher';

/**
 * RoutingLookup, QueueResolver and RoutingRefresher against the local Redis (unique key prefix) and the Genesys
 * simulator: cache and negative cache with their TTLs, the rename picked up after the TTL, the background refresh,
 * stale-if-error, Genesys' UNCONFIRMED case rule both ways, paging, and the fallback metric.
 */

const CLIENT = { clientId: 'routing-lookup-test', clientSecret: 'routing-lookup-test-secret' };
const CONNECTION = 'c0000000-0000-4000-8000-000000000001';
const SETTINGS: RoutingLookupSettings = {
  ttlMs: 60_000,
  negativeTtlMs: 10_000,
  staleIfErrorMs: 600_000,
  refreshAheadMs: 20_000,
  pageSize: 100,
  maxPages: 20,
  lookupTimeoutMs: 2_000,
};
const silent = { warn: () => undefined };

describe('RoutingLookup (Redis + Genesys simulator)', () => {
  let sim: GenesysSim;
  let redis: Redis;
  let client: GenesysClient;
  let prefix: string;
  let registry: Registry;
  let clock: number;

  beforeAll(async () => {
    sim = await createGenesysSim({ clients: [CLIENT], queues: [], skills: [], languages: [] });
    redis = new Redis(TEST_REDIS_URL);
    client = new GenesysClient({ hosts: { apiBaseUrl: sim.url, loginBaseUrl: sim.url }, credentials: CLIENT, tokenCache: new TokenCache() });
  });

  afterAll(async () => {
    await client.close();
    await redis.quit();
    await sim.close();
  });

  beforeEach(() => {
    prefix = uniqueQueuePrefix();
    registry = new Registry();
    clock = Date.now();
    sim.options.queueNameCaseSensitive = false;
  });

  function build(settings: Partial<RoutingLookupSettings> = {}, now: () => number = () => clock, cacheRedis: Redis = redis) {
    const metrics = new RoutingMetrics(registry);
    const cache = new RoutingCache(cacheRedis, prefix);
    const lookup = new RoutingLookup(cache, { forConnection: async () => client }, { ...SETTINGS, ...settings }, metrics, silent, now);
    return { cache, lookup, metrics, resolver: new QueueResolver(lookup, metrics), refresher: new RoutingRefresher(cache, lookup, metrics, silent) };
  }

  const routingRequests = (kind: 'queues' | 'skills' | 'languages') => sim.state.apiRequests.filter((request) => request.url.startsWith(`/api/v2/routing/${kind}?`)).length;

  async function counter(name: string, labels: Record<string, string>): Promise<number> {
    const metric = registry.getSingleMetric(name);
    const values = metric ? (await metric.get()).values : [];
    return values.find((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label))?.value ?? 0;
  }

  it('resolves a queue name once through Genesys, then from the cache (trimmed names share the entry)', async () => {
    const billing = sim.addQueue({ name: `Billing ${prefix}` });
    const { lookup } = build();
    const before = routingRequests('queues');
    const first = await lookup.resolve(CONNECTION, 'queue', `Billing ${prefix}`);
    expect(first).toMatchObject({ found: true, id: billing.id, name: billing.name, matchedBy: 'exact', source: 'genesys', kind: 'queue' });
    const again = await lookup.resolve(CONNECTION, 'queue', `  Billing ${prefix}\t`);
    expect(again).toMatchObject({ found: true, id: billing.id, source: 'cache' });
    expect(routingRequests('queues') - before).toBe(1);
    expect(await redis.exists(routingEntryKey(prefix, { connectionId: CONNECTION, kind: 'queue', name: `Billing ${prefix}` }))).toBe(1);
    expect(await counter('genesys_bridge_routing_lookups_total', { kind: 'queue', outcome: 'hit' })).toBe(1);
    expect(await counter('genesys_bridge_routing_lookups_total', { kind: 'queue', outcome: 'miss' })).toBe(1);
  });

  it('shares one Genesys lookup between concurrent requests for the same name', async () => {
    sim.addQueue({ name: `Busy ${prefix}` });
    const { lookup } = build();
    const before = routingRequests('queues');
    const results = await Promise.all(Array.from({ length: 5 }, () => lookup.resolve(CONNECTION, 'queue', `Busy ${prefix}`)));
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(routingRequests('queues') - before).toBe(1);
  });

  it('matches case-insensitively when Genesys\' filter does (one candidate only), and not when it is case-sensitive (UNCONFIRMED, both ways)', async () => {
    const tag = prefix;
    const sales = sim.addQueue({ name: `Sales ${tag}` });
    sim.addQueue({ name: `Support ${tag}` });
    sim.addQueue({ name: `SUPPORT ${tag}` });
    const { lookup } = build();
    expect(await lookup.resolve(CONNECTION, 'queue', `sales ${tag}`)).toMatchObject({ found: true, id: sales.id, name: `Sales ${tag}`, matchedBy: 'case-insensitive' });
    expect(await lookup.resolve(CONNECTION, 'queue', `support ${tag}`)).toMatchObject({ found: false, ambiguous: true });

    sim.options.queueNameCaseSensitive = true;
    prefix = uniqueQueuePrefix(); // a fresh cache: the same names asked again
    const strict = build().lookup;
    expect(await strict.resolve(CONNECTION, 'queue', `sales ${tag}`)).toMatchObject({ found: false, source: 'genesys' });
    expect(await strict.resolve(CONNECTION, 'queue', `Sales ${tag}`)).toMatchObject({ found: true, id: sales.id, matchedBy: 'exact' });
    expect(await strict.resolve(CONNECTION, 'queue', `SUPPORT ${tag}`)).toMatchObject({ found: true, matchedBy: 'exact' });
  });

  it('keeps an unknown name in the negative cache for its shorter TTL, then finds a queue created meanwhile', async () => {
    const { lookup } = build();
    const name = `Created later ${prefix}`;
    expect(await lookup.resolve(CONNECTION, 'queue', name)).toMatchObject({ found: false, source: 'genesys' });
    const created = sim.addQueue({ name });
    clock += SETTINGS.negativeTtlMs - 1;
    expect(await lookup.resolve(CONNECTION, 'queue', name)).toMatchObject({ found: false, source: 'cache' });
    expect(await counter('genesys_bridge_routing_lookups_total', { kind: 'queue', outcome: 'negative-hit' })).toBe(1);
    clock += 1;
    expect(await lookup.resolve(CONNECTION, 'queue', name)).toMatchObject({ found: true, id: created.id, source: 'genesys' });
  });

  it('picks up a renamed queue after the TTL (real time: short TTLs, Redis expiry)', async () => {
    const name = `Billing ${prefix}`;
    const old = sim.addQueue({ name });
    const replacement = sim.addQueue({ name: `${name} (new)` });
    const { lookup } = build({ ttlMs: 400, negativeTtlMs: 200, staleIfErrorMs: 0 }, Date.now);
    expect((await lookup.resolve(CONNECTION, 'queue', name)).id).toBe(old.id);
    sim.renameQueue(old.id, `${name} (old)`);
    sim.renameQueue(replacement.id, name);
    expect(await lookup.resolve(CONNECTION, 'queue', name)).toMatchObject({ id: old.id, source: 'cache' });
    await sleep(450);
    expect(await redis.exists(routingEntryKey(prefix, { connectionId: CONNECTION, kind: 'queue', name }))).toBe(0);
    expect(await lookup.resolve(CONNECTION, 'queue', name)).toMatchObject({ id: replacement.id, source: 'genesys' });
  });

  it('renews used entries shortly before they expire (background refresh), so a rename shows without a caller waiting on Genesys', async () => {
    const name = `Refunds ${prefix}`;
    const old = sim.addQueue({ name });
    const { lookup, cache, refresher } = build();
    await lookup.resolve(CONNECTION, 'queue', name);
    expect(await refresher.refreshDue(clock + SETTINGS.ttlMs)).toEqual({ refreshed: 0, failed: 0 }); // never used from the cache: nothing to renew
    await lookup.resolve(CONNECTION, 'queue', name); // a hit marks the entry
    await lookup.resolve(CONNECTION, 'queue', name); // once per generation
    await sleep(20);
    expect(await cache.pendingRefreshes()).toBe(1);
    expect(await refresher.refreshDue(clock)).toEqual({ refreshed: 0, failed: 0 }); // not due yet

    sim.renameQueue(old.id, `${name} (old)`);
    const renamed = sim.addQueue({ name });
    clock += SETTINGS.ttlMs - SETTINGS.refreshAheadMs;
    expect(await refresher.refreshDue(clock)).toEqual({ refreshed: 1, failed: 0 });
    expect(await cache.pendingRefreshes()).toBe(0);
    const before = routingRequests('queues');
    clock += SETTINGS.refreshAheadMs + 1; // past the first generation's expiry, inside the renewed one
    expect(await lookup.resolve(CONNECTION, 'queue', name)).toMatchObject({ id: renamed.id, source: 'cache' });
    expect(routingRequests('queues')).toBe(before);
    expect(await counter('genesys_bridge_routing_refreshes_total', { outcome: 'refreshed' })).toBe(1);
  });

  it('answers from a stale entry while Genesys fails, within the stale-if-error grace; without one the error is thrown', async () => {
    const name = `Outage ${prefix}`;
    const queue = sim.addQueue({ name });
    const { lookup } = build();
    await lookup.resolve(CONNECTION, 'queue', name);
    clock += SETTINGS.ttlMs + 1;
    sim.options.faults.apiError = { next: 1, probability: 0, status: 503 };
    expect(await lookup.resolve(CONNECTION, 'queue', name)).toMatchObject({ found: true, id: queue.id, source: 'stale-cache' });
    expect(await counter('genesys_bridge_routing_lookups_total', { kind: 'queue', outcome: 'stale' })).toBe(1);

    clock += SETTINGS.staleIfErrorMs;
    sim.options.faults.apiError = { next: 1, probability: 0, status: 503 };
    await expect(lookup.resolve(CONNECTION, 'queue', name)).rejects.toMatchObject({ name: 'GenesysApiError', status: 503 });
    sim.options.faults.apiError = { next: 1, probability: 0, status: 429 };
    await expect(lookup.resolve(CONNECTION, 'queue', `Never cached ${prefix}`)).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(await counter('genesys_bridge_routing_lookups_total', { kind: 'queue', outcome: 'error' })).toBe(2);
  });

  it('gives up waiting after lookupTimeoutMs, and the late answer still fills the cache', async () => {
    const name = `Slow ${prefix}`;
    const queue = sim.addQueue({ name });
    const { lookup } = build({ lookupTimeoutMs: 150 });
    await lookup.resolve(CONNECTION, 'queue', 'warm the token').catch(() => undefined);
    sim.options.faults.apiLatencyMs = 400;
    try {
      await expect(lookup.resolve(CONNECTION, 'queue', name)).rejects.toBeInstanceOf(RoutingLookupTimeoutError);
    } finally {
      sim.options.faults.apiLatencyMs = 0;
    }
    await sleep(400);
    expect(await lookup.resolve(CONNECTION, 'queue', name)).toMatchObject({ id: queue.id, source: 'cache' });
  });

  it('asks Genesys directly when Redis is unreachable', async () => {
    const name = `No Redis ${prefix}`;
    const queue = sim.addQueue({ name });
    const deadRedis = new Redis({ port: await freePort(), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    deadRedis.on('error', () => undefined);
    try {
      const { lookup } = build({}, () => clock, deadRedis);
      expect(await lookup.resolve(CONNECTION, 'queue', name)).toMatchObject({ found: true, id: queue.id, source: 'genesys' });
    } finally {
      deadRedis.disconnect();
    }
  });

  it('resolves skills and languages through their "starts with" filters, walking the pages', async () => {
    const tag = prefix.slice(1, -1);
    for (let index = 0; index < 130; index++) sim.addSkill({ name: `Billing ${tag} ${String(index).padStart(3, '0')}` });
    const skill = sim.addSkill({ name: `billing ${tag}` }); // sorts after every "Billing …": on page 2
    const language = sim.addLanguage({ name: `Dutch ${tag}` });
    sim.addLanguage({ name: `Dutch ${tag} (Belgium)` });
    const { lookup } = build();
    const before = routingRequests('skills');
    expect(await lookup.resolve(CONNECTION, 'skill', `billing ${tag}`)).toMatchObject({ found: true, id: skill.id, matchedBy: 'exact' });
    expect(routingRequests('skills') - before).toBe(2);
    expect(await lookup.resolve(CONNECTION, 'language', `dutch ${tag}`)).toMatchObject({ found: true, id: language.id, matchedBy: 'case-insensitive' });
    const walked = routingRequests('skills');
    expect(await lookup.resolve(CONNECTION, 'skill', `BILLING ${tag}`)).toMatchObject({ found: true, id: skill.id, matchedBy: 'case-insensitive' });
    expect(routingRequests('skills') - walked).toBe(2); // no exact match: every page read before deciding
    expect(await lookup.resolve(CONNECTION, 'skill', `Billing ${tag} 2`)).toMatchObject({ found: false });
    await expect(lookup.resolve(CONNECTION, 'skill', '   ')).rejects.toBeInstanceOf(InvalidRoutingNameError);
  });

  it('falls back to the connection queue for an unknown name and counts it', async () => {
    const general = sim.addQueue({ name: `General ${prefix}` });
    const billing = sim.addQueue({ name: `Billing ${prefix}` });
    const { resolver } = build();
    const byId = { id: CONNECTION, botPlatformSettings: { fallbackQueueId: 'fallback-queue-id', fallbackQueueName: 'General' } };
    expect(await resolver.resolve(byId, `Billing ${prefix}`)).toEqual({ found: true, queueId: billing.id, queueName: billing.name, resolvedBy: 'exact', source: 'genesys' });
    expect(await resolver.resolve(byId, `Nowhere ${prefix}`)).toEqual({ found: false, queueId: 'fallback-queue-id', queueName: 'General', resolvedBy: 'fallback', source: 'genesys' });
    const byName = { id: CONNECTION, botPlatformSettings: { fallbackQueueName: `General ${prefix}` } };
    expect(await resolver.resolve(byName, `Nowhere ${prefix}`)).toMatchObject({ found: false, queueId: general.id, resolvedBy: 'fallback', source: 'cache' });
    expect(await counter('genesys_bridge_queue_fallbacks_total', { connection: CONNECTION, outcome: 'fallback' })).toBe(2);
    const none = { id: CONNECTION, botPlatformSettings: {} };
    expect(await resolver.resolve(none, `Nowhere ${prefix}`)).toEqual({ found: false, queueId: '', queueName: '', resolvedBy: 'none', source: 'cache' });
    expect(await counter('genesys_bridge_queue_fallbacks_total', { connection: CONNECTION, outcome: 'no-fallback' })).toBe(1);
  });
});
