export * from './lib/genesys-clients.service';
