import 'reflect-metadata';
import { runEntrypoint, startWorkerProcess } from '@genesys-bridge/service-runtime';
import { handoverGatewayApp } from './handover-gateway.app';

runEntrypoint('handover-gateway-worker', () => startWorkerProcess(handoverGatewayApp));
