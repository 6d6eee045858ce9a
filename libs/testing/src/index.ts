export * from './lib/test-databases';
export * from './lib/test-redis';
export * from './lib/wait-for';
export * from './lib/processes';
export * from './lib/queues';
export * from './lib/loopback-server';
