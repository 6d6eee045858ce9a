import { dueAtMs, MAX_CLOCK_SKEW_MS, orderForDelivery, type OrderableRow, originOf, reorderHoldMs, retryDelayMs, sentAtMs } from './delivery-order';

const row = (sequence: number, time: string | undefined): OrderableRow & { name: string } => ({
  name: `#${sequence}`,
  sequence,
  createdAt: new Date('2024-05-01T13:00:00.000Z'),
  payload: { id: `m${sequence}`, channel: time === undefined ? {} : { time } },
});

describe('delivery order', () => {
  it("orders by Genesys' channel.time, then by arrival for equal times", () => {
    const rows = [row(1, '2024-05-01T13:01:00.300Z'), row(2, '2024-05-01T13:01:00.100Z'), row(3, '2024-05-01T13:01:00.300Z'), row(4, '2024-05-01T13:01:00.200Z')];
    expect(orderForDelivery(rows).map((r) => r.name)).toEqual(['#2', '#4', '#1', '#3']);
    expect(rows.map((r) => r.name)).toEqual(['#1', '#2', '#3', '#4']);
  });

  it('uses the arrival time when a message has no usable channel.time', () => {
    expect(sentAtMs(row(1, undefined))).toBe(Date.parse('2024-05-01T13:00:00.000Z'));
    expect(sentAtMs(row(1, 'yesterday'))).toBe(Date.parse('2024-05-01T13:00:00.000Z'));
    expect(sentAtMs(row(1, '2024-05-01T13:01:00.250Z'))).toBe(Date.parse('2024-05-01T13:01:00.250Z'));
  });

  it('holds a message until the reorder window after Genesys sent it', () => {
    expect(reorderHoldMs(10_000, 10_200, 1_000)).toBe(800);
    expect(reorderHoldMs(10_000, 11_000, 1_000)).toBe(0);
    expect(reorderHoldMs(10_000, 60_000, 1_000)).toBe(0);
    expect(reorderHoldMs(10_000, 10_200, 0)).toBe(0);
  });

  it('bounds the hold when Genesys stamps a time ahead of our clock, and ignores a clock far ahead', () => {
    expect(reorderHoldMs(10_500, 10_000, 1_000)).toBe(1_500);
    expect(reorderHoldMs(10_000 + MAX_CLOCK_SKEW_MS, 10_000, 1_000)).toBe(1_000 + MAX_CLOCK_SKEW_MS);
    expect(reorderHoldMs(10_001 + MAX_CLOCK_SKEW_MS, 10_000, 1_000)).toBe(0);
  });

  it('is due at the later of the send window and the arrival hold', () => {
    const windows = { sendWindowMs: 1_000, arrivalHoldMs: 500 };
    expect(dueAtMs(10_000, 10_100, 10_200, windows)).toBe(11_000);
    expect(dueAtMs(10_000, 10_800, 10_900, windows)).toBe(11_300);
    // Sent long ago (a backlog): only the arrival hold counts.
    expect(dueAtMs(0, 10_000, 10_000, windows)).toBe(10_500);
    // A send time far in our future is not trusted.
    expect(dueAtMs(20_000, 10_000, 10_000, windows)).toBe(10_500);
    expect(dueAtMs(10_000, 10_000, 10_000, { sendWindowMs: 0, arrivalHoldMs: 0 })).toBe(Number.NEGATIVE_INFINITY);
  });

  it('backs off exponentially from the base, capped', () => {
    expect([1, 2, 3, 4, 10, 100].map((failures) => retryDelayMs(failures, 500, 30_000))).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000]);
    expect(retryDelayMs(0, 500, 30_000)).toBe(500);
  });

  it('names the sender only when the profile is shown and Genesys names someone other than the integration', () => {
    const channel = { id: 'integration-1', from: { id: 'integration-1', nickname: 'bridge' } };
    expect(originOf({ id: 'm', originatingEntity: 'Human', channel }, true)).toEqual({ type: 'agent' });
    expect(originOf({ id: 'm', originatingEntity: 'Bot', channel }, true)).toEqual({ type: 'bot' });
    const ann = { id: 'integration-1', from: { id: 'agent-7', nickname: 'Ann', image: 'https://cdn.example.com/ann.png' } };
    expect(originOf({ id: 'm', originatingEntity: 'Human', channel: ann }, true)).toEqual({ type: 'agent', name: 'Ann', avatarUrl: 'https://cdn.example.com/ann.png' });
    expect(originOf({ id: 'm', originatingEntity: 'Human', channel: ann })).toEqual({ type: 'agent' });
    expect(originOf({ id: 'm', channel: { id: 'integration-1', from: { id: 'agent-7', firstName: 'Ann', lastName: 'Lee' } } }, true)).toEqual({ type: 'agent', name: 'Ann Lee' });
    expect(originOf({ id: 'm', channel: { id: 'i', from: { id: 'agent-7', nickname: 'Ann', image: 'http://plain.example.com/a.png' } } }, true)).toEqual({ type: 'agent', name: 'Ann' });
    expect(originOf({ id: 'm' }, true)).toEqual({ type: 'agent' });
  });
});
