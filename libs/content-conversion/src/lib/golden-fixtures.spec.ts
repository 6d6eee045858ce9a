import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CanonicalOutput } from './canonical';
import { parseCognigyOutput } from './cognigy/cognigy-output.parser';
import { parseKoreMessages } from './kore/kore-output.parser';
import { type ConnectorCapabilities } from './render/degradation';
import { renderGenesysReplies } from './render/genesys-reply.renderer';

/**
 * Golden fixtures: `__fixtures__/<source>/<case>.json` holds a platform payload (Cognigy `outputStack`, Kore `data`,
 * or canonical `outputs`) plus optional connector `capabilities`; `<case>.genesys.json` holds the expected
 * `replies`, `warnings` and (when options were numbered) `choices`. Both files are written by hand.
 */
interface FixtureInput {
  description: string;
  capabilities?: Partial<ConnectorCapabilities>;
  outputStack?: unknown[];
  data?: unknown[];
  outputs?: CanonicalOutput[];
}

const FIXTURES = join(__dirname, '..', '__fixtures__');

const PARSERS: Record<string, (input: FixtureInput) => CanonicalOutput[]> = {
  cognigy: (input) => (input.outputStack ?? []).flatMap((entry) => parseCognigyOutput(entry)),
  kore: (input) => parseKoreMessages(input.data ?? []),
  canonical: (input) => input.outputs ?? [],
};

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

const cases = readdirSync(FIXTURES).flatMap((source) =>
  readdirSync(join(FIXTURES, source))
    .filter((file) => file.endsWith('.json') && !file.endsWith('.genesys.json'))
    .map((file) => ({ source, name: file.replace(/\.json$/, ''), dir: join(FIXTURES, source) })),
);

describe('golden fixtures', () => {
  it('has a parser for every source folder and at least 25 cases, each with an expected file', () => {
    expect(Object.keys(PARSERS)).toEqual(expect.arrayContaining(readdirSync(FIXTURES)));
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const { dir, name } of cases) {
      expect(readdirSync(dir)).toContain(`${name}.genesys.json`);
    }
  });

  it.each(cases)('$source/$name', ({ source, name, dir }) => {
    const input = readJson<FixtureInput>(join(dir, `${name}.json`));
    const expected = readJson<{ replies: unknown[]; warnings: string[]; choices?: unknown[] }>(
      join(dir, `${name}.genesys.json`),
    );
    const result = renderGenesysReplies(PARSERS[source](input), input.capabilities);
    expect(result).toStrictEqual({ replies: expected.replies, warnings: expected.warnings, choices: expected.choices ?? [] });
  });
});
