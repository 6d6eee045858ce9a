import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Architecture rules (design.md §3, style.md §9.3): apps depend on libs, never on each other;
// domain libs are pure; contracts depend on nothing; testing helpers only in tests.
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:contract', 'type:infra'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:contract', 'type:infra'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:infra'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:contract', 'type:infra', 'type:tool'] },
  // Tools (simulators, e2e and bench harnesses) may use the testing helpers; production code may not.
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:contract', 'type:infra', 'type:tool', 'type:testing'] },
  { sourceTag: 'scope:bot-connector', notDependOnLibsWithTags: ['scope:handover-gateway', 'scope:metadata-service'] },
  { sourceTag: 'scope:handover-gateway', notDependOnLibsWithTags: ['scope:bot-connector', 'scope:metadata-service'] },
  { sourceTag: 'scope:metadata-service', notDependOnLibsWithTags: ['scope:bot-connector', 'scope:handover-gateway'] },
];

const testDepConstraints = depConstraints.map((constraint) =>
  constraint.onlyDependOnLibsWithTags
    ? { ...constraint, onlyDependOnLibsWithTags: [...new Set([...constraint.onlyDependOnLibsWithTags, 'type:testing', 'type:tool', 'type:infra', 'type:data-access'])] }
    : constraint,
);

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '**/.nx/**', 'tmp/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    // Lets consistent-type-imports see that Nest's constructor injection needs value imports.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: true, allow: [], depConstraints }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Env classes annotate defaulted properties on purpose: class-transformer converts by the emitted type.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
    },
  },
  {
    // Tests may use the testing lib and the simulators; production code may not.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: true, allow: [], depConstraints: testDepConstraints }],
    },
  },
  {
    files: ['tools/**/*.ts', 'bench/**/*.ts', '**/main.ts', '**/worker.ts', '**/migrate.ts', '**/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
  },
];
