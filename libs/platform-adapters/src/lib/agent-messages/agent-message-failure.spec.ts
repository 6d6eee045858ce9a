import { BotPlatformError, type BotPlatformErrorKind } from '../bot-platform.error';
import { SSRF_BLOCKED } from '../ssrf-guard';
import { classifyAgentMessageFailure } from './agent-message-failure';

const platformError = (kind: BotPlatformErrorKind, status?: number, code?: string) =>
  new BotPlatformError({ platform: 'generic', kind, status, code, message: `generic agent-message callback POST bot.example failed (${kind} ${status ?? ''})` });

describe('classifyAgentMessageFailure', () => {
  it.each([
    ['a timeout', platformError('timeout', undefined, 'ABORTED')],
    ['no answer', platformError('unreachable', undefined, 'ECONNREFUSED')],
    ['408', platformError('http', 408)],
    ['429', platformError('http', 429)],
    ['500', platformError('http', 500)],
    ['503', platformError('http', 503)],
    ['an unknown error', new Error('database is locked')],
  ])('retries after %s', (_case, error) => {
    expect(classifyAgentMessageFailure(error)).toMatchObject({ transient: true, reason: 'GeneralError' });
  });

  it.each([
    ['400', platformError('http', 400), 'GeneralError'],
    ['409', platformError('http', 409), 'GeneralError'],
    ['an unfollowed redirect', platformError('http', 302), 'GeneralError'],
    ['401', platformError('auth', 401), 'GeneralError'],
    ['an oversized answer', platformError('invalid-response'), 'GeneralError'],
    ['404', platformError('http', 404), 'InvalidDestination'],
    ['410', platformError('http', 410), 'InvalidDestination'],
    ['the SSRF guard', platformError('unreachable', undefined, SSRF_BLOCKED), 'InvalidDestination'],
    ['a bad destination configuration', new TypeError('GenericCallbackSender: callbackUrl is not an absolute URL'), 'InvalidDestination'],
  ])('gives up after %s', (_case, error, reason) => {
    expect(classifyAgentMessageFailure(error)).toMatchObject({ transient: false, reason });
  });

  it('keeps the message short', () => {
    const failure = classifyAgentMessageFailure(new Error('x'.repeat(1_000)));
    expect(failure.message.length).toBeLessThanOrEqual(301);
    expect(classifyAgentMessageFailure(platformError('http', 400)).message).toContain('bot.example');
  });
});
