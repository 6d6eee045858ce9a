import { QueueName } from '@genesys-bridge/queue-contracts';
import type { AppDefinition } from '@genesys-bridge/service-runtime';
import { API_KEY_SECURITY_SCHEMES, AuthModule } from './auth';
import { MetadataServiceEnv } from './config/metadata-service.env';
import { HousekeepingModule } from './housekeeping/housekeeping.module';

export const metadataServiceApp: AppDefinition<MetadataServiceEnv, typeof QueueName.Housekeeping> = {
  name: 'metadata-service',
  env: MetadataServiceEnv,
  docs: {
    title: 'genesys-bridge metadata-service',
    description: 'Tenant registry, participant data, queue lookups for Architect Data Actions',
    securitySchemes: API_KEY_SECURITY_SCHEMES,
  },
  httpModules: () => [AuthModule],
  workerQueues: { [QueueName.Housekeeping]: HousekeepingModule },
};
