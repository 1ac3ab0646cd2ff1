import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceFrameworksDir } from '@skills-graph/config/testing';
import { EmbeddedTestInstance, type GraphqlResponse } from './testing/embedded-test-instance.js';

const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40' });
const gql = instance.gql.bind(instance);

const asActor = (id: string, roles = '') => ({ 'x-actor-id': id, ...(roles && { 'x-actor-roles': roles }) });
const owner = asActor('owner-1', 'framework-owner');

const whoIsQuery = /* GraphQL */ `
  query WhoIs($competency: String!, $skill: String, $level: Int, $levelAtLeast: Int, $first: Int, $after: String) {
    engineers(filter: { competency: $competency, skill: $skill, level: $level, levelAtLeast: $levelAtLeast }, first: $first, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes {
        id
        name
        manager { id }
        levels(competency: $competency, skill: $skill) { level skill { id } evidence { id status skills { id } } }
      }
    }
  }
`;

async function headPosition() {
  return instance.running.store.headPosition();
}

beforeAll(async () => {
  await instance.start();
}, 120_000);

afterAll(async () => instance.dispose());

describe('embedded Skills Graph over HTTP', () => {
  it('answers "who is L5 on Mastery in Go" (the alias golang works too) with the evidence behind each level', async () => {
    const exact = await gql(whoIsQuery, { competency: 'Mastery', skill: 'golang', level: 5, first: 50 });
    expect(exact.errors).toBeUndefined();
    const nodes = exact.data!.engineers.nodes as { levels: { level: number; skill: { id: string }; evidence: { status: string; skills: { id: string }[] }[] }[] }[];
    expect(nodes.length).toBeGreaterThan(0);
    for (const engineer of nodes) {
      expect(engineer.levels).toHaveLength(1);
      const [level] = engineer.levels;
      expect(level).toMatchObject({ level: 5, skill: { id: 'go' } });
      expect(level!.evidence.length).toBeGreaterThan(0);
      for (const evidence of level!.evidence) {
        expect(evidence.status).toBe('APPROVED');
        expect(evidence.skills.map((s) => s.id)).toContain('go');
      }
    }
    const atLeast = await gql(whoIsQuery, { competency: 'mastery', skill: 'Go', levelAtLeast: 5, first: 50 });
    expect(atLeast.data!.engineers.totalCount).toBeGreaterThanOrEqual(exact.data!.engineers.totalCount);
  });

  it('pages through all engineers with cursors, each exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: GraphqlResponse = await gql(
        `query($after: String) { engineers(first: 15, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id } } }`,
        { after },
      );
      seen.push(...page.data!.engineers.nodes.map((n: { id: string }) => n.id));
      if (!page.data!.engineers.pageInfo.hasNextPage) break;
      after = page.data!.engineers.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
  });

  it('turns submitted and approved evidence into a demonstrated level with provenance', async () => {
    // A framework with one easy behaviour per level, so one approved item demonstrates level 1 in Mastery.
    const framework = {
      name: 'E2E framework',
      levels: [{ level: 1 }, { level: 2 }],
      competencies: [{ id: 'mastery', name: 'Mastery' }],
      behaviours: [
        { id: 'e2e-m1', level: 1, competency: 'mastery', text: 'Keeps the build green on the e2e service' },
        { id: 'e2e-m2', level: 2, competency: 'mastery', text: 'Designs the e2e service end to end' },
      ],
      policy: { coverageShare: 1, minimumEvidence: 1, recencyWindowDays: null },
    };
    const imported = await gql(
      `mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { frameworkId version behaviourCount changed } }`,
      { input: { frameworkId: 'e2e', format: 'JSON', content: JSON.stringify(framework), publish: true } },
      owner,
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importFramework).toEqual({ frameworkId: 'e2e', version: 1, behaviourCount: 2, changed: true });

    const { data } = await gql(`{ engineers(first: 1) { nodes { id manager { id } } } }`);
    const engineer = data!.engineers.nodes.find((n: { manager: unknown }) => n.manager) ?? data!.engineers.nodes[0];
    const submitted = await gql(
      `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { changed evidence { id status title skills { name } behaviours { id text } } } }`,
      { input: { engineerId: engineer.id, frameworkId: 'e2e', kind: 'PULL_REQUEST', title: 'Flaky test quarantine', url: 'https://git.example.test/e2e/pull/1', date: '2026-10-20', skills: ['golang'], behaviourIds: ['e2e-m1'] } },
      asActor(engineer.id),
    );
    expect(submitted.errors).toBeUndefined();
    const evidence = submitted.data!.submitEvidence.evidence;
    expect(evidence).toMatchObject({ status: 'SUBMITTED', title: 'Flaky test quarantine', skills: [{ name: 'Go' }], behaviours: [{ id: 'e2e-m1' }] });

    const approved = await gql(`mutation($id: ID!) { approveEvidence(id: $id) { changed position evidence { status reviewedBy { id } } } }`, { id: evidence.id }, asActor(engineer.manager.id));
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveEvidence.evidence).toEqual({ status: 'APPROVED', reviewedBy: { id: engineer.manager.id } });

    await instance.running.settled();
    const profile = await gql(`query($id: ID!) { engineer(id: $id) { levels(competency: "mastery", skill: "go") { level frameworkId evidence { id } } } }`, { id: engineer.id });
    const levels = profile.data!.engineer.levels as { level: number; frameworkId: string; evidence: { id: string }[] }[];
    expect(levels).toEqual([{ level: 1, frameworkId: 'e2e', evidence: [{ id: evidence.id }] }]);

    // Before the approval there was no level; a malformed instant is refused.
    const before = await gql(`query($id: ID!) { engineer(id: $id) { levels(competency: "mastery", skill: "go", asOf: "2000-01-01") { level } } }`, { id: engineer.id });
    expect(before.data!.engineer.levels).toEqual([]);
    const malformed = await gql(`query($id: ID!) { engineer(id: $id) { levels(asOf: "last tuesday") { level } } }`, { id: engineer.id });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });

  it('refuses bad mutations with a code and the field at fault, and stores nothing', async () => {
    const before = await headPosition();
    const { data } = await gql(`{ engineers(first: 2) { nodes { id } } }`);
    const [a, b] = data!.engineers.nodes as { id: string }[];
    const submit = (input: Record<string, unknown>, headers: Record<string, string> = asActor(a!.id)) =>
      gql(`mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { changed } }`, { input: { engineerId: a!.id, kind: 'RFC', title: 'RFC: ledger sharding', date: '2026-10-01', skills: [], behaviourIds: ['e2e-m1'], frameworkId: 'e2e', ...input } }, headers);

    const cases: [Promise<GraphqlResponse>, string, string | null][] = [
      [submit({ date: '2026-02-30' }), 'BAD_USER_INPUT', 'input.date'],
      [submit({ url: 'ftp://nope' }), 'BAD_USER_INPUT', 'input.url'],
      [submit({ title: '' }), 'BAD_USER_INPUT', 'input.title'],
      [submit({ skills: ['go', 'cobol'] }), 'BAD_USER_INPUT', 'input.skills[1]'],
      [submit({ behaviourIds: ['no-such-behaviour'] }), 'BAD_USER_INPUT', 'behaviourIds'],
      [submit({ engineerId: 'nobody' }), 'NOT_FOUND', 'engineerId'],
      [submit({}, asActor(b!.id)), 'FORBIDDEN', 'actor'],
      [submit({}, {}), 'UNAUTHENTICATED', null],
      [gql(`mutation { approveEvidence(id: "missing") { changed } }`, {}, asActor(b!.id)), 'NOT_FOUND', 'evidenceId'],
      [gql(`mutation { importFramework(input: { frameworkId: "x", content: "{}" }) { version } }`, {}, asActor(a!.id)), 'FORBIDDEN', 'actor'],
      [gql(`{ engineers(filter: { competency: "Wizardry", level: 5 }) { totalCount } }`), 'BAD_USER_INPUT', 'filter.competency'],
      [gql(`{ engineers(filter: { level: 5 }) { totalCount } }`), 'BAD_USER_INPUT', 'filter.competency'],
      [gql(`{ engineers(first: 500) { totalCount } }`), 'BAD_USER_INPUT', 'first'],
    ];
    for (const [pending, code, field] of cases) {
      const result = await pending;
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, ...(field && { field }) });
    }
    expect(await headPosition()).toBe(before);
  });

  it('refuses a malformed framework file, naming the line, and stores nothing', async () => {
    const before = await headPosition();
    const markdown = ['# Broken', '', '## Level 1', '', '- A behaviour before any competency heading'].join('\n');
    const result = await gql(`mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version } }`, { input: { frameworkId: 'broken', format: 'MARKDOWN', content: markdown } }, owner);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content', line: 5 });
    expect(result.errors?.[0]?.message).toMatch(/line 5/);
    expect(await headPosition()).toBe(before);
  });

  it('refuses a query whose size would be too large', async () => {
    const result = await gql(`{ engineers(first: 200) { nodes { evidence { behaviours { text } endorsedBy { evidence { behaviours { text } endorsedBy { name } } } } } } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  const fixtures = referenceFrameworksDir();
  (fixtures ? it : it.skip)('imports the reference framework from Markdown once, however often it is sent', async () => {
    const content = readFileSync(join(fixtures!, 'backend-engineering.md'), 'utf8');
    const send = () =>
      gql(`mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version behaviourCount changed } }`, { input: { frameworkId: 'backend', format: 'AUTO', content } }, owner);
    expect((await send()).data!.importFramework).toEqual({ version: 1, behaviourCount: 116, changed: true });
    expect((await send()).data!.importFramework).toEqual({ version: 1, behaviourCount: 116, changed: false });
    const framework = await gql(`{ framework(id: "backend") { levels { level } competencies { id } leadership: behaviours(competency: "leadership", level: 2) { id } } }`);
    expect(framework.data!.framework).toMatchObject({ levels: [1, 2, 3, 4, 5, 6].map((level) => ({ level })) });
    expect(framework.data!.framework.competencies).toHaveLength(5);
    expect(framework.data!.framework.leadership).toEqual([]);
  });

  it('keeps everything across a restart, without seeding or recomputing anything twice', async () => {
    const before = await headPosition();
    const answer = await gql(whoIsQuery, { competency: 'Mastery', skill: 'Go', levelAtLeast: 1, first: 100 });
    await instance.restart();
    expect(await headPosition()).toBe(before);
    expect(await gql(whoIsQuery, { competency: 'Mastery', skill: 'Go', levelAtLeast: 1, first: 100 })).toEqual(answer);
  }, 120_000);
});
