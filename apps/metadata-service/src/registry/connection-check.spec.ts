import { GenesysApiError } from '@genesys-bridge/genesys-client';
import { checkProblemOf } from './connection-check';

const context = { region: 'eu-west-1', clientId: 'client-1', loginBaseUrl: 'https://login.mypurecloud.ie', apiBaseUrl: 'https://api.mypurecloud.ie' };
const error = (init: Partial<ConstructorParameters<typeof GenesysApiError>[0]>) => new GenesysApiError({ kind: 'permanent', message: 'failed', method: 'GET', ...init });

describe('what a failed credentials check means', () => {
  it('bad-client: the token endpoint refused the client (400 or 401 invalid_client)', () => {
    for (const status of [400, 401]) {
      const problem = checkProblemOf(error({ kind: 'auth', status, code: 'invalid_client', path: '/oauth/token', method: 'POST' }), context);
      expect(problem).toEqual({ code: 'bad-client', message: expect.stringContaining(`refused the OAuth client client-1 (${status} invalid_client)`) });
      expect(problem.message).toContain('eu-west-1');
    }
  });

  it('bad-client: the API refused the token (hosts of different regions)', () => {
    expect(checkProblemOf(error({ kind: 'auth', status: 401, code: 'bad.credentials', path: '/api/v2/routing/queues' }), context).code).toBe('bad-client');
  });

  it('missing-permission: 403 on the probe names the permission', () => {
    const problem = checkProblemOf(error({ status: 403, code: 'missing.permissions', path: '/api/v2/routing/queues' }), context);
    expect(problem).toEqual({ code: 'missing-permission', message: expect.stringContaining('routing:queue:view') });
  });

  it('unreachable: no answer, a refused private address, 5xx or 429', () => {
    expect(checkProblemOf(error({ kind: 'transient', code: 'ENOTFOUND', path: '/oauth/token' }), context)).toEqual({
      code: 'unreachable',
      message: expect.stringContaining('could not reach https://login.mypurecloud.ie (ENOTFOUND)'),
    });
    expect(checkProblemOf(error({ kind: 'transient', code: 'SSRF_BLOCKED', path: '/api/v2/routing/queues' }), context).message).toMatch(/private or reserved address/);
    expect(checkProblemOf(error({ kind: 'transient', status: 503, path: '/api/v2/routing/queues' }), context).code).toBe('unreachable');
    expect(checkProblemOf(error({ kind: 'rate-limited', status: 429, path: '/oauth/token' }), context).code).toBe('unreachable');
    expect(checkProblemOf(new Error('boom'), context)).toEqual({ code: 'unreachable', message: expect.stringContaining('boom') });
  });
});
