import { decodeRefreshMember, encodeRefreshMember, refreshDueKey, routingEntryKey } from './cache-keys';

describe('routing cache keys', () => {
  it('puts every key under the queue prefix, per connection and kind, with the name URI-encoded', () => {
    expect(routingEntryKey('{genesys-bridge}', { connectionId: 'c-1', kind: 'queue', name: 'Billing' })).toBe('{genesys-bridge}:routing:c-1:queue:Billing');
    expect(routingEntryKey('{gb}', { connectionId: 'c-1', kind: 'skill', name: 'Tier 2: EU/ES' })).toBe('{gb}:routing:c-1:skill:Tier%202%3A%20EU%2FES');
    expect(refreshDueKey('{gb}')).toBe('{gb}:routing:refresh-due');
  });

  it('keeps case in the key (case is decided by the lookup, not by the cache)', () => {
    const key = (name: string) => routingEntryKey('{gb}', { connectionId: 'c', kind: 'queue', name });
    expect(key('Billing')).not.toBe(key('billing'));
  });

  it('round-trips refresh members and rejects anything else', () => {
    const target = { connectionId: 'c-1', kind: 'language' as const, name: 'English "US"' };
    expect(decodeRefreshMember(encodeRefreshMember(target))).toEqual(target);
    expect(decodeRefreshMember('["c","team","x"]')).toBeNull();
    expect(decodeRefreshMember('not json')).toBeNull();
    expect(decodeRefreshMember('["c","queue"]')).toBeNull();
  });
});
