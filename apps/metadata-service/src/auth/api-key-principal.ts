import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope, AuditActor } from '@genesys-bridge/persistence';

/** The key a request authenticated with, as routes see it (never the key itself). */
export interface ApiKeyPrincipal {
  /** null for `ADMIN_BOOTSTRAP_KEY`, which has no row. */
  id: string | null;
  name: string;
  scope: ApiKeyScope;
  /** null = every connection. */
  connectionId: string | null;
}

export type ApiKeyRequest = FastifyRequest & { apiKey?: ApiKeyPrincipal };

/** The name the bootstrap key has in the audit log. */
export const BOOTSTRAP_KEY_NAME = 'ADMIN_BOOTSTRAP_KEY';

export function bootstrapPrincipal(): ApiKeyPrincipal {
  return { id: null, name: BOOTSTRAP_KEY_NAME, scope: 'admin', connectionId: null };
}

/** Whether the key may see this connection: keys for every connection see all, a bound key only its own. */
export function canSeeConnection(key: ApiKeyPrincipal, connectionId: string): boolean {
  return key.connectionId === null || key.connectionId === connectionId;
}

export function auditActorOf(key: ApiKeyPrincipal): AuditActor {
  return { apiKeyId: key.id, apiKeyName: key.name };
}
