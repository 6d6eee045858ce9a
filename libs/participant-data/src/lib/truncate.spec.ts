import { truncateUtf16, utf8Length } from './truncate';

describe('truncateUtf16', () => {
  it('leaves values within the limit alone and cuts longer ones to the limit', () => {
    expect(truncateUtf16('abc', 3)).toBe('abc');
    expect(truncateUtf16('abcdef', 4)).toBe('abcd');
  });

  it('never splits a surrogate pair: the cut moves one unit back', () => {
    const value = 'ab😀cd'; // 😀 is two UTF-16 units at indices 2 and 3
    expect(truncateUtf16(value, 3)).toBe('ab');
    expect(truncateUtf16(value, 4)).toBe('ab😀');
    expect(truncateUtf16('😀😀', 1)).toBe('');
  });

  it('counts non-ASCII BMP characters as one unit each', () => {
    expect(truncateUtf16('Größe€', 5)).toBe('Größe');
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('ß')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });
});
