import { applyOptionOverrides, assertOneOf, resolveOptions } from './sim-options';

describe('option merging', () => {
  const defaults = () => ({ a: 1, nested: { b: 2, c: 3 }, list: [1, 2], pattern: /x/, nullable: 5 as number | null });

  it('deep-merges objects, replaces arrays, RegExps and null, ignores undefined', () => {
    const pattern = /y/;
    const resolved = resolveOptions(defaults(), { nested: { c: 30 }, list: [9], pattern, nullable: null, a: undefined });
    expect(resolved).toEqual({ a: 1, nested: { b: 2, c: 30 }, list: [9], pattern, nullable: null });
  });

  it('patches live options in place, keeping nested identities', () => {
    const live = defaults();
    const nested = live.nested;
    applyOptionOverrides(live, { nested: { b: 20 } });
    expect(live.nested).toBe(nested);
    expect(nested.b).toBe(20);
  });

  it('checks enumerations', () => {
    expect(() => assertOneOf('x', ['a', 'b'], 'mode')).toThrow('mode must be one of a, b');
    expect(() => assertOneOf('a', ['a', 'b'], 'mode')).not.toThrow();
  });
});
