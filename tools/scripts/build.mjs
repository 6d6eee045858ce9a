// Compiles every non-test TypeScript file under apps/, libs/, tools/ and bench/ into dist/ with SWC,
// keeping the tree (dist/apps/<app>/src/main.js) and rewriting the @genesys-bridge/* aliases to relative paths.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { workspaceRoot, tsPaths } = require('./ts-paths.js');
const SOURCE_DIRS = ['apps', 'libs', 'tools', 'bench'];
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$|\.d\.ts$/;
const outDir = join(workspaceRoot, 'dist');

async function* typescriptFiles(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '__fixtures__') yield* typescriptFiles(path);
    } else if (entry.name.endsWith('.ts') && !TEST_FILE.test(entry.name)) {
      yield path;
    }
  }
}

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    baseUrl: workspaceRoot,
    paths: tsPaths(),
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

/** Writes through a temporary file and a rename, so a process starting during a build never reads half a file. */
async function writeAtomically(path, content) {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

async function* allFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* allFiles(path);
    else yield path;
  }
}

const started = Date.now();
const produced = new Set();
let count = 0;
for (const dir of SOURCE_DIRS) {
  for await (const file of typescriptFiles(join(workspaceRoot, dir))) {
    const target = join(outDir, relative(workspaceRoot, file)).replace(/\.ts$/, '.js');
    const output = await transformFile(file, { ...swcOptions, filename: file, sourceFileName: relative(dirname(target), file) });
    await mkdir(dirname(target), { recursive: true });
    await writeAtomically(target, `${output.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    await writeAtomically(`${target}.map`, output.map ?? '{}');
    produced.add(target).add(`${target}.map`);
    count++;
  }
}
// Remove output whose source is gone (a deleted module must not keep working from dist/).
for await (const file of allFiles(outDir)) {
  if (!produced.has(file) && !file.endsWith('.tmp')) await rm(file, { force: true });
}
console.log(`build: ${count} files compiled to dist/ in ${Date.now() - started} ms`);
