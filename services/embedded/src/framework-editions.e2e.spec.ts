import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceFrameworksDir } from '@skills-graph/config/testing';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40' });
const gql = instance.gql.bind(instance);
const owner = { 'x-actor-id': 'owner-1', 'x-actor-roles': 'framework-owner' };
const headPosition = () => instance.running.store.headPosition();

const importMutation = `mutation($input: ImportFrameworkInput!) {
  importFramework(input: $input) { version behaviourCount added removed changed published notPublishedReason warnings { line message } }
}`;
const publishMutation = `mutation($id: ID!, $version: Int!, $confirm: Boolean) {
  publishFramework(id: $id, version: $version, confirmRetirements: $confirm) { changed published notPublishedReason }
}`;
const importFramework = (input: Record<string, unknown>) => gql(importMutation, { input: { format: 'AUTO', publish: true, ...input } }, owner);

beforeAll(async () => {
  await instance.start();
}, 120_000);
afterAll(async () => instance.dispose());

describe('framework editions over GraphQL', () => {
  const fixtures = referenceFrameworksDir();
  (fixtures ? it : it.skip)('imports a front-matter file with empty topic titles as edition 2 without losing a competency', async () => {
    const frontMatter = readFileSync(join(fixtures!, 'backend-engineering.monzo.md'), 'utf8');
    const first = await importFramework({ frameworkId: 'backend', content: frontMatter });
    expect(first.data!.importFramework).toMatchObject({ version: 1, behaviourCount: 116, published: true });
    // The same framework as many files in the wild carry it: every topic title blanked, plus one new behaviour.
    const blanked = frontMatter
      .replace(/^( {4}title: )"[^"]*"$/gm, '$1""')
      .replace(/^( {10}- "Fixes simple bugs")$/m, '$1\n          - "Keeps the build green"');
    expect(blanked.match(/^ {4}title: ""$/gm)).toHaveLength(5);
    const second = await importFramework({ frameworkId: 'backend', content: blanked });
    expect(second.errors).toBeUndefined();
    expect(second.data!.importFramework).toMatchObject({ version: 2, behaviourCount: 117, added: 1, removed: 0, published: true, notPublishedReason: null });
    const framework = await gql(`{ framework(id: "backend") { version current competencies { id name } behaviours { current examples } } }`);
    const current = framework.data!.framework;
    expect(current).toMatchObject({ version: 2, current: true });
    expect(current.competencies.map((c: { name: string }) => c.name)).toEqual(['Mastery', 'Impact', 'Influence', 'Communication & Feedback', 'Leadership']);
    expect(current.behaviours.every((b: { current: boolean }) => b.current)).toBe(true);
    expect(current.behaviours.flatMap((b: { examples: string[] }) => b.examples)).toHaveLength(18);
  });

  it('warns about a competency nobody declared, once: a later edition knows the competencies of the one before', async () => {
    const v1 = ['# Crafts', '## Level 1', '### Mastery', '- Ships small changes', '### Delivery', '- Keeps the release train on time'].join('\n');
    const undeclared = (result: { data?: Record<string, any> }) =>
      (result.data!.importFramework.warnings as { message: string }[]).filter((w) => /not one of the declared competencies/.test(w.message)).map((w) => w.message);
    expect(undeclared(await importFramework({ frameworkId: 'crafts', content: v1 }))).toEqual([expect.stringMatching(/'Delivery'/)]);
    const v2 = `${v1}\n- Cuts a release in under an hour\n### Delivry\n- Knows the deploy runbook`;
    expect(undeclared(await importFramework({ frameworkId: 'crafts', content: v2 }))).toEqual([expect.stringMatching(/'Delivry'/)]);
  });

  it('keeps an edition that retires a whole competency as a draft until the retirement is confirmed, and can make an older version current again', async () => {
    const v1 = ['# Guild', '## Level 1', '### Mastery', '- Ships small changes', '- Writes tests first', '### Impact', '- Unblocks the team', '- Owns an on-call week'].join('\n');
    const v2 = ['# Guild', '## Level 1', '### Mastery', '- Ships small changes', '- Writes tests first'].join('\n');
    expect((await importFramework({ frameworkId: 'guild', content: v1 })).data!.importFramework).toMatchObject({ version: 1, published: true });

    const draft = (await importFramework({ frameworkId: 'guild', content: v2 })).data!.importFramework;
    expect(draft).toMatchObject({ version: 2, removed: 2, published: false, notPublishedReason: expect.stringMatching(/every behaviour of 'Impact'.*confirmRetirements/) });
    expect(draft.warnings.map((w: { message: string }) => w.message)).toContain(draft.notPublishedReason);
    // frameworks' `current` is the same version framework(id) answers (the dashboard reads it instead of a second request).
    const read = async (): Promise<Record<string, any>> => {
      const data: Record<string, any> = (await gql(`{ frameworks { id currentVersion latestVersion current { version current competencies { id } } } framework(id: "guild") { version current behaviours { id current } competencies { id } } older: framework(id: "guild", version: 1) { published current } }`)).data!;
      const listed = data.frameworks.find((f: { id: string }) => f.id === 'guild');
      expect(listed.current).toEqual({ version: data.framework.version, current: true, competencies: data.framework.competencies });
      return { ...data, frameworks: data.frameworks.map(({ current: _current, ...f }: { current: unknown }) => f) };
    };
    expect((await read()).framework).toMatchObject({ version: 1, current: true });

    const unconfirmed = await gql(publishMutation, { id: 'guild', version: 2 }, owner);
    expect(unconfirmed.data!.publishFramework).toMatchObject({ changed: false, published: false, notPublishedReason: expect.stringMatching(/'Impact'/) });
    expect((await read()).framework.version).toBe(1);

    const confirmed = await gql(publishMutation, { id: 'guild', version: 2, confirm: true }, owner);
    expect(confirmed.data!.publishFramework).toEqual({ changed: true, published: true, notPublishedReason: null });
    let now = await read();
    expect(now.frameworks.find((f: { id: string }) => f.id === 'guild')).toEqual({ id: 'guild', currentVersion: 2, latestVersion: 2 });
    expect(now.older).toEqual({ published: true, current: false });

    // Rolling back: version 1 becomes current again, and its behaviours with it.
    expect((await gql(publishMutation, { id: 'guild', version: 1 }, owner)).data!.publishFramework).toMatchObject({ changed: true, published: true });
    now = await read();
    expect(now.frameworks.find((f: { id: string }) => f.id === 'guild')).toEqual({ id: 'guild', currentVersion: 1, latestVersion: 2 });
    expect(now.framework.version).toBe(1);
    expect(now.framework.behaviours.every((b: { current: boolean }) => b.current)).toBe(true);
    expect(now.older).toEqual({ published: true, current: true });
  });

  const aliasBomb = ['name: Bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), 'levels: *i'].join('\n');
  const hostile: [string, string, string, RegExp, number | null][] = [
    ['a YAML alias bomb', 'YAML', aliasBomb, /aliases \(\*name\) expand to a small document/, 11],
    ['5,001 behaviours', 'MARKDOWN', ['# Big', '## Level 1', '### Mastery', ...Array.from({ length: 5001 }, (_, i) => `- Ships change ${i}`)].join('\n'), /at most 5,000 behaviours/, 5004],
    ['nesting 40 deep', 'JSON', `{"name": "Deep",\n"levels": ${'['.repeat(40)}${']'.repeat(40)}}`, /nested at most 32 deep/, 2],
    ['1,000,001 characters', 'AUTO', `# Big\n${'x'.repeat(1_000_000)}`, /at most 1,000,000 characters/, 2],
  ];
  it.each(hostile)('refuses %s with BAD_USER_INPUT naming input.content and the line, changing nothing', async (_name, format, content, message, line) => {
    const before = await headPosition();
    const result = await gql(importMutation, { input: { frameworkId: 'hostile', format, content, publish: true } }, owner);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content', line });
    expect(await headPosition()).toBe(before);
  });
});
