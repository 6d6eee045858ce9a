export * from './lib/keyring';
export * from './lib/secret-cipher';
