import { RECENT_EVENT_CAPACITY, RECENT_EVENT_TTL_MS, RecentEvents } from './recent-events';

describe('RecentEvents', () => {
  it('passes a key once per TTL', () => {
    let now = 0;
    const recent = new RecentEvents(() => now);
    expect(recent.first('c-1|customer-end|1')).toBe(true);
    expect(recent.first('c-1|customer-end|1')).toBe(false);
    expect(recent.first('c-1|user-end|1')).toBe(true);
    now += RECENT_EVENT_TTL_MS;
    expect(recent.first('c-1|customer-end|1')).toBe(true);
  });

  it('forgets the oldest keys beyond its capacity', () => {
    const recent = new RecentEvents(() => 0);
    for (let i = 0; i <= RECENT_EVENT_CAPACITY; i++) recent.first(`k${i}`);
    expect(recent.first('k0')).toBe(true);
    expect(recent.first(`k${RECENT_EVENT_CAPACITY}`)).toBe(false);
  });
});
