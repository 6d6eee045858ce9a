import type { FastifyRequest } from 'fastify';
import type { SimContext } from '../sim-context';
import { rateLimited } from '../support/genesys-error';

/** Per-token limit (default 300 / 60 s), then the optional org-wide one; over either → normalised 429. */
export function rateLimitHook(ctx: SimContext) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.accessToken) return;
    const perToken = ctx.rateLimiter.take(`token:${request.accessToken.token}`, ctx.options.rateLimit);
    if (!perToken.allowed) throw rateLimited(perToken.retryAfterSeconds);
    const orgLimit = ctx.options.orgRateLimit;
    if (!orgLimit) return;
    const org = ctx.rateLimiter.take('org', orgLimit);
    if (!org.allowed) throw rateLimited(org.retryAfterSeconds);
  };
}
