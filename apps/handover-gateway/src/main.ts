import 'reflect-metadata';
import { runEntrypoint, startHttpProcess } from '@genesys-bridge/service-runtime';
import { handoverGatewayApp } from './handover-gateway.app';

runEntrypoint('handover-gateway', () => startHttpProcess(handoverGatewayApp));
