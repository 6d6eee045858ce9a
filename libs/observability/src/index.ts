export * from './lib/logging.module';
export * from './lib/redaction';
export * from './lib/metrics.module';
