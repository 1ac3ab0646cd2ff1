// Shared Jest settings: TypeScript through SWC in native ESM mode (NestJS 12 is ESM-only).
// Workspace packages resolve to their sources, so tests never need a build first.
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

const workspaceModules = {};
for (const group of ['libs', 'services']) {
  for (const name of readdirSync(join(root, group))) {
    const entry = join(root, group, name, 'src', 'index.ts');
    if (existsSync(entry)) workspaceModules[`^@skills-graph/${name}$`] = entry;
    const testing = join(root, group, name, 'src', 'testing', 'index.ts');
    if (existsSync(testing)) workspaceModules[`^@skills-graph/${name}/testing$`] = testing;
  }
}

export const preset = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper: {
    ...workspaceModules,
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
};
