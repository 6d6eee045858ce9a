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
