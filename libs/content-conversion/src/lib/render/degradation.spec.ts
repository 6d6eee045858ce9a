import { DEFAULT_CAPABILITIES, degradationWarning, Degradation, resolveCapabilities } from './degradation';

describe('resolveCapabilities', () => {
  it('fills in the documented defaults', () => {
    expect(resolveCapabilities()).toEqual({
      textOnly: false,
      maxQuickReplies: 10,
      maxCardActions: 3,
      maxCarouselCards: 10,
      allowUrlButtons: true,
    });
    expect(resolveCapabilities({ textOnly: true, maxQuickReplies: 3 })).toEqual({ ...DEFAULT_CAPABILITIES, textOnly: true, maxQuickReplies: 3 });
  });

  it.each([{ maxQuickReplies: 0 }, { maxCardActions: 1.5 }, { maxCarouselCards: Number.NaN }])('rejects %j', (bad) => {
    expect(() => resolveCapabilities(bad)).toThrow(RangeError);
  });

  it('prefixes every warning with its rule code', () => {
    expect(degradationWarning(Degradation.CarouselOverflow, 'x')).toBe('carousel-overflow: x');
    expect(new Set(Object.values(Degradation)).size).toBe(Object.values(Degradation).length);
  });
});
