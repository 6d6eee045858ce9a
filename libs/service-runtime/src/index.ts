export * from './lib/core.module';
export * from './lib/bootstrap';
export * from './lib/validation';
export * from './lib/app-definition';
export * from './lib/json-object-body.pipe';
export * from './lib/error-schemas';
export * from './lib/field-validators';
export * from './lib/api-key-headers';
