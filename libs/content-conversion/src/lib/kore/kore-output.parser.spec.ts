import { parseKoreMessages } from './kore-output.parser';

describe('parseKoreMessages', () => {
  it('returns nothing for a non-array and skips items without a usable val', () => {
    expect(parseKoreMessages({ data: [] })).toEqual([]);
    expect(parseKoreMessages([null, { type: 'text' }, { type: 'text', val: 42 }, { type: 'text', val: '  ' }])).toEqual([]);
  });

  it('keeps a string that only looks like JSON as text', () => {
    expect(parseKoreMessages([{ type: 'text', val: '{not json' }])).toEqual([{ kind: 'text', text: '{not json' }]);
  });

  it('reads the v1 `text` field when `val` is absent', () => {
    expect(parseKoreMessages([{ text: 'legacy' }])).toEqual([{ kind: 'text', text: 'legacy' }]);
  });

  it('marks unknown message types as unsupported, with payload text as fallback', () => {
    expect(parseKoreMessages([{ type: 'text', val: { type: 'form', payload: { text: 'Fill in the form' } } }])).toEqual([
      { kind: 'unsupported', source: 'kore:form', fallbackText: 'Fill in the form' },
    ]);
    expect(parseKoreMessages([{ type: 'text', val: { foo: 1 } }])).toEqual([{ kind: 'unsupported', source: 'kore:object' }]);
  });

  it('reads error messages as text and media without a URL as their text', () => {
    expect(parseKoreMessages([{ val: { type: 'error', payload: { color: 'red', text: 'Something went wrong' } } }])).toEqual([
      { kind: 'text', text: 'Something went wrong' },
    ]);
    expect(parseKoreMessages([{ val: { type: 'image', payload: { text: 'missing image' } } }])).toEqual([
      { kind: 'text', text: 'missing image' },
    ]);
  });
});
