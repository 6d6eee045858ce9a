import { LoopGuardSettings } from '../connectors/connector-settings';
import { guardIntent, type IntentStreak } from './loop-guard';

const settings = Object.assign(new LoopGuardSettings(), { enabled: true, maxRepeats: 3, alternateSuffix: '_alt' });
const start: IntentStreak = { lastIntent: null, intentStreak: 0, lastSlots: null };

function run(turns: { intent: string; slots?: Record<string, string> }[], guard = settings): string[] {
  let state = start;
  return turns.map(({ intent, slots = {} }) => {
    const result = guardIntent(intent, slots, state, guard);
    state = result.streak;
    return result.intent;
  });
}

describe('loop guard', () => {
  it('never returns one name more than maxRepeats times in a row for a repeating intent', () => {
    const names = run(Array.from({ length: 8 }, () => ({ intent: 'Billing' })));
    expect(names).toEqual(['Billing', 'Billing', 'Billing', 'Billing_alt', 'Billing_alt', 'Billing_alt', 'Billing', 'Billing']);
  });

  it('starts over when the slots change or another intent comes', () => {
    expect(run([{ intent: 'Order' }, { intent: 'Order' }, { intent: 'Order' }, { intent: 'Order', slots: { size: '12' } }])).toEqual(['Order', 'Order', 'Order', 'Order']);
    expect(run([{ intent: 'A' }, { intent: 'A' }, { intent: 'A' }, { intent: 'B' }, { intent: 'A' }])).toEqual(['A', 'A', 'A', 'B', 'A']);
  });

  it('treats slot order as irrelevant and can be switched off', () => {
    expect(run([1, 2, 3, 4].map(() => ({ intent: 'X', slots: { a: '1', b: '2' } })))[3]).toBe('X_alt');
    expect(run([{ intent: 'X', slots: { a: '1', b: '2' } }, { intent: 'X', slots: { b: '2', a: '1' } }, { intent: 'X' }])).toEqual(['X', 'X', 'X']);
    expect(run([1, 2, 3, 4, 5].map(() => ({ intent: 'X' })), Object.assign(new LoopGuardSettings(), { enabled: false }))).toEqual(['X', 'X', 'X', 'X', 'X']);
  });
});
