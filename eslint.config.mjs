// Lint: typescript-eslint's recommended rules plus Nx module boundaries.
// Layers (project tags): type:domain (pure, no I/O) ← type:contracts ← type:adapter/type:config ← type:service ← type:app.
// A service never imports another service; only the embedded host (type:app) composes them.
// The dashboard (type:ui) imports no workspace code at all: it speaks to the product through the public GraphQL API only.
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const ioLibraries = [
  'pg',
  '@electric-sql/*',
  'neo4j-driver',
  'kafkajs',
  '@eventstore/*',
  '@kurrent/*',
  '@nestjs/*',
  '@apollo/*',
  'express',
  'pino',
  'node:fs',
  'node:net',
  'node:http',
  'node:child_process',
  'fs',
  'net',
  'http',
  'child_process',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', '.data/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: ioLibraries },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:config'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:adapter', 'type:config'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:adapter', 'type:config', 'type:service'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Node's own I/O modules are not npm packages, so the Nx rule cannot see them: ban them here.
    files: ['libs/domain/src/**/*.ts', 'libs/framework-import/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:https', 'node:child_process', 'node:dgram', 'fs', 'fs/*', 'net', 'http', 'https', 'child_process'],
              message: 'Domain code does no I/O: take the data as an argument instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard's React code: the rules of hooks (hooks called unconditionally, effects listing what they read).
    files: ['services/dashboard/src/**/*.ts', 'services/dashboard/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
