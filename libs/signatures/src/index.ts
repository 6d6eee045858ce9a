export * from './lib/constant-time';
export * from './lib/hub-signature';
