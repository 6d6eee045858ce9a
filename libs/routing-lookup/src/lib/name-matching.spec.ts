import { MAX_ROUTING_NAME_LENGTH, NameMatcher, normalizeRoutingName, routingNameProblem } from './name-matching';

const entity = (id: string, name: string) => ({ id, name });

describe('normalizeRoutingName', () => {
  it('trims leading and trailing whitespace and keeps inner whitespace and case', () => {
    expect(normalizeRoutingName('  Billing EU \t\n')).toBe('Billing EU');
    expect(normalizeRoutingName('Billing  EU')).toBe('Billing  EU');
    expect(normalizeRoutingName('billing')).toBe('billing');
  });

  it('composes Unicode (NFC) so one accented name typed two ways is one name', () => {
    expect(normalizeRoutingName('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('refuses blank and overlong names', () => {
    expect(routingNameProblem('')).toMatch(/blank/);
    expect(routingNameProblem('x'.repeat(MAX_ROUTING_NAME_LENGTH + 1))).toMatch(/at most/);
    expect(routingNameProblem('Billing')).toBeNull();
  });
});

describe('NameMatcher', () => {
  it('takes an exact (case-sensitive) match at once', () => {
    const matcher = new NameMatcher('Billing');
    expect(matcher.offer([entity('a', 'BILLING'), entity('b', 'Billing')])).toBe(true);
    expect(matcher.result()).toEqual({ found: true, id: 'b', name: 'Billing', matchedBy: 'exact' });
  });

  it('compares Genesys names trimmed too', () => {
    const matcher = new NameMatcher('Billing');
    matcher.offer([entity('a', ' Billing ')]);
    expect(matcher.result()).toEqual({ found: true, id: 'a', name: ' Billing ', matchedBy: 'exact' });
  });

  it('falls back to a case-insensitive match when exactly one candidate exists, across pages', () => {
    const matcher = new NameMatcher('billing');
    expect(matcher.offer([entity('a', 'Billing Expert')])).toBe(false);
    expect(matcher.offer([entity('b', 'BILLING')])).toBe(false);
    expect(matcher.result()).toEqual({ found: true, id: 'b', name: 'BILLING', matchedBy: 'case-insensitive' });
  });

  it('is not found (ambiguous) when several entities match ignoring case and none exactly', () => {
    const matcher = new NameMatcher('support');
    matcher.offer([entity('a', 'Support'), entity('b', 'SUPPORT')]);
    expect(matcher.result()).toEqual({ found: false, ambiguous: true });
  });

  it('counts one entity seen on two pages once', () => {
    const matcher = new NameMatcher('support');
    matcher.offer([entity('a', 'Support')]);
    matcher.offer([entity('a', 'Support')]);
    expect(matcher.result()).toMatchObject({ found: true, id: 'a', matchedBy: 'case-insensitive' });
  });

  it('ignores prefix matches and malformed entities', () => {
    const matcher = new NameMatcher('Bill');
    matcher.offer([entity('a', 'Billing'), { id: 'b' }, { name: 'Bill' }]);
    expect(matcher.result()).toEqual({ found: false });
  });
});
