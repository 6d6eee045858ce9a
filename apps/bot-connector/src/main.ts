import 'reflect-metadata';
import { runEntrypoint, startHttpProcess } from '@genesys-bridge/service-runtime';
import { botConnectorApp } from './bot-connector.app';

runEntrypoint('bot-connector', () => startHttpProcess(botConnectorApp));
