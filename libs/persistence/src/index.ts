export * from './lib/data-source.factory';
export * from './lib/entities';
export * from './lib/migration-runner';
export * from './lib/persistence.module';
export * from './lib/repositories/connection.repository';
export * from './lib/repositories/message.repository';
export { inTransaction, isUniqueViolation } from './lib/transactions';
