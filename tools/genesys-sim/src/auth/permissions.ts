import type { FastifyRequest } from 'fastify';
import type { SimContext } from '../sim-context';
import { GenesysApiError } from '../support/genesys-error';

/**
 * Genesys checks the permissions of the OAuth client's roles on every API call and answers 403 with code
 * `missing.permissions` naming what is missing (the permission each endpoint needs is listed per operation in the
 * SDK docs, genesys-api.md §4). A client without a `permissions` list has them all.
 */
export function requirePermission(ctx: SimContext, request: FastifyRequest, permission: string): void {
  const clientId = request.accessToken?.clientId;
  const granted = clientId === undefined ? undefined : ctx.clients.get(clientId)?.permissions;
  if (granted && !granted.includes(permission)) {
    throw new GenesysApiError(403, 'missing.permissions', `Unable to perform the requested action. You are missing the following permission(s): [${permission}]`);
  }
}
