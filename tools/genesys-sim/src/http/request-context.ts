import type { AccessToken } from '../auth/oauth-client.model';

declare module 'fastify' {
  interface FastifyRequest {
    /** `ININ-Correlation-Id` of this exchange (echoed or generated); also the error bodies' `contextId`. */
    correlationId: string;
    /** The bearer token that authenticated an API call. */
    accessToken: AccessToken | null;
    receivedAt: number;
  }
}

/** Genesys platform API and login paths (faults and request recording apply); `/sim/*` is the control API. */
export const isGenesysPath = (url: string): boolean => url.startsWith('/api/') || url.startsWith('/oauth/');

/** Paths that need `Authorization: Bearer` and count against the rate limits. */
export const isApiPath = (url: string): boolean => url.startsWith('/api/');
