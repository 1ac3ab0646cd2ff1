import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// The README's example runs here against the default demo organisation, so the README cannot drift.

const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');

function block(marker: string, language: string): string {
  const pattern = new RegExp(`<!-- ${marker} -->\\s*\`\`\`${language}\\n([\\s\\S]*?)\\n\`\`\``);
  const match = pattern.exec(readme);
  if (!match) throw new Error(`README has no ${language} block after <!-- ${marker} -->`);
  return match[1]!;
}

const instance = new EmbeddedTestInstance();

beforeAll(async () => {
  await instance.start();
}, 180_000);

afterAll(async () => instance.dispose());

describe('README example', () => {
  it('"who is L5 on Mastery in Go" answers exactly what the README shows', async () => {
    const response = await instance.gql(block('example:who-is-l5:query', 'graphql'));
    expect(response).toEqual(JSON.parse(block('example:who-is-l5:response', 'json')));
  });

  it('the curl command sends the same query as the readable block', () => {
    const curlBody = /-d @- <<'JSON'\n([\s\S]*?)\nJSON/.exec(readme)?.[1];
    const squash = (q: string) => q.replace(/\s+/g, ' ').replace(/\s*([{}():,])\s*/g, '$1').trim();
    expect(squash((JSON.parse(curlBody!) as { query: string }).query)).toBe(squash(block('example:who-is-l5:query', 'graphql')));
  });
});
