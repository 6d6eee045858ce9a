import { GenesysApiError } from '../support/genesys-error';
import { applyAttributes } from './participant-attributes';

const noLimits = { maxAttributes: null, maxValueLength: null };

describe('applyAttributes', () => {
  it('merges by default: existing keys survive, given keys are overwritten', () => {
    expect(applyAttributes({ a: '1', b: '2' }, { b: '3', c: '4' }, 'merge', noLimits)).toEqual({ a: '1', b: '3', c: '4' });
  });

  it('replaces the whole map in replace mode', () => {
    expect(applyAttributes({ a: '1', b: '2' }, { c: '4' }, 'replace', noLimits)).toEqual({ c: '4' });
  });

  it('enforces the attribute count on the result', () => {
    const limits = { maxAttributes: 2, maxValueLength: null };
    expect(() => applyAttributes({ a: '1', b: '2' }, { c: '3' }, 'merge', limits)).toThrow(GenesysApiError);
    expect(applyAttributes({ a: '1', b: '2' }, { c: '3' }, 'replace', limits)).toEqual({ c: '3' });
  });

  it('enforces the value length and names the attribute', () => {
    expect(() => applyAttributes({}, { long: 'x'.repeat(257) }, 'merge', { maxAttributes: null, maxValueLength: 256 })).toThrow(
      /attributes\.long/,
    );
  });
});
