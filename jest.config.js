// One Jest run, two projects: fast unit specs and integration specs that use real Redis, SQLite and PostgreSQL.
const { pathsToModuleNameMapper } = require('./tools/scripts/ts-paths.js');

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swcTransform },
  moduleNameMapper: pathsToModuleNameMapper(),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  reporters: ['default', '<rootDir>/tools/scripts/summary-reporter.js'],
  // Integration tests start processes and databases; a unit test never gets near this.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.{int-spec,e2e-spec}.ts'],
      globalSetup: '<rootDir>/tools/scripts/jest-integration-setup.js',
    },
  ],
};
