export * from './lib/load-env';
export * from './lib/sensitive';
export * from './lib/service.env';
