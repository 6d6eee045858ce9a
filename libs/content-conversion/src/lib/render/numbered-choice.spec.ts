import { applyNumberedChoice, type NumberedChoice, resolveNumberedChoice } from './numbered-choice';

const options: NumberedChoice[] = [
  { number: 1, title: 'Yes', payload: 'YES' },
  { number: 2, title: 'No', payload: 'NO' },
  { number: 12, title: 'Größe L', payload: 'SIZE_L' },
];

describe('resolveNumberedChoice', () => {
  it.each([
    ['1', 'YES'],
    [' 2 ', 'NO'],
    ['2.', 'NO'],
    ['2)', 'NO'],
    ['#1', 'YES'],
    ['１２', 'SIZE_L'],
  ])('maps the typed number %j to its payload', (typed, payload) => {
    expect(resolveNumberedChoice(typed, options)).toBe(payload);
  });

  it('maps a typed title, ignoring case and surrounding blanks', () => {
    expect(resolveNumberedChoice('  yes ', options)).toBe('YES');
    expect(resolveNumberedChoice('GRÖSSE L', options)).toBeUndefined();
    expect(resolveNumberedChoice('größe l', options)).toBe('SIZE_L');
  });

  it('returns undefined for numbers not offered, free text, blanks and an empty list', () => {
    expect(resolveNumberedChoice('3', options)).toBeUndefined();
    expect(resolveNumberedChoice('0', options)).toBeUndefined();
    expect(resolveNumberedChoice('1 please', options)).toBeUndefined();
    expect(resolveNumberedChoice('   ', options)).toBeUndefined();
    expect(resolveNumberedChoice('1', [])).toBeUndefined();
  });
});

describe('applyNumberedChoice', () => {
  it('turns a typed pick into the postback a click would have sent', () => {
    expect(applyNumberedChoice({ kind: 'text', text: '2' }, options)).toEqual({
      kind: 'postback',
      text: 'No',
      payload: 'NO',
      buttonType: 'QuickReply',
    });
  });

  it('leaves other text and real clicks unchanged', () => {
    const text = { kind: 'text' as const, text: 'maybe' };
    const click = { kind: 'postback' as const, text: 'Yes', payload: 'X', buttonType: 'Button' as const };
    expect(applyNumberedChoice(text, options)).toBe(text);
    expect(applyNumberedChoice(click, options)).toBe(click);
  });
});
