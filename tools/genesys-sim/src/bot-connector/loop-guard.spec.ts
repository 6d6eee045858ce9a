import { LoopGuard } from './loop-guard';

const size = (value: string) => [{ name: 'Size', type: 'Integer', value }];

describe('LoopGuard', () => {
  it('trips on the 4th consecutive MoreData turn with the same intent and no slot change (> 3)', () => {
    const guard = new LoopGuard(3);
    expect([1, 2, 3].map(() => guard.observe('MoreData', 'OrderCookie', undefined))).toEqual([false, false, false]);
    expect(guard.observe('MoreData', 'OrderCookie', [])).toBe(true);
    expect(guard.consecutiveRepeats).toBe(4);
  });

  it('starts a new streak when a slot value changes, the intent changes or a turn has no intent', () => {
    const guard = new LoopGuard(3);
    guard.observe('MoreData', 'OrderCookie', size('1'));
    guard.observe('MoreData', 'OrderCookie', size('1'));
    guard.observe('MoreData', 'OrderCookie', size('1'));
    expect(guard.observe('MoreData', 'OrderCookie', size('2'))).toBe(false);
    expect(guard.consecutiveRepeats).toBe(1);
    guard.observe('MoreData', 'OrderCookie', size('2'));
    guard.observe('MoreData', 'OrderCookie', size('2'));
    expect(guard.observe('MoreData', 'Escalate', size('2'))).toBe(false);
    guard.observe('MoreData', 'Escalate', size('2'));
    guard.observe('MoreData', undefined, size('2'));
    expect(guard.consecutiveRepeats).toBe(0);
    expect([1, 2, 3].map(() => guard.observe('MoreData', 'Escalate', size('2')))).toEqual([false, false, false]);
  });

  it('ignores slot order and only counts MoreData turns', () => {
    const guard = new LoopGuard(1);
    const a = { name: 'A', type: 'String', value: 'x' };
    const b = { name: 'B', type: 'StringCollection', values: ['y'] };
    expect(guard.observe('MoreData', 'I', [a, b])).toBe(false);
    expect(guard.observe('MoreData', 'I', [b, a])).toBe(true);
    const fresh = new LoopGuard(1);
    fresh.observe('MoreData', 'I', undefined);
    expect(fresh.observe('Complete', 'I', undefined)).toBe(false);
  });
});
