import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The layer rules (eslint.config.mjs: Nx module boundaries plus banned I/O imports in the domain) only run
// when Nx's project graph exists; in a fresh clone it does not, and the Nx rule then skips every file with a
// warning. `npm run lint` computes the graph first; this test does the same and plants forbidden imports.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function lint(filePath: string, source: string): { messages: { ruleId: string | null; message: string }[]; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return { messages: report!.messages, stderr: result.stderr };
}

describe('layer rules in lint', () => {
  beforeAll(() => {
    // Jest's NODE_OPTIONS (--experimental-vm-modules) must not reach the Nx CLI.
    const { NODE_OPTIONS: _jestFlags, ...env } = process.env;
    execFileSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { cwd: root, env: { ...env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  }, 120_000);

  it('lets the domain import its own modules', () => {
    const { messages, stderr } = lint('libs/domain/src/planted.ts', "import { assertNever } from './decider.js';\nexport const planted = assertNever;\n");
    expect(messages).toEqual([]);
    expect(stderr).not.toContain('No cached ProjectGraph');
  });

  it('refuses a service importing another service', () => {
    const { messages } = lint('services/evidence/src/planted.ts', "import { PeopleModule } from '@skills-graph/people';\nexport const planted = PeopleModule;\n");
    expect(messages.map((m) => m.ruleId)).toEqual(['@nx/enforce-module-boundaries']);
    expect(messages[0]!.message).toContain('type:service');
  });

  it('refuses the domain importing an adapter library', () => {
    const { messages } = lint('libs/domain/src/planted.ts', "import { EVENT_STORE } from '@skills-graph/event-store';\nexport const planted = EVENT_STORE;\n");
    expect(messages.map((m) => m.ruleId)).toEqual(['@nx/enforce-module-boundaries']);
  });

  it('refuses I/O packages and Node I/O modules in the domain', () => {
    const { messages } = lint('libs/domain/src/planted.ts', "import pg from 'pg';\nimport { readFileSync } from 'node:fs';\nexport const planted = [pg, readFileSync];\n");
    expect(messages.map((m) => m.ruleId).sort()).toEqual(['@nx/enforce-module-boundaries', 'no-restricted-imports']);
  });
});
