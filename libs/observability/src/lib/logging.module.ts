import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { REDACTED, redactionPaths } from './redaction';

export interface LoggingSettings {
  LOG_LEVEL: string;
}

/** Incoming correlation headers, in order of preference; Genesys sends `inin-correlation-id`. */
const CORRELATION_HEADERS = ['inin-correlation-id', 'x-correlation-id', 'x-request-id'] as const;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function correlationIdOf(req: IncomingMessage): string {
  for (const header of CORRELATION_HEADERS) {
    const value = req.headers[header];
    if (typeof value === 'string' && CORRELATION_ID.test(value)) return value;
  }
  return randomUUID();
}

/**
 * JSON logs (pino) with the request's correlation id and redaction of secrets and auth headers.
 * Health and metrics probes are not logged.
 */
@Module({})
export class LoggingModule {
  static forRoot(settings: LoggingSettings, service: string, role: string, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: settings.LOG_LEVEL,
              base: { service, role },
              redact: { paths: redactionPaths(), censor: REDACTED },
              // The HTTP server assigns the id (see service-runtime bootstrap); this is the fallback.
              genReqId: (req: IncomingMessage & { id?: string }) => req.id ?? correlationIdOf(req),
              customAttributeKeys: { reqId: 'correlationId' },
              autoLogging: { ignore: (req: IncomingMessage & { originalUrl?: string }) => /^\/(health|metrics)/.test(req.originalUrl ?? req.url ?? '') },
              serializers: {
                req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({ id: req.id, method: req.method, url: req.url, headers: req.headers }),
              },
            },
            ...(destination ? [destination] : []),
          ] as never,
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
