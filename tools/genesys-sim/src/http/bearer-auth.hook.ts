import type { FastifyRequest } from 'fastify';
import type { SimContext } from '../sim-context';
import { GenesysApiError } from '../support/genesys-error';
import { isApiPath } from './request-context';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** API calls need a valid, unexpired bearer token: 401 `authentication.required` without one, `bad.credentials` otherwise. */
export function bearerAuthHook(ctx: SimContext) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!isApiPath(request.url)) return;
    const match = request.headers.authorization?.match(BEARER);
    if (!match) {
      throw new GenesysApiError(401, 'authentication.required', 'No authentication bearer token specified in authorization header.');
    }
    const lookup = ctx.tokens.lookup(match[1]);
    if (lookup.kind !== 'valid') throw new GenesysApiError(401, 'bad.credentials', 'Invalid login credentials.');
    request.accessToken = lookup.token;
  };
}
