import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { DestinationStream } from 'pino';
import { ServiceEnv } from '@genesys-bridge/config';
import { LoggingModule, MetricsModule } from '@genesys-bridge/observability';
import { PersistenceModule } from '@genesys-bridge/persistence';
import type { AppName } from '@genesys-bridge/queue-contracts';
import { type ProcessRole, QueueRuntimeModule } from '@genesys-bridge/queue-runtime';
import { HealthController, MigrationsHealthIndicator } from './health.controller';

export interface CoreOptions {
  env: ServiceEnv;
  service: AppName;
  role: ProcessRole;
  /** Queues this process produces to (HTTP) or consumes (worker). */
  queues: readonly string[];
  /** Where logs go instead of stdout (tests). */
  logDestination?: DestinationStream;
}

/**
 * What every process of every app has: validated env, JSON logs, metrics, database and repositories,
 * BullMQ, and /health/live + /health/ready.
 */
@Module({})
export class CoreModule {
  static forRoot({ env, service, role, queues, logDestination }: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        LoggingModule.forRoot(env, service, role, logDestination),
        MetricsModule.forRoot(service, role),
        PersistenceModule.forRoot(env, `${service}-${role}`),
        QueueRuntimeModule.forRoot(env, role, queues),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
      // The env under the base token and under the app's own env class, for every module of the app.
      providers: [{ provide: ServiceEnv, useValue: env }, { provide: env.constructor, useValue: env }, MigrationsHealthIndicator],
      exports: [ServiceEnv, env.constructor],
    };
  }
}
