import 'reflect-metadata';
import { runEntrypoint, startWorkerProcess } from '@genesys-bridge/service-runtime';
import { botConnectorApp } from './bot-connector.app';

runEntrypoint('bot-connector-worker', () => startWorkerProcess(botConnectorApp));
