import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { newUuid } from './ids';
import type { BaseSession, BotSimState, RecordedRequest } from './recording';
import { SimHttpError } from './sim-http-error';

export interface SimServerSettings {
  maxRequestBytes: number;
  state: BotSimState<BaseSession>;
  now: () => Date;
  /** The platform's error body for a status and message. */
  renderError: (status: number, message: string, request: FastifyRequest) => unknown;
}

const isControlPath = (url: string): boolean => url === '/sim' || url.startsWith('/sim/') || url.startsWith('/sim?');

/** A Fastify app that records every bot-API request and renders failures in the platform's error shape. */
export function createSimServer(settings: SimServerSettings): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: settings.maxRequestBytes, forceCloseConnections: true });
  app.decorateRequest('botSimRecord', null);

  app.addHook('onRequest', async (request) => {
    if (isControlPath(request.url)) return;
    const record: RecordedRequest = {
      id: newUuid(),
      method: request.method,
      url: request.url,
      headers: { ...request.headers },
      receivedAt: settings.now().toISOString(),
      outcome: 'pending',
    };
    request.botSimRecord = record;
    settings.state.requests.push(record);
  });
  app.addHook('preHandler', async (request) => {
    if (request.botSimRecord) request.botSimRecord.body = request.body;
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.botSimRecord && typeof payload === 'string') request.botSimRecord.response = parseJson(payload);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const record = request.botSimRecord;
    if (!record || record.outcome !== 'pending') return;
    record.outcome = 'answered';
    record.status = reply.statusCode;
    record.durationMs = Math.round(reply.elapsedTime);
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => sendError(reply, toSimError(error), request, settings));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new SimHttpError(404, `Cannot ${request.method} ${request.url.split('?')[0]}`), request, settings),
  );
  return app;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sendError(reply: FastifyReply, error: SimHttpError, request: FastifyRequest, settings: SimServerSettings): void {
  const body = isControlPath(request.url) ? { message: error.message } : (error.body ?? settings.renderError(error.status, error.message, request));
  void reply.code(error.status).send(body);
}

function toSimError(error: FastifyError | Error): SimHttpError {
  if (error instanceof SimHttpError) return error;
  const { statusCode } = error as FastifyError;
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) return new SimHttpError(statusCode, error.message);
  return new SimHttpError(500, error.message);
}

/** `http://127.0.0.1:PORT` of a listening app. */
export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  const address = await app.listen({ host, port });
  return address.replace('://localhost', '://127.0.0.1');
}
