export * from './lib/canonical';
