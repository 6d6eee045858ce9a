/**
 * Queue, skill and language names → Genesys ids per connection, cached in Redis with a TTL, a negative cache, a
 * stale-if-error grace and a background refresh; a connection's fallback queue for unknown queue names.
 * Matching rules: see NameMatcher (name-matching.ts); keys: cache-keys.ts.
 */
export * from './lib/routing-kind';
export * from './lib/name-matching';
export * from './lib/paging-walk';
export * from './lib/cache-keys';
export * from './lib/cache-entry';
export { RoutingCache } from './lib/routing-cache';
export { RoutingMetrics, type LookupOutcome } from './lib/routing-metrics';
export * from './lib/routing-lookup';
export * from './lib/queue-fallback';
export * from './lib/queue-resolver';
export * from './lib/routing-refresher';
export { ConnectionGenesysClients } from './lib/connection-genesys-clients';
export { RoutingLookupEnv } from './lib/routing-lookup.env';
export { RoutingLookupModule, RoutingRedis, routingLookupSettings, MAX_LOOKUP_PAGES_PER_NAME } from './lib/routing-lookup.module';
