import { evaluateEndJobId } from '@genesys-bridge/queue-contracts';
import { toJob } from './end-detection.service';
import type { EndSignal } from './end-signal';
import { debounceBucketMs, evaluationSchedule, followUpSchedule, isLifeSign } from './evaluation-schedule';

const T0 = Date.parse('2025-06-01T10:00:00.000Z');

describe('evaluationSchedule', () => {
  it('evaluates customer-end and backstop checks at once, one job per conversation and second', () => {
    expect(evaluationSchedule('customer-end', T0 + 120, 10_000)).toEqual({ delayMs: 0, window: `e${T0 / 1000}` });
    expect(evaluationSchedule('check', T0 + 999, 10_000)).toEqual({ delayMs: 0, window: `e${T0 / 1000}` });
    expect(evaluationSchedule('customer-end', T0 + 1_000, 10_000).window).toBe(`e${T0 / 1000 + 1}`);
  });

  it('waits at least the debounce (and less than debounce + bucket) for user-end and acw', () => {
    const bucket = debounceBucketMs(10_000);
    expect(bucket).toBe(2_500);
    for (const offset of [0, 1, 1_234, 2_499, 2_500, 7_777]) {
      const { delayMs } = evaluationSchedule('acw', T0 + offset, 10_000);
      expect(delayMs).toBeGreaterThanOrEqual(10_000);
      expect(delayMs).toBeLessThan(10_000 + bucket);
    }
  });

  it('groups a transfer burst (acw + user.end, the same event by two paths) into one evaluation', () => {
    const windows = [0, 40, 900, 2_400].map((offset) => evaluationSchedule(offset % 2 ? 'user-end' : 'acw', T0 + 1 + offset, 10_000).window);
    expect(new Set(windows).size).toBe(1);
    expect(evaluationSchedule('acw', T0 + 2_600, 10_000).window).not.toBe(windows[0]);
  });

  it('keeps the bucket between 1 and 5 s, and a debounce of 0 evaluates within a second', () => {
    expect(debounceBucketMs(0)).toBe(1_000);
    expect(debounceBucketMs(60_000)).toBe(5_000);
    expect(evaluationSchedule('user-end', T0 + 300, 0).delayMs).toBeLessThan(1_000);
  });

  it('only notes life signs (someone joined, queued again): no Genesys request', () => {
    expect(evaluationSchedule('user-start', T0, 10_000)).toEqual({ delayMs: 0, window: `n${T0 / 1000}` });
    expect(isLifeSign('acd-start')).toBe(true);
    expect(isLifeSign('acw')).toBe(false);
  });

  it('schedules a follow-up at the next whole second of its due time', () => {
    expect(followUpSchedule(T0 + 4_200, T0)).toEqual({ delayMs: 5_000, window: `f${T0 / 1000 + 5}` });
    expect(followUpSchedule(T0 - 10, T0).delayMs).toBe(0);
  });

  it('names jobs per conversation and window, BullMQ-safe', () => {
    const id = evaluateEndJobId('c1', 'urn:conv:1', 'e1');
    expect(id).not.toContain(':');
    expect(id).not.toBe(evaluateEndJobId('c1', 'urn:conv:2', 'e1'));
    expect(id).not.toBe(evaluateEndJobId('c1', 'urn:conv:1', 'e2'));
  });
});

describe('toJob', () => {
  const signal: EndSignal = {
    connectionId: 'c1',
    genesysConversationId: 'g1',
    path: 'trigger',
    kind: 'customer-end',
    eventTime: new Date(T0 - 2_000),
    detail: { disconnectType: 'peer', userId: undefined },
  };

  it('keeps ids, kind, path and the event time; drops empty detail fields', () => {
    expect(toJob(signal, T0)).toEqual({
      v: 1,
      connectionId: 'c1',
      genesysConversationId: 'g1',
      path: 'trigger',
      kind: 'customer-end',
      eventTime: new Date(T0 - 2_000).toISOString(),
      detail: { disconnectType: 'peer' },
    });
    expect(toJob({ ...signal, detail: {} }, T0)).not.toHaveProperty('detail');
  });

  it('takes the receive time for an event time far in the future or invalid', () => {
    expect(toJob({ ...signal, eventTime: new Date(T0 + 60_000) }, T0).eventTime).toBe(new Date(T0).toISOString());
    expect(toJob({ ...signal, eventTime: new Date(Number.NaN) }, T0).eventTime).toBe(new Date(T0).toISOString());
  });
});
