import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SimState } from '../state/sim-state';
import { isGenesysPath } from './request-context';

/** Records every answered Genesys API / login call (method, url, status, correlation id, client). */
export function apiRequestRecorderHook(state: SimState, now: () => Date) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!isGenesysPath(request.url)) return;
    const durationMs = Math.round(performance.now() - request.receivedAt);
    state.apiRequests.push({
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      correlationId: request.correlationId,
      clientId: request.accessToken?.clientId,
      receivedAt: new Date(now().getTime() - durationMs).toISOString(),
      durationMs,
    });
  };
}
