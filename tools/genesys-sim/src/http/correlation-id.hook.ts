import type { FastifyReply, FastifyRequest } from 'fastify';
import { newUuid } from '../support/ids';

export const CORRELATION_HEADER = 'ININ-Correlation-Id';

/** Every response carries `ININ-Correlation-Id`: the caller's `inin-correlation-id` if given, else a fresh uuid. */
export async function correlationIdHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const given = request.headers['inin-correlation-id'];
  const value = Array.isArray(given) ? given[0] : given;
  request.correlationId = value && value.trim() !== '' ? value : newUuid();
  request.receivedAt = performance.now();
  reply.header(CORRELATION_HEADER, request.correlationId);
}
