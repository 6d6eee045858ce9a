import type { FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import type { SimContext } from '../sim-context';
import { rateLimited, serverError } from '../support/genesys-error';
import { isGenesysPath } from './request-context';

/** Latency, hangs and 429/5xx answers injected in front of the Genesys API and login (never `/sim`). */
export function faultInjectionHook(ctx: SimContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (!isGenesysPath(request.url)) return undefined;
    const faults = ctx.options.faults;
    if (faults.apiLatencyMs > 0) await delay(faults.apiLatencyMs);
    if (ctx.injector.fires(faults.apiHang)) {
      const outcome = await ctx.hangs.hold(reply.raw, faults.apiHang.releaseAfterMs);
      if (outcome === 'released') throw serverError(504);
      reply.hijack();
      reply.raw.destroy();
      return reply;
    }
    if (ctx.injector.fires(faults.apiError)) {
      const status = faults.apiError.status;
      throw status === 429 ? rateLimited(1) : serverError(status);
    }
    return undefined;
  };
}

/** `POST /api/v2/conversations/messages/{integrationId}/inbound/open/{message|event|receipt|structured/response}`. */
const INBOUND_OPEN_PATH = /^\/api\/v2\/conversations\/messages\/[^/?]+\/inbound\/open\/(?:message|event|receipt|structured\/response)(?:\?|$)/;

export const isInboundOpenPath = (url: string): boolean => INBOUND_OPEN_PATH.test(url);

/**
 * "500 after accept" (`faults.inboundAcceptThenError`): an Open Messaging inbound call that succeeded — validated,
 * stored, recorded — is answered with a 5xx in the Genesys error shape instead of its 2xx. Runs as an `onSend` hook,
 * after the route did all its work, so the message exists in Genesys while the caller sees a failure.
 */
export function acceptThenErrorHook(ctx: SimContext) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (request.method !== 'POST' || reply.statusCode < 200 || reply.statusCode >= 300 || !isInboundOpenPath(request.url)) return payload;
    const fault = ctx.options.faults.inboundAcceptThenError;
    if (!ctx.injector.fires(fault)) return payload;
    const error = serverError(fault.status);
    void reply.code(error.status).header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(error.toBody(request.correlationId));
  };
}
