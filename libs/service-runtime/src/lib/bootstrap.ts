import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { EnvValidationError, type ServiceEnv } from '@genesys-bridge/config';
import { correlationIdOf } from '@genesys-bridge/observability';
import { assertRedisReachable, RedisUnavailableError, UnknownWorkerQueueError } from '@genesys-bridge/queue-runtime';
import { KeyringFormatError } from '@genesys-bridge/secrets';

export interface HttpAppOptions {
  service: string;
  env: ServiceEnv;
  module: DynamicModule;
  docs: AppDocs;
}

export interface AppDocs {
  title: string;
  description: string;
  /** Extra OpenAPI component schemas, e.g. a contract we call out to rather than serve. */
  schemas?: Record<string, object>;
  /** OpenAPI security schemes the app's routes refer to (e.g. with `@ApiBearerAuth(name)`). */
  securitySchemes?: Record<string, object>;
}

export interface WorkerAppOptions {
  service: string;
  env: ServiceEnv;
  module: DynamicModule;
  queues: readonly string[];
}

async function createApp(service: string, env: ServiceEnv, module: DynamicModule): Promise<NestFastifyApplication> {
  await assertRedisReachable(env.REDIS_URL);
  // Correlation id: the caller's `inin-correlation-id` (Genesys) or a new one; logged with every line
  // of the request and echoed back so a message can be followed from webhook to Genesys.
  const adapter = new FastifyAdapter({ bodyLimit: env.BODY_LIMIT_BYTES, genReqId: correlationIdOf, requestIdHeader: false });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.header('inin-correlation-id', request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    rawBody: true,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  exitAfterGracePeriod(service, env.SHUTDOWN_GRACE_MS);
  return app;
}

/** The HTTP process of an app: producers only, OpenAPI at /docs, raw bodies kept for signature checks. */
export async function startHttpApp({ service, env, module, docs }: HttpAppOptions): Promise<NestFastifyApplication> {
  const app = await createApp(service, env, module);
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(docs.title).setDescription(docs.description).setVersion('1').build());
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...docs.schemas },
    securitySchemes: { ...document.components?.securitySchemes, ...docs.securitySchemes } as NonNullable<typeof document.components>['securitySchemes'],
  };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await app.listen({ port: env.PORT, host: env.HOST });
  app.get(Logger).log(`${service} HTTP listening on http://${env.HOST}:${env.PORT} (OpenAPI at /docs)`);
  return app;
}

/** The worker process of an app: processors only, plus a small HTTP port for /health and /metrics. */
export async function startWorkerApp({ service, env, module, queues }: WorkerAppOptions): Promise<NestFastifyApplication> {
  const app = await createApp(service, env, module);
  await app.listen({ port: env.WORKER_HTTP_PORT, host: env.HOST });
  app.get(Logger).log(`${service} worker consuming [${queues.join(', ') || 'no queues'}]; health and metrics on http://${env.HOST}:${env.WORKER_HTTP_PORT}`);
  return app;
}

/** Nest closes gracefully on SIGTERM/SIGINT (workers finish active jobs); this bounds how long that may take. */
function exitAfterGracePeriod(service: string, graceMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        console.error(`${service}: still busy ${graceMs} ms after ${signal}; exiting`);
        process.exit(1);
      }, graceMs).unref();
    });
  }
}

const EXPECTED_START_ERRORS = [EnvValidationError, RedisUnavailableError, UnknownWorkerQueueError, KeyringFormatError];

/**
 * Runs an entrypoint; a start-up failure prints one clear message (no stack for configuration
 * problems, never a secret value) and exits with status 1.
 */
export function runEntrypoint(service: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    const expected = EXPECTED_START_ERRORS.some((type) => error instanceof type);
    console.error(`${service} failed to start: ${expected ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
