import 'reflect-metadata';
import { runEntrypoint, startHttpProcess } from '@genesys-bridge/service-runtime';
import { metadataServiceApp } from './metadata-service.app';

runEntrypoint('metadata-service', () => startHttpProcess(metadataServiceApp));
