// Test support shared by every project's tests: `@skills-graph/config/testing` (never in a build).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * The folder of public reference framework files (not ours to redistribute, so never copied into the
 * repository): `FRAMEWORK_FIXTURES_DIR`, else the fixtures folder CI lays beside the checkout. null when
 * neither exists: the acceptance tests that need them are then skipped, and say so.
 */
export function referenceFrameworksDir(): string | null {
  const dir = process.env['FRAMEWORK_FIXTURES_DIR'] ?? resolve(repositoryRoot, '../shared/fixtures/frameworks');
  if (existsSync(dir)) return dir;
  console.warn(`Reference framework files not found at ${dir}: set FRAMEWORK_FIXTURES_DIR to run the acceptance tests that read them`);
  return null;
}
