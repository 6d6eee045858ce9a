export * from './lib/redis-connection';
export * from './lib/redis-preflight';
export * from './lib/worker-queues';
export * from './lib/queue-runtime.module';
export * from './lib/redis-health.indicator';
export * from './lib/queue-metrics';
export * from './lib/delivery-wakeups';
export * from './lib/partitioned-consumer';
