import { applyOptionOverrides, defaultSimOptions, resolveSimOptions } from './sim-options';

describe('resolveSimOptions', () => {
  it('returns the documented Genesys defaults', () => {
    const options = resolveSimOptions();
    expect(options.rateLimit).toEqual({ limit: 300, windowMs: 60_000 });
    expect(options.tokenLifetimeSeconds).toBe(86_400);
    expect(options.webhook).toMatchObject({ timeoutMs: 10_000, retryIntervalMs: 5_000, maxRetries: 5, ordering: 'per-conversation' });
    expect(options.maxPageSize).toBe(500);
    expect(options.attributePatchMode).toBe('merge');
    expect(options.botConnector).toEqual({ turnTimeoutMs: 10_000, retryOnTimeout: false, acceptLowercaseReplyMessages: false, loopGuard: true, loopGuardMaxRepeats: 3 });
    expect(options.digitalBotConnector).toEqual({ botResponseTimeoutMs: 30_000, requestTimeoutMs: 10_000, lateReplies: 'reject', maxIntegrations: 5 });
    expect(options.faults.inboundAcceptThenError).toEqual({ next: 0, probability: 0, status: 500 });
  });

  it('deep-merges nested overrides and replaces arrays and nulls', () => {
    const options = resolveSimOptions({ webhook: { retryIntervalMs: 20 }, maxPageSize: null, queues: [{ name: 'Support' }] });
    expect(options.webhook.retryIntervalMs).toBe(20);
    expect(options.webhook.timeoutMs).toBe(10_000);
    expect(options.maxPageSize).toBeNull();
    expect(options.queues).toEqual([{ name: 'Support' }]);
  });

  it('does not share nested objects between instances', () => {
    const a = resolveSimOptions();
    a.faults.apiError.next = 3;
    expect(resolveSimOptions().faults.apiError.next).toBe(0);
  });
});

describe('applyOptionOverrides', () => {
  it('patches live options in place, keeping nested object identity', () => {
    const options = defaultSimOptions();
    const faults = options.faults;
    applyOptionOverrides(options, { faults: { apiError: { next: 2, status: 500 } }, duplicateInboundMessages: 'reject' });
    expect(options.faults).toBe(faults);
    expect(faults.apiError).toEqual({ next: 2, probability: 0, status: 500 });
    expect(options.duplicateInboundMessages).toBe('reject');
  });
});
