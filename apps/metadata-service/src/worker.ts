import 'reflect-metadata';
import { runEntrypoint, startWorkerProcess } from '@genesys-bridge/service-runtime';
import { metadataServiceApp } from './metadata-service.app';

runEntrypoint('metadata-service-worker', () => startWorkerProcess(metadataServiceApp));
