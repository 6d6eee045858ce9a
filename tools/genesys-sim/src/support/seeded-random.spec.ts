import { seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
  });

  it('gives different sequences for different seeds, always within [0, 1)', () => {
    const a = seededRandom(1);
    const b = seededRandom(2);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(b()).not.toBe(seededRandom(1)());
  });
});
