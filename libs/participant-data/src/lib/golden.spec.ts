import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParticipantDataResult } from './attribute-entry';
import type { ParticipantDataOptions } from './limits';
import { buildParticipantData, type ParticipantDataInput } from './participant-data';

/**
 * Golden tests: each `src/__golden__/*.json` holds an input, options and the exact expected result — attributes in
 * their order, warnings in their order, what was dropped or cut, and the byte count. The files are the documentation
 * of the mapping by example; read them next to README.md. `UPDATE_GOLDEN=1` rewrites `expected` from the current
 * code: review the diff before committing it, the point of a golden file is that a change is seen.
 */
interface GoldenCase {
  description: string;
  input: ParticipantDataInput;
  options: ParticipantDataOptions;
  expected?: ParticipantDataResult;
}

const GOLDEN_DIR = join(__dirname, '..', '__golden__');
const files = readdirSync(GOLDEN_DIR).filter((file) => file.endsWith('.json')).sort();

describe('participant data golden files', () => {
  it('has golden files', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(files)('%s', (file) => {
    const path = join(GOLDEN_DIR, file);
    const golden = JSON.parse(readFileSync(path, 'utf8')) as GoldenCase;
    const actual = buildParticipantData(golden.input, golden.options);

    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(path, `${JSON.stringify({ ...golden, expected: actual }, null, 2)}\n`);
    }

    it(golden.description, () => {
      expect(golden.expected).toBeDefined();
      expect(actual).toEqual(golden.expected);
      expect(Object.keys(actual.attributes)).toEqual(Object.keys(golden.expected?.attributes ?? {}));
    });

    it('gives the same attributes, in the same order, whatever the order of the input keys', () => {
      const reversed = buildParticipantData(reverseKeys(golden.input), golden.options);
      expect(Object.entries(reversed.attributes)).toEqual(Object.entries(actual.attributes));
      expect(reversed.bytes).toBe(actual.bytes);
    });
  });
});

function reverseKeys(input: ParticipantDataInput): ParticipantDataInput {
  const reverse = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reverse);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).reverse().map(([key, child]) => [key, reverse(child)]));
  };
  const metadata = typeof input.genesysMetaData === 'string' ? input.genesysMetaData : reverse(input.genesysMetaData);
  return { ...input, genesysMetaData: metadata, customAttributes: reverse(input.customAttributes) as ParticipantDataInput['customAttributes'] };
}
