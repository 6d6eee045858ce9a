import { inspect } from 'node:util';
import {
  classifyHttpStatus,
  GenesysApiError,
  genesysErrorFromNetworkFailure,
  genesysErrorFromResponse,
  isGenesysApiError,
} from './genesys-api.error';
import { DEFAULT_RATE_LIMITED_RETRY_AFTER_MS } from './retry-after';

const fromResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  genesysErrorFromResponse({
    method: 'POST',
    path: '/api/v2/conversations/messages/i-1/inbound/open/message',
    status,
    headers,
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    secrets: ['the-bearer-token-value'],
  });

describe('Genesys error classification', () => {
  it.each([
    [400, 'permanent', false],
    [401, 'auth', false],
    [403, 'permanent', false],
    [404, 'permanent', false],
    [408, 'transient', true],
    [409, 'permanent', false],
    [429, 'rate-limited', true],
    [500, 'transient', true],
    [502, 'transient', true],
    [503, 'transient', true],
    [504, 'transient', true],
  ] as const)('%i → %s (retryable %s)', (status, kind, retryable) => {
    expect(classifyHttpStatus(status)).toBe(kind);
    const error = fromResponse(status, { code: 'some.code', message: 'Some message' });
    expect(error).toBeInstanceOf(GenesysApiError);
    expect(isGenesysApiError(error)).toBe(true);
    expect(error).toMatchObject({ status, kind, retryable, code: 'some.code' });
  });

  it("reads Genesys' normalised 429: code, Retry-After and correlation id", () => {
    const error = fromResponse(
      429,
      {
        message: 'Rate limit exceeded the maximum. Retry the request in [9] seconds',
        code: 'too.many.requests.retry.after',
        status: 429,
        contextId: 'ctx',
        details: [],
        errors: [],
      },
      { 'retry-after': '4', 'inin-correlation-id': 'corr-429' },
    );
    expect(error).toMatchObject({
      kind: 'rate-limited',
      retryable: true,
      retryAfterMs: 4000,
      code: 'too.many.requests.retry.after',
      correlationId: 'corr-429',
    });
    expect(error.message).toContain('Retry the request in [9] seconds');
  });

  it('uses the body message when the 429 has no Retry-After header, and a default when neither helps', () => {
    expect(fromResponse(429, { message: 'Retry the request in [3] seconds' }).retryAfterMs).toBe(3000);
    expect(fromResponse(429, 'Too Many Requests').retryAfterMs).toBe(DEFAULT_RATE_LIMITED_RETRY_AFTER_MS);
  });

  it('keeps Retry-After on a 503 and leaves it out for permanent errors', () => {
    expect(fromResponse(503, '', { 'retry-after': '2' }).retryAfterMs).toBe(2000);
    expect(fromResponse(400, { code: 'bad.request', message: 'x' }).retryAfterMs).toBeUndefined();
  });

  it('summarises a non-JSON body and truncates long messages', () => {
    const error = fromResponse(502, `<html><body>Bad gateway${'!'.repeat(1000)}</body></html>`);
    expect(error.code).toBeUndefined();
    expect(error.message).toMatch(/^Genesys POST \/api\/v2\/conversations\/messages\/i-1\/inbound\/open\/message failed \(transient\): 502 <html>/);
    expect(error.message.length).toBeLessThan(500);
  });

  it('redacts the given secrets from message and code, also in JSON and inspect output', () => {
    const error = fromResponse(400, { code: 'echo the-bearer-token-value', message: 'you sent Bearer the-bearer-token-value' });
    for (const text of [error.message, String(error.code), JSON.stringify(error), inspect(error)]) {
      expect(text).not.toContain('the-bearer-token-value');
    }
    expect(error.message).toContain('Bearer [redacted]');
  });

  it('serialises to the documented fields', () => {
    const error = fromResponse(404, { code: 'not.found', message: 'gone' }, { 'inin-correlation-id': 'c-1' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'GenesysApiError',
      kind: 'permanent',
      status: 404,
      code: 'not.found',
      message: expect.stringContaining('404 not.found gone'),
      correlationId: 'c-1',
      retryable: false,
      method: 'POST',
      path: '/api/v2/conversations/messages/i-1/inbound/open/message',
    });
  });

  it('treats network failures and timeouts as transient without a status', () => {
    const refused = genesysErrorFromNetworkFailure('GET', '/x', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(refused).toMatchObject({ kind: 'transient', retryable: true, status: undefined, code: 'ECONNREFUSED' });
    const timeout = genesysErrorFromNetworkFailure('GET', '/x', new Error('aborted'), 250);
    expect(timeout).toMatchObject({ kind: 'transient', retryable: true, status: undefined, code: 'ETIMEDOUT' });
    expect(timeout.message).toContain('250 ms');
  });
});
