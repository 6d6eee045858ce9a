import { Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { loadEnv, ServiceEnv } from '@genesys-bridge/config';
import { LOOKUP_PAGE_SIZE } from '@genesys-bridge/genesys-client';
import { redisConnectionOptions } from '@genesys-bridge/queue-runtime';
import { ConnectionGenesysClients } from './connection-genesys-clients';
import { QueueResolver } from './queue-resolver';
import { RoutingCache } from './routing-cache';
import { RoutingLookup, type RoutingLookupSettings } from './routing-lookup';
import { RoutingLookupEnv } from './routing-lookup.env';
import { RoutingMetrics } from './routing-metrics';
import { RoutingRefresher } from './routing-refresher';

/** At most 20 pages (2,000 entities) per lookup. */
export const MAX_LOOKUP_PAGES_PER_NAME = 20;

export function routingLookupSettings(env: RoutingLookupEnv): RoutingLookupSettings {
  return {
    ttlMs: env.ROUTING_CACHE_TTL_MS,
    negativeTtlMs: env.ROUTING_NEGATIVE_CACHE_TTL_MS,
    staleIfErrorMs: env.ROUTING_STALE_IF_ERROR_MS,
    refreshAheadMs: 2 * env.ROUTING_REFRESH_INTERVAL_MS,
    pageSize: LOOKUP_PAGE_SIZE,
    maxPages: MAX_LOOKUP_PAGES_PER_NAME,
    lookupTimeoutMs: env.ROUTING_LOOKUP_TIMEOUT_MS,
  };
}

/**
 * The cache's own Redis connection, failing fast like an HTTP process's (a lookup then asks Genesys instead of
 * waiting for Redis).
 */
@Injectable()
export class RoutingRedis implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(ServiceEnv) env: ServiceEnv) {
    this.client = new Redis({ ...redisConnectionOptions(env.REDIS_URL, 'http'), connectionName: 'routing-cache' });
    this.client.on('error', () => undefined); // surfaced by the failing command, and by readiness
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

const logger = new Logger('RoutingLookup');

/** Routing name lookups for any app: RoutingLookup, QueueResolver (with the fallback queue) and RoutingRefresher. */
@Module({
  providers: [
    { provide: RoutingLookupEnv, useFactory: () => loadEnv(RoutingLookupEnv) },
    RoutingRedis,
    ConnectionGenesysClients,
    { provide: RoutingMetrics, inject: [Registry], useFactory: (registry: Registry) => new RoutingMetrics(registry) },
    { provide: RoutingCache, inject: [RoutingRedis, ServiceEnv], useFactory: (redis: RoutingRedis, env: ServiceEnv) => new RoutingCache(redis.client, env.QUEUE_PREFIX) },
    {
      provide: RoutingLookup,
      inject: [RoutingCache, ConnectionGenesysClients, RoutingLookupEnv, RoutingMetrics],
      useFactory: (cache: RoutingCache, clients: ConnectionGenesysClients, env: RoutingLookupEnv, metrics: RoutingMetrics) =>
        new RoutingLookup(cache, clients, routingLookupSettings(env), metrics, logger),
    },
    { provide: QueueResolver, inject: [RoutingLookup, RoutingMetrics], useFactory: (lookup: RoutingLookup, metrics: RoutingMetrics) => new QueueResolver(lookup, metrics) },
    {
      provide: RoutingRefresher,
      inject: [RoutingCache, RoutingLookup, RoutingMetrics],
      useFactory: (cache: RoutingCache, lookup: RoutingLookup, metrics: RoutingMetrics) => new RoutingRefresher(cache, lookup, metrics, logger),
    },
  ],
  exports: [RoutingLookupEnv, RoutingLookup, QueueResolver, RoutingRefresher],
})
export class RoutingLookupModule {}
