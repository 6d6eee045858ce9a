import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadEnv, type ServiceEnv } from '@genesys-bridge/config';
import type { AppName } from '@genesys-bridge/queue-contracts';
import { selectWorkerQueues } from '@genesys-bridge/queue-runtime';
import { type AppDocs, startHttpApp, startWorkerApp } from './bootstrap';
import { CoreModule } from './core.module';

type ModuleRef = Type | DynamicModule;

/**
 * What an app is made of. One build, two processes: the HTTP process (controllers and queue
 * producers, never processors) and the worker process (the processor modules of the queues
 * WORKER_QUEUES selects, the app's worker modules, plus /health and /metrics).
 */
export interface AppDefinition<E extends ServiceEnv, Q extends string> {
  name: AppName;
  env: new () => E;
  docs: AppDocs;
  /** Feature modules of the HTTP process. */
  httpModules?: (env: E) => ModuleRef[];
  /** Queues the HTTP process adds jobs to. */
  producesTo?: readonly string[];
  /** The processor module of each queue this app's workers can consume. */
  workerQueues: Record<Q, ModuleRef>;
  /**
   * Modules every worker process runs whatever WORKER_QUEUES selects: background services that consume no queue
   * (e.g. long-lived sockets), each with its own switch.
   */
  workerModules?: (env: E) => ModuleRef[];
}

function rootModule(name: string, imports: ModuleRef[]): DynamicModule {
  @Module({})
  class RootModule {}
  Object.defineProperty(RootModule, 'name', { value: name });
  return { module: RootModule, imports };
}

export function startHttpProcess<E extends ServiceEnv, Q extends string>(app: AppDefinition<E, Q>): Promise<NestFastifyApplication> {
  const env = loadEnv(app.env);
  const module = rootModule(`${app.name}-http`, [
    CoreModule.forRoot({ env, service: app.name, role: 'http', queues: app.producesTo ?? [] }),
    ...(app.httpModules?.(env) ?? []),
  ]);
  return startHttpApp({ service: app.name, env, module, docs: app.docs });
}

export function startWorkerProcess<E extends ServiceEnv, Q extends string>(app: AppDefinition<E, Q>): Promise<NestFastifyApplication> {
  const env = loadEnv(app.env);
  const queues = selectWorkerQueues(Object.keys(app.workerQueues) as Q[], env.WORKER_QUEUES);
  const module = rootModule(`${app.name}-worker`, [
    CoreModule.forRoot({ env, service: app.name, role: 'worker', queues }),
    ...queues.map((queue) => app.workerQueues[queue]),
    ...(app.workerModules?.(env) ?? []),
  ]);
  return startWorkerApp({ service: app.name, env, module, queues });
}
