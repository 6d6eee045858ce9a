import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { GenesysClient, TokenCache } from '@genesys-bridge/genesys-client';
import { createGenesysSim } from '@genesys-bridge/genesys-sim';
import { ApiKeyRepository, ConnectionRepository, createDataSource, runMigrations } from '@genesys-bridge/persistence';
import { MAX_LOOKUP_PAGES_PER_NAME, RoutingCache, RoutingLookup, routingEntryKey, RoutingMetrics } from '@genesys-bridge/routing-lookup';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { freePort, type RunningProcess, startProcess, waitFor, waitForHttpStatus } from '@genesys-bridge/testing';
import { measureInProcess, type Percentiles } from './in-process';

/**
 * bench/metadata: queue-name resolution with a warm cache against a raw Redis GET of the same cached entry, measured
 * in the same run, two ways:
 * - HTTP: `GET /architect/{connectionId}/queues/resolve?name=Billing` on the real metadata-service HTTP process (API
 *   key check, connection read, cached lookup) against a raw node:http server that checks the key and does one GET;
 * - in process: `RoutingLookup.resolve` against `redis.get` of the same key, one call at a time.
 * The Genesys simulator answers the first (cold) lookup only.
 *
 *   npm run bench:metadata     (BENCH_SECONDS=10 BENCH_RATE=200 BENCH_CONNECTIONS=20 BENCH_CALLS=20000 to change)
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLIENT = { clientId: 'bench-metadata', clientSecret: 'bench-metadata-secret' };
const QUEUE_NAME = 'Billing';

async function startBaseline(env: Record<string, string>): Promise<{ url: string; process: RunningProcess }> {
  const child = startProcess('dist/bench/metadata/redis-get-server.js', { PATH: process.env.PATH, ...env });
  const url = await waitFor(() => /listening on (http:\S+)/.exec(child.output())?.[1], { what: 'the Redis GET baseline' });
  return { url, process: child };
}

interface HttpRow {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measureHttp(url: string, path: string, apiKey: string, options: { connections: number; overallRate?: number }): Promise<HttpRow> {
  const result = await autocannon({ url: `${url}${path}`, headers: { 'x-api-key': apiKey }, duration: SECONDS, connections: options.connections, overallRate: options.overallRate });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
}

async function main() {
  const sim = await createGenesysSim({ clients: [CLIENT], queues: [{ name: QUEUE_NAME }, { name: 'Sales' }, { name: 'Support' }] });
  const dir = mkdtempSync(join(tmpdir(), 'bench-metadata-'));
  const keys = generateKeyringEntry('k1');
  const prefix = `{bench-metadata-${randomBytes(4).toString('hex')}}`;
  const dataSource = await createDataSource({ SQLITE_PATH: join(dir, 'bench.sqlite') }).initialize();
  await runMigrations(dataSource, () => undefined);
  const connection = await new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(keys))).create({
    name: 'bench',
    genesysRegion: 'eu-west-1',
    genesysApiBaseUrl: sim.url,
    genesysLoginBaseUrl: sim.url,
    genesysClientId: CLIENT.clientId,
    genesysClientSecret: CLIENT.clientSecret,
    botPlatform: 'generic',
    botPlatformSettings: { fallbackQueueName: 'Support' },
  });
  const { key: apiKey } = await new ApiKeyRepository(dataSource).create({ name: 'bench', scope: 'read-only', connectionId: connection.id }, { apiKeyId: null, apiKeyName: 'bench' });
  await dataSource.destroy();

  const port = await freePort();
  const service = startProcess('dist/apps/metadata-service/src/main.js', {
    SQLITE_PATH: join(dir, 'bench.sqlite'),
    SECRETS_KEYS: keys,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    ROUTING_CACHE_TTL_MS: String(3_600_000),
  });
  const serviceUrl = `http://127.0.0.1:${port}`;
  await waitForHttpStatus(`${serviceUrl}/health/ready`).catch((error) => {
    throw new Error(`metadata-service did not become ready: ${error.message}\n${service.output()}`);
  });
  const path = `/architect/${connection.id}/queues/resolve?name=${QUEUE_NAME}`;
  const cold = (await (await fetch(`${serviceUrl}${path}`, { headers: { 'x-api-key': apiKey } })).json()) as { source: string; queueId: string };
  const warm = (await (await fetch(`${serviceUrl}${path}`, { headers: { 'x-api-key': apiKey } })).json()) as { source: string };
  if (cold.source !== 'genesys' || warm.source !== 'cache') throw new Error(`unexpected lookup sources: ${cold.source} then ${warm.source}`);

  const target = { connectionId: connection.id, name: QUEUE_NAME, key: routingEntryKey(prefix, { connectionId: connection.id, kind: 'queue', name: QUEUE_NAME }) };
  const baseline = await startBaseline({ BASELINE_REDIS_URL: REDIS_URL, BASELINE_KEY: target.key, BASELINE_API_KEY: apiKey });

  console.log(`bench: warming up (${SECONDS}s per HTTP run; latency at ${RATE} requests/s with 10 connections, throughput with ${CONNECTIONS})`);
  await measureHttp(serviceUrl, path, apiKey, { connections: 10, overallRate: RATE });
  const http = {
    [`latency @${RATE}/s: raw HTTP + Redis GET`]: await measureHttp(baseline.url, '/', apiKey, { connections: 10, overallRate: RATE }),
    [`latency @${RATE}/s: GET /architect/…/queues/resolve`]: await measureHttp(serviceUrl, path, apiKey, { connections: 10, overallRate: RATE }),
    'throughput: raw HTTP + Redis GET': await measureHttp(baseline.url, '/', apiKey, { connections: CONNECTIONS }),
    'throughput: GET /architect/…/queues/resolve': await measureHttp(serviceUrl, path, apiKey, { connections: CONNECTIONS }),
  };
  await Promise.all([service.stop(), baseline.process.stop()]);

  console.log(`bench: in process, ${CALLS} calls each, one at a time`);
  const redis = new Redis(REDIS_URL);
  const client = new GenesysClient({ hosts: { apiBaseUrl: sim.url, loginBaseUrl: sim.url }, credentials: CLIENT, tokenCache: new TokenCache() });
  const lookup = new RoutingLookup(
    new RoutingCache(redis, prefix),
    { forConnection: async () => client },
    { ttlMs: 3_600_000, negativeTtlMs: 60_000, staleIfErrorMs: 0, refreshAheadMs: 60_000, pageSize: 100, maxPages: MAX_LOOKUP_PAGES_PER_NAME, lookupTimeoutMs: 3_000 },
    new RoutingMetrics(new Registry()),
    { warn: () => undefined },
  );
  await measureInProcess(lookup, redis, target, Math.min(CALLS, 2_000)); // warm-up
  const inProcess = await measureInProcess(lookup, redis, target, CALLS);
  const genesysRequests = sim.state.apiRequests.filter((request) => request.url.startsWith('/api/v2/routing/queues?')).length;
  await redis.del(target.key, `${prefix}:routing:refresh-due`);
  redis.disconnect();
  await client.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });

  console.log('\n| HTTP run | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|');
  for (const [name, row] of Object.entries(http)) console.log(`| ${name} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors} |`);
  const base = http[`latency @${RATE}/s: raw HTTP + Redis GET`];
  const resolve = http[`latency @${RATE}/s: GET /architect/…/queues/resolve`];
  const throughputRatio = http['throughput: GET /architect/…/queues/resolve'].rps / http['throughput: raw HTTP + Redis GET'].rps;
  console.log(`\nHTTP p99 ratio (resolve / raw GET) at ${RATE}/s: ${(resolve.p99 / Math.max(base.p99, 1)).toFixed(2)}  (added p50 ${resolve.p50 - base.p50} ms, p99 ${resolve.p99 - base.p99} ms)`);
  console.log(`HTTP throughput ratio (resolve / raw GET): ${throughputRatio.toFixed(2)}`);

  const row = (name: string, p: Percentiles) => `| ${name} | ${p.calls} | ${p.p50.toFixed(3)} | ${p.p99.toFixed(3)} | ${p.mean.toFixed(3)} |`;
  console.log('\n| in process | calls | p50 ms | p99 ms | mean ms |\n|---|---|---|---|---|');
  console.log(row('redis.get(key)', inProcess.redisGet));
  console.log(row('RoutingLookup.resolve (warm)', inProcess.resolve));
  console.log(`\nin-process p99 ratio (resolve / raw GET): ${(inProcess.resolve.p99 / inProcess.redisGet.p99).toFixed(2)}, p50 ratio ${(inProcess.resolve.p50 / inProcess.redisGet.p50).toFixed(2)}`);
  console.log(`Genesys queue lookups during the whole run: ${genesysRequests} (the cold one)`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
