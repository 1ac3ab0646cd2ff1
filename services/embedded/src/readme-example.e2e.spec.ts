import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '@skills-graph/config';
import { startEmbeddedSkillsGraph, type RunningSkillsGraph } from './embedded-app.js';

// The README's example runs here against the default demo organisation, so the README cannot drift.

const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');

function block(marker: string, language: string): string {
  const pattern = new RegExp(`<!-- ${marker} -->\\s*\`\`\`${language}\\n([\\s\\S]*?)\\n\`\`\``);
  const match = pattern.exec(readme);
  if (!match) throw new Error(`README has no ${language} block after <!-- ${marker} -->`);
  return match[1]!;
}

const dataDir = mkdtempSync(join(tmpdir(), 'sg-readme-'));
let running: RunningSkillsGraph;

beforeAll(async () => {
  running = await startEmbeddedSkillsGraph(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
}, 180_000);

afterAll(async () => {
  await running?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('README example', () => {
  it('"who is L5 on Mastery in Go" answers exactly what the README shows', async () => {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: block('example:who-is-l5:query', 'graphql') }),
    });
    expect(await response.json()).toEqual(JSON.parse(block('example:who-is-l5:response', 'json')));
  });

  it('the curl command sends the same query as the readable block', () => {
    const curlBody = /-d @- <<'JSON'\n([\s\S]*?)\nJSON/.exec(readme)?.[1];
    const squash = (q: string) => q.replace(/\s+/g, ' ').replace(/\s*([{}():,])\s*/g, '$1').trim();
    expect(squash((JSON.parse(curlBody!) as { query: string }).query)).toBe(squash(block('example:who-is-l5:query', 'graphql')));
  });
});
