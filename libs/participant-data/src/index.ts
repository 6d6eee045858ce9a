export * from './lib/attribute-entry';
export { applyAttributeLimits } from './lib/attribute-limits';
export { flattenMetadata } from './lib/flatten-metadata';
export * from './lib/handover-parameters';
export * from './lib/limits';
export * from './lib/routing-keys';
export { truncateUtf16 } from './lib/truncate';
