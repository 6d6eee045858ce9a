import { interpolate, matchRule, scriptToJson, ScriptError, turnVariables, validateScript, type ScriptRule } from './script';

type Rule = ScriptRule<string>;

describe('script matching', () => {
  const script: Rule[] = [
    { name: 'welcome', match: { event: 'ON_CONNECT' } },
    { name: 'any event', match: { event: '*' } },
    { name: 'menu', match: [{ text: 'menu' }, { text: 'options' }] },
    { name: 'order', match: { regex: '^order (\\d+)( now)?$', flags: 'i' } },
    { name: 'exact postback', match: { postback: 'PB_EXACT' } },
    { name: 'postback prefix', match: { postback: 'pb:*' } },
    { name: 'data', match: { dataOnly: true } },
    { name: 'fallback', match: { any: true } },
  ];
  const rule = (input: Parameters<typeof matchRule>[1]) => matchRule(script, input)?.name;

  it('matches text case-insensitively and trimmed, with several matchers per rule', () => {
    expect(rule({ text: '  MENU ' })).toBe('menu');
    expect(rule({ text: 'Options' })).toBe('menu');
    expect(rule({ text: 'menus' })).toBe('fallback');
  });

  it('matches regexes and exposes the groups (missing groups as empty strings)', () => {
    const match = matchRule(script, { text: 'ORDER 42' });
    expect(match?.name).toBe('order');
    expect(match?.groups).toEqual(['ORDER 42', '42', '']);
    expect(matchRule([{ match: { regex: /b+/g } }] as Rule[], { text: 'abbc' })?.groups).toEqual(['bb']);
  });

  it('matches postbacks exactly (case-sensitive) or by prefix with a trailing *', () => {
    expect(rule({ text: 'PB_EXACT' })).toBe('exact postback');
    expect(rule({ text: 'pb_exact' })).toBe('fallback');
    expect(rule({ text: 'pb:order-7' })).toBe('postback prefix');
  });

  it('keeps events apart: only event matchers see them, and "any" skips them', () => {
    expect(rule({ text: 'ON_CONNECT', event: 'ON_CONNECT' })).toBe('welcome');
    expect(rule({ text: 'OTHER', event: 'OTHER' })).toBe('any event');
    expect(matchRule([{ match: { any: true } }] as Rule[], { text: 'X', event: 'X' })).toBeUndefined();
    expect(rule({ text: 'ON_CONNECT' })).toBe('fallback');
  });

  it('matches data-only input', () => {
    expect(rule({ text: 'DATA_ONLY_MESSAGE_x', dataOnly: true, data: {} })).toBe('data');
  });

  it('names unnamed rules by index and returns undefined when nothing matches', () => {
    expect(matchRule([{ match: { text: 'a' } }, { match: { text: 'b' } }] as Rule[], { text: 'b' })?.name).toBe('#1');
    expect(matchRule([{ match: { text: 'a' } }] as Rule[], { text: 'b' })).toBeUndefined();
  });
});

describe('script validation', () => {
  it.each([
    [{}, 'array'],
    [[null], 'script[0] must be an object'],
    [[{ match: [] }], 'must not be empty'],
    [[{ match: { foo: 1 } }], 'script[0].match[0] needs one of'],
    [[{ match: { regex: '[' } }], 'script[0].match[0].regex is invalid'],
    [[{ match: { any: true }, outputs: 'x' }], 'outputs must be an array'],
    [[{ match: { any: true }, delayMs: -1 }], 'delayMs'],
    [[{ match: { any: true }, status: 99 }], 'status must be an HTTP status'],
  ])('refuses %j', (script, message) => {
    expect(() => validateScript(script)).toThrow(ScriptError);
    expect(() => validateScript(script)).toThrow(message);
  });

  it('accepts RegExp objects and every matcher kind', () => {
    expect(() =>
      validateScript([
        { match: [{ any: true }, { text: 'a' }, { regex: /a/ }, { regex: 'a', flags: 'i' }, { postback: 'p' }, { event: 'E' }, { dataOnly: true }] },
      ]),
    ).not.toThrow();
  });
});

describe('interpolation', () => {
  it('replaces placeholders in nested strings without touching the source', () => {
    const source = { text: 'You said {{input}}', nested: [{ payload: 'x-{{1}}-{{unknown}}' }], count: 3 };
    const variables = turnVariables({ text: 'order 5', data: { a: 1 } }, ['order 5', '5'], { userId: 'u' });
    expect(interpolate(source, variables)).toEqual({ text: 'You said order 5', nested: [{ payload: 'x-5-{{unknown}}' }], count: 3 });
    expect(source.text).toBe('You said {{input}}');
    expect(interpolate('{{data}} {{userId}}', variables)).toBe('{"a":1} u');
  });

  it('serialises RegExp matchers for the control API', () => {
    expect(scriptToJson([{ match: [{ regex: /x/gi }, { text: 'y' }] }])).toEqual([{ match: [{ regex: 'x', flags: 'gi' }, { text: 'y' }] }]);
  });
});
