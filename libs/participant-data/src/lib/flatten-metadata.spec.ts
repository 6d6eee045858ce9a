import { flattenMetadata } from './flatten-metadata';

describe('flattenMetadata: shapes', () => {
  it('joins nested keys with dots and indexes arrays with [i]', () => {
    const { attributes, warnings } = flattenMetadata({
      customer: { tier: 'gold', address: { city: 'Berlin' } },
      orders: [{ id: 'A1' }, { id: 'A2', items: ['x', 'y'] }],
      matrix: [[1, 2], [3]],
    });
    expect(attributes).toEqual({
      'customer.tier': 'gold',
      'customer.address.city': 'Berlin',
      'orders[0].id': 'A1',
      'orders[1].id': 'A2',
      'orders[1].items[0]': 'x',
      'orders[1].items[1]': 'y',
      'matrix[0][0]': '1',
      'matrix[0][1]': '2',
      'matrix[1][0]': '3',
    });
    expect(warnings).toEqual([]);
  });

  it('stringifies numbers, booleans, bigints and dates; keeps ""; omits null, undefined, empty containers and functions', () => {
    const { attributes, warnings } = flattenMetadata({
      count: 42,
      ratio: 0.5,
      negative: -3,
      vip: true,
      optedOut: false,
      big: BigInt('9007199254740993'),
      at: new Date('2025-05-11T06:27:06.764Z'),
      empty: '',
      nothing: null,
      missing: undefined,
      emptyObject: {},
      emptyArray: [],
      callback: () => 1,
    });
    expect(attributes).toEqual({
      count: '42',
      ratio: '0.5',
      negative: '-3',
      vip: 'true',
      optedOut: 'false',
      big: '9007199254740993',
      at: '2025-05-11T06:27:06.764Z',
      empty: '',
    });
    expect(warnings).toEqual([]);
  });

  it('warns about and omits non-finite numbers', () => {
    const { attributes, warnings } = flattenMetadata({ a: Number.NaN, b: 1 });
    expect(attributes).toEqual({ b: '1' });
    expect(warnings).toEqual(['value of "a" is not a finite number; omitted']);
  });

  it('accepts a JSON string of an object, as Kore passes GenesysMetaData', () => {
    const meta = JSON.stringify({ EmployeeID: 'E-17', Department: 'Sales', QueueName: 'Sales EN' });
    expect(flattenMetadata(meta).attributes).toEqual({ QueueName: 'Sales EN', Department: 'Sales', EmployeeID: 'E-17' });
  });

  it('ignores nothing-values silently and non-objects with a warning', () => {
    expect(flattenMetadata(null)).toEqual({ attributes: {}, warnings: [] });
    expect(flattenMetadata(undefined)).toEqual({ attributes: {}, warnings: [] });
    expect(flattenMetadata('')).toEqual({ attributes: {}, warnings: [] });
    expect(flattenMetadata('not json')).toEqual({ attributes: {}, warnings: ['metadata is a string but not JSON; ignored'] });
    expect(flattenMetadata('[1,2]').warnings).toEqual(['metadata must be a JSON object, got an array; ignored']);
    expect(flattenMetadata(7).warnings).toEqual(['metadata must be a JSON object, got number; ignored']);
  });

  it('flattens deep nesting into one long dotted key', () => {
    let deep: Record<string, unknown> = { leaf: 'bottom' };
    for (let level = 19; level >= 0; level--) deep = { [`l${level}`]: deep };
    const key = `${Array.from({ length: 20 }, (_, level) => `l${level}`).join('.')}.leaf`;
    expect(flattenMetadata(deep).attributes).toEqual({ [key]: 'bottom' });
  });

  it('keeps unicode keys and values intact', () => {
    expect(flattenMetadata({ kunde: { größe: 'XL' }, 名前: '山田', emoji: '👍🏽' }).attributes).toEqual({
      emoji: '👍🏽',
      名前: '山田',
      'kunde.größe': 'XL',
    });
  });

  it('omits circular references and empty names with a warning', () => {
    const looped: Record<string, unknown> = { name: 'x' };
    looped['self'] = looped;
    expect(flattenMetadata(looped)).toEqual({ attributes: { name: 'x' }, warnings: ['circular reference at "self"; omitted'] });
    expect(flattenMetadata({ '': 'nameless', ok: '1' })).toEqual({
      attributes: { ok: '1' },
      warnings: ['an attribute with an empty name was omitted'],
    });
  });
});

describe('flattenMetadata: key collisions', () => {
  it('keeps the literal dotted key over the nested path, whatever the key order', () => {
    const warning = 'key collision on "a.b": kept path ["a.b"], dropped path ["a","b"]';
    expect(flattenMetadata({ 'a.b': 1, a: { b: 2 } })).toEqual({ attributes: { 'a.b': '1' }, warnings: [warning] });
    expect(flattenMetadata({ a: { b: 2 }, 'a.b': 1 })).toEqual({ attributes: { 'a.b': '1' }, warnings: [warning] });
  });

  it('breaks ties between equally deep paths by segment order', () => {
    const { attributes, warnings } = flattenMetadata({ a: { 'b.c': 'first' }, 'a.b': { c: 'second' } });
    // ["a", "b.c"] sorts before ["a.b", "c"]: "a" is a prefix of "a.b".
    expect(attributes).toEqual({ 'a.b.c': 'first' });
    expect(warnings).toEqual(['key collision on "a.b.c": kept path ["a","b.c"], dropped path ["a.b","c"]']);
    expect(flattenMetadata({ 'a.b': { c: 'second' }, a: { 'b.c': 'first' } }).attributes).toEqual({ 'a.b.c': 'first' });
  });

  it('does not confuse an array index with an object key named like it', () => {
    expect(flattenMetadata({ list: ['x'], 'list.0': 'y' }).attributes).toEqual({ 'list.0': 'y', 'list[0]': 'x' });
  });
});

describe('flattenMetadata: limits', () => {
  it('cuts values over 256 characters, surrogate-safe, and names the key', () => {
    const long = `${'a'.repeat(255)}😀tail`;
    const { attributes, warnings } = flattenMetadata({ note: long, short: 'b'.repeat(256) });
    expect(attributes['note']).toBe('a'.repeat(255));
    expect(attributes['short']).toBe('b'.repeat(256));
    expect(warnings).toEqual(['value of "note" cut from 261 to 255 characters (maxValueLength=256)']);
  });

  it('keeps 50 attributes: reserved routing keys first, then shallower keys, then by name; lists the dropped ones', () => {
    const metadata: Record<string, unknown> = { nested: { z: 'deep' }, Priority: 5, QueueName: 'Support' };
    for (let i = 0; i < 60; i++) metadata[`k${String(i).padStart(2, '0')}`] = i;
    const { attributes, warnings } = flattenMetadata(metadata);
    const keys = Object.keys(attributes);
    expect(keys).toHaveLength(50);
    expect(keys.slice(0, 3)).toEqual(['QueueName', 'Priority', 'k00']);
    expect(keys.at(-1)).toBe('k47');
    const dropped = [...Array.from({ length: 12 }, (_, i) => `"k${48 + i}"`), '"nested.z"'];
    expect(warnings).toEqual([`dropped 13 attribute(s) beyond maxAttributes=50: ${dropped.join(', ')}`]);
  });

  it('gives the same result for the same data in any key order', () => {
    const entries = Array.from({ length: 70 }, (_, i) => [`key${i}`, { v: i }] as const);
    const forward = flattenMetadata(Object.fromEntries(entries));
    const backward = flattenMetadata(Object.fromEntries([...entries].reverse()));
    expect(backward).toEqual(forward);
    expect(Object.keys(backward.attributes)).toEqual(Object.keys(forward.attributes));
  });

  it('takes configured limits and rejects impossible ones', () => {
    const { attributes, warnings } = flattenMetadata({ a: 'xyz', b: '1', c: '2', d: '3', e: '4' }, { maxAttributes: 4, maxValueLength: 2 });
    expect(attributes).toEqual({ a: 'xy', b: '1', c: '2', d: '3' });
    expect(warnings).toEqual([
      'dropped 1 attribute(s) beyond maxAttributes=4: "e"',
      'value of "a" cut from 3 to 2 characters (maxValueLength=2)',
    ]);
    expect(() => flattenMetadata({}, { maxAttributes: 3 })).toThrow(RangeError);
    expect(() => flattenMetadata({}, { maxValueLength: 0 })).toThrow(RangeError);
    expect(() => flattenMetadata({}, { maxTotalBytes: 1.5 })).toThrow(RangeError);
  });

  it('drops the last non-reserved attributes to fit an optional byte budget', () => {
    const { attributes, warnings } = flattenMetadata(
      { QueueName: 'Q', a: '€€', b: 'bb', c: 'cc' }, // bytes: QueueName+Q=10, a+€€=7, b+bb=3, c+cc=3
      { maxTotalBytes: 17 },
    );
    expect(attributes).toEqual({ QueueName: 'Q', a: '€€' });
    expect(warnings).toEqual(['dropped 2 attribute(s) beyond maxTotalBytes=17: "b", "c"']);
  });
});
