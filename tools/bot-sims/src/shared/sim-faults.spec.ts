import { faultBehaviour, faultStatus, takeFault, validateFaults, type SimFault } from './sim-faults';

type Call = 'a' | 'b';

describe('simulator faults', () => {
  it('takes the first matching fault in order, counts times down in place and drops used-up faults', () => {
    const faults: SimFault<Call>[] = [{ call: 'b', status: 503 }, { call: 'a', status: 500, times: 2 }, { call: '*', status: 502 }];
    expect(takeFault(faults, 'a')).toMatchObject({ call: 'a', status: 500 });
    expect(faults[1].times).toBe(1);
    expect(takeFault(faults, 'a')).toMatchObject({ status: 500 });
    expect(faults.map((fault) => fault.status)).toEqual([503, 502]);
    expect(takeFault(faults, 'a')).toMatchObject({ call: '*', status: 502 });
    expect(takeFault(faults, 'a')).toBeUndefined();
    expect(takeFault(faults, 'b')).toMatchObject({ status: 503 });
    expect(faults).toEqual([]);
  });

  it('answers 500 by default, nothing for hangs, dropped connections and delay-only slow successes', () => {
    expect(faultStatus({ call: 'a' })).toBe(500);
    expect(faultStatus({ call: 'a', acceptThenError: true })).toBe(500);
    expect(faultStatus({ call: 'a', status: 429 })).toBe(429);
    expect(faultStatus({ call: 'a', hang: true })).toBeUndefined();
    expect(faultStatus({ call: 'a', closeConnection: true })).toBeUndefined();
    expect(faultStatus({ call: 'a', delayMs: 100 })).toBeUndefined();
    expect(faultBehaviour({ call: 'a', delayMs: 100, status: 503, body: { x: 1 } })).toEqual({ delayMs: 100, status: 503, body: { x: 1 }, hang: undefined, closeConnection: undefined });
  });

  it.each([
    ['not an array', {}, 'must be an array'],
    ['an unknown call', [{ call: 'c' }], 'call must be one of a, b, *'],
    ['a bad status', [{ call: 'a', status: 42 }], 'status must be an HTTP status'],
    ['zero times', [{ call: 'a', times: 0 }], 'times must be a positive integer'],
    ['a negative delay', [{ call: '*', delayMs: -1 }], 'delayMs'],
    ['a non-boolean flag', [{ call: 'a', hang: 'yes' }], 'hang must be a boolean'],
  ])('refuses %s', (_case, value, message) => {
    expect(() => validateFaults(value, ['a', 'b'], 'faults')).toThrow(message);
  });
});
