import { QueueName } from '@genesys-bridge/queue-contracts';
import type { AppDefinition } from '@genesys-bridge/service-runtime';
import { ArchitectModule } from './architect/architect.module';
import { AuditModule } from './audit/audit.module';
import { API_KEY_SECURITY_SCHEMES, AuthModule } from './auth';
import { MetadataServiceEnv } from './config/metadata-service.env';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { ParticipantDataPreviewModule } from './participant-data-preview/participant-data-preview.module';
import { RegistryModule } from './registry/registry.module';
import { RoutingRefreshModule } from './routing-refresh/routing-refresh.module';

export const metadataServiceApp: AppDefinition<MetadataServiceEnv, typeof QueueName.Housekeeping | typeof QueueName.RoutingRefresh> = {
  name: 'metadata-service',
  env: MetadataServiceEnv,
  docs: {
    title: 'genesys-bridge metadata-service',
    description: 'Tenant registry, participant data, queue lookups for Architect Data Actions',
    securitySchemes: API_KEY_SECURITY_SCHEMES,
  },
  httpModules: () => [AuthModule, RegistryModule, AuditModule, ArchitectModule, ParticipantDataPreviewModule],
  workerQueues: { [QueueName.Housekeeping]: HousekeepingModule, [QueueName.RoutingRefresh]: RoutingRefreshModule },
};
