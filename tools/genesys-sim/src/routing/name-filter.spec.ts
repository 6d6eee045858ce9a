import { matchesNamePrefix, matchesWildcardName } from './name-filter';

const insensitive = { caseSensitive: false };
const sensitive = { caseSensitive: true };

describe('matchesWildcardName', () => {
  it('is an exact match without asterisks', () => {
    expect(matchesWildcardName('Support', 'Support', sensitive)).toBe(true);
    expect(matchesWildcardName('Support EN', 'Support', sensitive)).toBe(false);
  });

  it('treats a trailing asterisk as starts-with', () => {
    expect(matchesWildcardName('Support EN', 'Support*', sensitive)).toBe(true);
    expect(matchesWildcardName('Tier Support', 'Support*', sensitive)).toBe(false);
  });

  it('treats a leading asterisk as ends-with', () => {
    expect(matchesWildcardName('Tier Support', '*Support', sensitive)).toBe(true);
    expect(matchesWildcardName('Support EN', '*Support', sensitive)).toBe(false);
  });

  it('treats asterisks on both sides as contains, and a lone asterisk as everything', () => {
    expect(matchesWildcardName('Tier Support EN', '*Support*', sensitive)).toBe(true);
    expect(matchesWildcardName('Sales', '*Support*', sensitive)).toBe(false);
    expect(matchesWildcardName('Sales', '*', sensitive)).toBe(true);
  });

  it('honours case sensitivity', () => {
    expect(matchesWildcardName('Support', 'support', insensitive)).toBe(true);
    expect(matchesWildcardName('Support', 'support', sensitive)).toBe(false);
  });
});

describe('matchesNamePrefix', () => {
  it('matches names starting with the value', () => {
    expect(matchesNamePrefix('Billing Expert', 'Bill', sensitive)).toBe(true);
    expect(matchesNamePrefix('Expert Billing', 'Bill', sensitive)).toBe(false);
    expect(matchesNamePrefix('Billing', 'bill', insensitive)).toBe(true);
    expect(matchesNamePrefix('Billing', 'bill', sensitive)).toBe(false);
  });
});
