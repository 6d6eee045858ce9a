// Reads the path aliases of tsconfig.base.json once, for Jest and for the build.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const workspaceRoot = join(__dirname, '..', '..');

function tsPaths() {
  const base = JSON.parse(readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf8'));
  return base.compilerOptions.paths;
}

function pathsToModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsPaths())) {
    mapper[`^${alias.replace(/[/\\^$*+?.()|[\]{}-]/g, '\\$&')}$`] = join(workspaceRoot, target);
  }
  return mapper;
}

module.exports = { workspaceRoot, tsPaths, pathsToModuleNameMapper };
