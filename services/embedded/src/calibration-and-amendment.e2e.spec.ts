import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EmbeddedTestInstance, type GraphqlResponse } from './testing/embedded-test-instance.js';

// Calibrating levels and amending evidence through the API, over HTTP, on the embedded product.

const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40' });
const gql = instance.gql.bind(instance);
const asActor = (id: string, roles = '') => ({ 'x-actor-id': id, ...(roles && { 'x-actor-roles': roles }) });
const headPosition = () => instance.running.store.headPosition();

interface Person {
  id: string;
  name: string;
  manager: { id: string } | null;
  levels: { level: number }[];
}

const calibrate = /* GraphQL */ `
  mutation($input: CalibrateLevelInput!) {
    calibrateLevel(input: $input) {
      changed
      position
      calibratedLevel { competency { id } level rationale panel { id name } calibratedBy { id } calibratedById calibratedAt }
    }
  }
`;
const profile = /* GraphQL */ `
  query($id: ID!) {
    engineer(id: $id) {
      competencyLevels(competency: "Mastery") {
        competency { id name }
        demonstrated { level skill { id } evidence { id } }
        calibrated { level rationale panel { id name } calibratedBy { id name } calibratedAt }
      }
      calibratedLevels { competency { id } level rationale }
    }
  }
`;
const amend = /* GraphQL */ `
  mutation($id: ID!, $input: AmendEvidenceInput!) {
    amendEvidence(id: $id, input: $input) { changed evidence { id status title date url skills { id } behaviours { id } endorsedBy { id } reviewedBy { id } } }
  }
`;

let people: Person[];
/** An engineer with a demonstrated overall Mastery level and a manager, and two others for the panel. */
let subject: Person;
let panel: [Person, Person];

beforeAll(async () => {
  await instance.start();
  const { data } = await gql(`{ engineers(first: 40) { nodes { id name manager { id } levels(competency: "Mastery") { level skill { id } } } } }`);
  const nodes = data!.engineers.nodes as (Omit<Person, 'levels'> & { levels: { level: number; skill: unknown }[] })[];
  people = nodes.map((p) => ({ ...p, levels: p.levels.filter((l) => l.skill === null) }));
  subject = people.find((p) => p.manager && p.levels.length > 0 && p.levels[0]!.level < 6)!;
  const others = people.filter((p) => p.id !== subject.id && p.id !== subject.manager!.id);
  panel = [others[0]!, others[1]!];
}, 120_000);

afterAll(async () => instance.dispose());

describe('calibrating a level', () => {
  it('lets a panel calibrate a level; the profile shows it beside the demonstrated level, with who and why', async () => {
    const demonstrated = subject.levels[0]!.level;
    const rationale = 'Panel of 2026-11: leads the ledger migration beyond what the evidence shows yet';
    const result = await gql(
      calibrate,
      { input: { engineerId: subject.id, competency: 'Mastery', level: demonstrated + 1, rationale: `  ${rationale}  `, panel: [panel[0].id, panel[1].id] } },
      asActor(panel[0].id, 'panel'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.calibrateLevel).toMatchObject({
      changed: true,
      calibratedLevel: {
        competency: { id: 'mastery' },
        level: demonstrated + 1,
        rationale,
        panel: [{ id: panel[0].id, name: panel[0].name }, { id: panel[1].id, name: panel[1].name }],
        calibratedBy: { id: panel[0].id },
        calibratedById: panel[0].id,
      },
    });

    const shown = await gql(profile, { id: subject.id });
    expect(shown.errors).toBeUndefined();
    const [mastery] = shown.data!.engineer.competencyLevels;
    expect(shown.data!.engineer.competencyLevels).toHaveLength(1);
    expect(mastery.competency).toEqual({ id: 'mastery', name: 'Mastery' });
    expect(mastery.demonstrated).toMatchObject({ level: demonstrated, skill: null });
    expect(mastery.demonstrated.evidence.length).toBeGreaterThan(0);
    expect(mastery.calibrated).toEqual({
      level: demonstrated + 1,
      rationale,
      panel: [{ id: panel[0].id, name: panel[0].name }, { id: panel[1].id, name: panel[1].name }],
      calibratedBy: { id: panel[0].id, name: panel[0].name },
      calibratedAt: result.data!.calibrateLevel.calibratedLevel.calibratedAt,
    });

    // A later calibration becomes the current one; the history keeps both.
    const again = await gql(
      calibrate,
      { input: { engineerId: subject.id, competency: 'mastery', level: demonstrated, rationale: 'Appeal: the panel aligns with the evidence', panel: [panel[1].id] } },
      asActor(panel[1].id, 'panel'),
    );
    expect(again.errors).toBeUndefined();
    const after = await gql(profile, { id: subject.id });
    expect(after.data!.engineer.competencyLevels[0].calibrated).toMatchObject({ level: demonstrated, calibratedBy: { id: panel[1].id }, panel: [{ id: panel[1].id }] });
    expect(after.data!.engineer.calibratedLevels).toEqual([
      { competency: { id: 'mastery' }, level: demonstrated + 1, rationale },
      { competency: { id: 'mastery' }, level: demonstrated, rationale: 'Appeal: the panel aligns with the evidence' },
    ]);
  });

  it('refuses engineers, managers, other roles and anonymous callers, and stores nothing', async () => {
    const before = await headPosition();
    const input = { engineerId: subject.id, competency: 'Mastery', level: 2, rationale: 'Self-assessed', panel: [panel[0].id] };
    const cases: [Record<string, string>, string][] = [
      [asActor(subject.id), 'FORBIDDEN'],
      [asActor(subject.manager!.id), 'FORBIDDEN'],
      [asActor(panel[0].id, 'framework-owner,hris'), 'FORBIDDEN'],
      [asActor(panel[0].id, 'admin'), 'FORBIDDEN'],
      [{}, 'UNAUTHENTICATED'],
    ];
    for (const [headers, code] of cases) {
      const result = await gql(calibrate, { input }, headers);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code });
    }
    expect(await headPosition()).toBe(before);
  });

  it('refuses a bad level, rationale, competency, engineer or panel with the field at fault, and stores nothing', async () => {
    const before = await headPosition();
    const send = (change: Record<string, unknown>) =>
      gql(calibrate, { input: { engineerId: subject.id, competency: 'Mastery', level: 3, rationale: 'Calibrated at the Q4 panel', panel: [panel[0].id], ...change } }, asActor(panel[0].id, 'panel'));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ level: 7 }, 'BAD_USER_INPUT', 'input.level'],
      [{ level: 0 }, 'BAD_USER_INPUT', 'input.level'],
      [{ level: -2 }, 'BAD_USER_INPUT', 'input.level'],
      [{ rationale: '   ' }, 'BAD_USER_INPUT', 'input.rationale'],
      [{ rationale: 'x'.repeat(2_001) }, 'BAD_USER_INPUT', 'input.rationale'],
      [{ competency: 'Juggling' }, 'BAD_USER_INPUT', 'input.competency'],
      [{ competency: '' }, 'BAD_USER_INPUT', 'input.competency'],
      [{ panel: [] }, 'BAD_USER_INPUT', 'input.panel'],
      [{ panel: [panel[0].id, 'nobody'] }, 'BAD_USER_INPUT', 'input.panel[1]'],
      [{ frameworkId: 'no-such-framework' }, 'BAD_USER_INPUT', 'input.frameworkId'],
      [{ engineerId: 'nobody' }, 'NOT_FOUND', 'input.engineerId'],
    ];
    for (const [change, code, field] of cases) {
      const result: GraphqlResponse = await send(change);
      expect({ change, extensions: result.errors?.[0]?.extensions }).toMatchObject({ change, extensions: { code, field } });
    }
    expect(await headPosition()).toBe(before);
    const calibrations = await gql(`query($id: ID!) { engineer(id: $id) { calibratedLevels { level } } }`, { id: subject.id });
    expect(calibrations.data!.engineer.calibratedLevels).toHaveLength(2);
  });
});

describe('amending evidence', () => {
  it('lets the owner amend approved evidence: it goes back to review and the level it proved goes with it', async () => {
    // A framework where one approved item demonstrates level 1 of Mastery.
    const framework = {
      name: 'Amendment framework',
      levels: [{ level: 1 }, { level: 2 }],
      competencies: [{ id: 'mastery', name: 'Mastery' }],
      behaviours: [
        { id: 'amend-m1', level: 1, competency: 'mastery', text: 'Keeps the build green on the amendment service' },
        { id: 'amend-m2', level: 2, competency: 'mastery', text: 'Designs the amendment service end to end' },
      ],
      policy: { coverageShare: 1, minimumEvidence: 1, recencyWindowDays: null },
    };
    const imported = await gql(
      `mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version } }`,
      { input: { frameworkId: 'amend', format: 'JSON', content: JSON.stringify(framework), publish: true } },
      asActor('owner-1', 'framework-owner'),
    );
    expect(imported.errors).toBeUndefined();

    const owner = subject;
    const submitted = await gql(
      `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }`,
      { input: { engineerId: owner.id, frameworkId: 'amend', kind: 'DESIGN', title: 'Amendment service design', url: 'https://git.example.test/amend/1', date: '2026-10-20', skills: ['golang'], behaviourIds: ['amend-m1'] } },
      asActor(owner.id),
    );
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitEvidence.evidence.id as string;
    expect((await gql(`mutation($id: ID!) { endorseEvidence(id: $id) { changed } }`, { id }, asActor(panel[0].id))).errors).toBeUndefined();
    expect((await gql(`mutation($id: ID!) { approveEvidence(id: $id) { evidence { status } } }`, { id }, asActor(owner.manager!.id))).data!.approveEvidence.evidence.status).toBe('APPROVED');
    await instance.running.settled();
    const levelsIn = async () => {
      const shown = await gql(`query($id: ID!) { engineer(id: $id) { levels(competency: "mastery", skill: "go") { level frameworkId evidence { id } } } }`, { id: owner.id });
      return (shown.data!.engineer.levels as { frameworkId: string }[]).filter((l) => l.frameworkId === 'amend');
    };
    expect(await levelsIn()).toEqual([{ level: 1, frameworkId: 'amend', evidence: [{ id }] }]);

    const amended = await gql(amend, { id, input: { title: '  Amendment service design, with the rollout  ', date: '2026-10-21', url: null, skills: ['Go', 'golang'] } }, asActor(owner.id));
    expect(amended.errors).toBeUndefined();
    expect(amended.data!.amendEvidence).toEqual({
      changed: true,
      evidence: {
        id,
        status: 'SUBMITTED',
        title: 'Amendment service design, with the rollout',
        date: '2026-10-21',
        url: null,
        skills: [{ id: 'go' }],
        behaviours: [{ id: 'amend-m1' }],
        endorsedBy: [],
        reviewedBy: null,
      },
    });
    await instance.running.settled();
    expect(await levelsIn()).toEqual([]);

    // Back in review: the manager approves it again and the level returns.
    expect((await gql(`mutation($id: ID!) { approveEvidence(id: $id) { evidence { status } } }`, { id }, asActor(owner.manager!.id))).errors).toBeUndefined();
    await instance.running.settled();
    expect(await levelsIn()).toEqual([{ level: 1, frameworkId: 'amend', evidence: [{ id }] }]);

    // Refusals change nothing: a stranger, the manager, a bad date, nothing to change, an unknown behaviour or skill.
    const before = await headPosition();
    const cases: [Promise<GraphqlResponse>, string, string | null][] = [
      [gql(amend, { id, input: { title: 'Mine now' } }, asActor(panel[1].id)), 'FORBIDDEN', 'actor'],
      [gql(amend, { id, input: { title: 'Edited by my manager' } }, asActor(owner.manager!.id)), 'FORBIDDEN', 'actor'],
      [gql(amend, { id, input: { title: 'Anonymous' } }), 'UNAUTHENTICATED', null],
      [gql(amend, { id, input: { date: '2026-02-30' } }, asActor(owner.id)), 'BAD_USER_INPUT', 'input.date'],
      [gql(amend, { id, input: { date: '20 Oct 2026' } }, asActor(owner.id)), 'BAD_USER_INPUT', 'input.date'],
      [gql(amend, { id, input: {} }, asActor(owner.id)), 'BAD_USER_INPUT', 'input'],
      [gql(amend, { id, input: { title: '' } }, asActor(owner.id)), 'BAD_USER_INPUT', 'input.title'],
      [gql(amend, { id, input: { url: 'ftp://nope' } }, asActor(owner.id)), 'BAD_USER_INPUT', 'input.url'],
      [gql(amend, { id, input: { behaviourIds: ['no-such-behaviour'] } }, asActor(owner.id)), 'BAD_USER_INPUT', 'behaviourIds'],
      [gql(amend, { id, input: { skills: ['go', 'cobol'] } }, asActor(owner.id)), 'BAD_USER_INPUT', 'input.skills[1]'],
      [gql(amend, { id: 'missing', input: { title: 'Nothing here' } }, asActor(owner.id)), 'NOT_FOUND', 'evidenceId'],
    ];
    for (const [pending, code, field] of cases) {
      const result = await pending;
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, ...(field && { field }) });
    }
    expect(await headPosition()).toBe(before);
    const unchanged = await gql(`query($id: ID!) { evidence(id: $id) { status title date } }`, { id });
    expect(unchanged.data!.evidence).toEqual({ status: 'APPROVED', title: 'Amendment service design, with the rollout', date: '2026-10-21' });
  });
});
