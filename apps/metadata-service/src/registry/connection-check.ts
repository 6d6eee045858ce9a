import { isGenesysApiError } from '@genesys-bridge/genesys-client';
import { SSRF_BLOCKED } from '@genesys-bridge/platform-adapters';
import type { CheckProblemDto } from './connection-view.dto';

/** The cheap call that proves the OAuth client may do what the integration needs (queue lookups, genesys-api.md §4). */
export const PERMISSION_PROBE = { path: '/api/v2/routing/queues', permission: 'routing:queue:view' } as const;
const TOKEN_PATH = '/oauth/token';

export interface CheckContext {
  region: string;
  clientId: string;
  loginBaseUrl: string;
  apiBaseUrl: string;
}

/**
 * Says in words what a failed check means. Genesys answers bad client credentials on the token endpoint with
 * 400 or 401 `invalid_client` (genesys-client maps 400/401/403 there to kind `auth`); a token the API refuses (401)
 * usually means the API host is of another region than the login host; 403 on the probe is a missing permission.
 */
export function checkProblemOf(error: unknown, context: CheckContext): CheckProblemDto {
  if (!isGenesysApiError(error)) return { code: 'unreachable', message: `the check failed before Genesys answered: ${(error as Error)?.message ?? String(error)}` };
  const answer = [error.status, error.code].filter((part) => part !== undefined).join(' ');
  const onTokenEndpoint = error.path === TOKEN_PATH;
  const host = onTokenEndpoint ? context.loginBaseUrl : context.apiBaseUrl;
  if (error.status === undefined) {
    if (error.code === SSRF_BLOCKED) {
      return { code: 'unreachable', message: `${host} resolves to a private or reserved address; set botPlatformSettings.allowPrivateCallbackUrls if that is intended` };
    }
    return { code: 'unreachable', message: `could not reach ${host} (${error.code ?? 'network error'}); check the region or the base URL overrides, and the network` };
  }
  if (onTokenEndpoint && error.kind === 'auth') {
    return {
      code: 'bad-client',
      message:
        `Genesys (${context.loginBaseUrl}) refused the OAuth client ${context.clientId} (${answer}): check the client id and secret, that the client ` +
        `uses the Client Credentials grant, and that it belongs to an org in ${context.region}`,
    };
  }
  if (!onTokenEndpoint && error.status === 401) {
    return { code: 'bad-client', message: `${context.apiBaseUrl} refused the token issued by ${context.loginBaseUrl} (${answer}): are both hosts of the same region?` };
  }
  if (!onTokenEndpoint && error.status === 403) {
    return {
      code: 'missing-permission',
      message: `the OAuth client may not list queues: GET ${PERMISSION_PROBE.path} answered ${answer}; give its role the permission ${PERMISSION_PROBE.permission} (and the others the integration needs)`,
    };
  }
  return { code: 'unreachable', message: `${host} answered ${answer} to ${error.method ?? ''} ${error.path ?? ''}; try again later`.replace(/\s+/g, ' ') };
}
