import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// gapToNextLevel, promotionReadiness and the evidence-source mix of a level claim, over HTTP on the embedded
// product with the demo organisation: who may ask, and that the answers agree with the recorded levels.

const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40' });
const gql = instance.gql.bind(instance);
const asActor = (id: string, roles = '') => ({ 'x-actor-id': id, ...(roles && { 'x-actor-roles': roles }) });

interface Person {
  id: string;
  managerId: string | null;
  mastery: number;
}

const gapQuery = /* GraphQL */ `
  query($id: ID!, $competency: String!, $skill: String, $framework: ID) {
    gapToNextLevel(engineerId: $id, competency: $competency, skill: $skill, framework: $framework) {
      engineer { id }
      competency { id }
      level
      nextLevel
      policy { coverageShare minimumEvidence recencyWindowDays }
      behaviours { behaviour { id level } covered evidence { id } }
      missing { id level }
      behavioursRequired behavioursCovered behavioursStillNeeded
      evidenceCounted evidenceRequired evidenceStillNeeded oneBehaviourAway
      evidence { id }
      sources { selfReported withArtefact peerEndorsed total }
    }
  }
`;
const readinessQuery = /* GraphQL */ `
  query($filter: PromotionReadinessFilter) {
    promotionReadiness(filter: $filter) {
      engineer { id }
      competency { id }
      demonstratedLevel
      calibratedLevel
      reasons
      gap { level nextLevel behavioursStillNeeded evidenceStillNeeded evidence { id } }
    }
  }
`;

let people: Person[];
/** A director (top of a line, with reports), someone in their line with a Mastery level of at least 2, and an engineer elsewhere without reports. */
let director: Person;
let subject: Person;
let outsider: Person;
const lineOf = (headId: string): Set<string> => {
  const line = new Set([headId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of people) if (p.managerId !== null && line.has(p.managerId) && !line.has(p.id)) grew = line.add(p.id) !== undefined;
  }
  return line;
};

beforeAll(async () => {
  await instance.start();
  const { data } = await gql(`{ engineers(first: 40) { nodes { id manager { id } levels(competency: "Mastery") { level skill { id } } } } }`);
  people = (data!.engineers.nodes as { id: string; manager: { id: string } | null; levels: { level: number; skill: unknown }[] }[]).map((p) => ({
    id: p.id,
    managerId: p.manager?.id ?? null,
    mastery: p.levels.find((l) => l.skill === null)?.level ?? 0,
  }));
  const heads = people.filter((p) => p.managerId === null && people.some((q) => q.managerId === p.id));
  director = heads.find((d) => people.some((p) => p.mastery >= 2 && p.id !== d.id && lineOf(d.id).has(p.id)))!;
  const line = lineOf(director.id);
  subject = people.find((p) => p.mastery >= 2 && p.id !== director.id && line.has(p.id))!;
  outsider = people.find((p) => !line.has(p.id) && !people.some((q) => q.managerId === p.id))!;
}, 120_000);

afterAll(async () => instance.dispose());

describe('gapToNextLevel', () => {
  it('gives the engineer their gap: the recorded level, the policy, the next level behaviours with what counts and what is missing', async () => {
    const { data, errors } = await gql(gapQuery, { id: subject.id, competency: 'Mastery' }, asActor(subject.id));
    expect(errors).toBeUndefined();
    const gap = data!.gapToNextLevel;
    expect(gap.engineer.id).toBe(subject.id);
    expect(gap.level).toBe(subject.mastery);
    expect(gap.policy.coverageShare).toBeGreaterThan(0);
    if (gap.nextLevel !== null) {
      expect(gap.nextLevel).toBeGreaterThan(gap.level);
      expect(gap.behaviours.length).toBeGreaterThan(0);
      expect(gap.behaviours.every((b: { behaviour: { level: number } }) => b.behaviour.level === gap.nextLevel)).toBe(true);
      expect(gap.missing.map((b: { id: string }) => b.id)).toEqual(gap.behaviours.filter((b: { covered: boolean }) => !b.covered).map((b: { behaviour: { id: string } }) => b.behaviour.id));
      expect(gap.behavioursCovered).toBe(gap.behaviours.length - gap.missing.length);
      expect(gap.behavioursStillNeeded).toBe(Math.max(0, gap.behavioursRequired - gap.behavioursCovered));
      expect(gap.behavioursStillNeeded + gap.evidenceStillNeeded).toBeGreaterThan(0);
    }
    expect(gap.evidence.length).toBeGreaterThan(0);
    expect(gap.sources.total).toBe(gap.evidence.length);
    expect(gap.sources.selfReported).toBeLessThanOrEqual(gap.sources.total);
  });

  it('answers the engineer, their manager, the director of their organisation, panel and admin; refuses others', async () => {
    const manager = people.find((p) => p.id === subject.managerId)!;
    for (const headers of [asActor(subject.id), asActor(manager.id), asActor(director.id, 'director'), asActor(outsider.id, 'panel'), asActor(outsider.id, 'admin'), {}]) {
      const { data, errors } = await gql(gapQuery, { id: subject.id, competency: 'Mastery' }, headers);
      expect(errors).toBeUndefined();
      expect(data!.gapToNextLevel.level).toBe(subject.mastery);
    }
    for (const headers of [asActor(outsider.id), asActor(outsider.id, 'director'), asActor('hr-bot', 'hris')]) {
      const { data, errors } = await gql(gapQuery, { id: subject.id, competency: 'Mastery' }, headers);
      expect(data).toBeNull();
      expect(errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'engineerId' });
    }
  });

  it('refuses an unknown engineer, competency, skill or framework, naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ id: 'nobody-here', competency: 'Mastery' }, 'NOT_FOUND', 'engineerId'],
      [{ id: subject.id, competency: 'Juggling' }, 'BAD_USER_INPUT', 'competency'],
      [{ id: subject.id, competency: 'Mastery', skill: 'COBOL-on-Mars' }, 'BAD_USER_INPUT', 'skill'],
      [{ id: subject.id, competency: 'Mastery', framework: 'no-such-framework' }, 'BAD_USER_INPUT', 'framework'],
      [{ id: ' ', competency: 'Mastery' }, 'BAD_USER_INPUT', 'args.engineerId'],
    ];
    for (const [variables, code, field] of cases) {
      const { errors } = await gql(gapQuery, variables, asActor('adm', 'admin'));
      expect(errors![0]!.extensions).toMatchObject({ code, field });
    }
  });
});

describe('promotionReadiness', () => {
  it('lists someone the panel calibrated below their demonstrated level, with the evidence, to their director', async () => {
    const panel = people.find((p) => p.id !== subject.id && p.id !== subject.managerId)!;
    const calibrated = await gql(
      'mutation($input: CalibrateLevelInput!) { calibrateLevel(input: $input) { position } }',
      { input: { engineerId: subject.id, competency: 'Mastery', level: subject.mastery - 1, rationale: 'Before the latest evidence', panel: [panel.id] } },
      asActor(panel.id, 'panel'),
    );
    expect(calibrated.errors).toBeUndefined();
    await instance.running.settled();

    const { data, errors } = await gql(readinessQuery, { filter: { competency: 'Mastery' } }, asActor(director.id, 'director'));
    expect(errors).toBeUndefined();
    const candidates = data!.promotionReadiness as { engineer: { id: string }; demonstratedLevel: number; calibratedLevel: number | null; reasons: string[]; gap: { evidence: unknown[] } }[];
    const line = lineOf(director.id);
    expect(candidates.every((c) => line.has(c.engineer.id) && c.reasons.length > 0)).toBe(true);
    const mine = candidates.find((c) => c.engineer.id === subject.id)!;
    expect(mine).toMatchObject({ demonstratedLevel: subject.mastery, calibratedLevel: subject.mastery - 1 });
    expect(mine.reasons).toContain('ABOVE_CALIBRATION');
    expect(mine.gap.evidence.length).toBeGreaterThan(0);
    for (const c of candidates) {
      if (c.reasons.includes('ABOVE_CALIBRATION')) expect(c.demonstratedLevel).toBeGreaterThan(c.calibratedLevel!);
    }
  });

  it('shows an engineer without reports only themselves, panel and admin everyone, and refuses a service principal', async () => {
    const own = await gql(readinessQuery, {}, asActor(outsider.id));
    expect(own.errors).toBeUndefined();
    expect((own.data!.promotionReadiness as { engineer: { id: string } }[]).every((c) => c.engineer.id === outsider.id)).toBe(true);
    const everyone = await gql(readinessQuery, { filter: { competency: 'Mastery' } }, asActor(outsider.id, 'panel'));
    const ids = new Set((everyone.data!.promotionReadiness as { engineer: { id: string } }[]).map((c) => c.engineer.id));
    expect(ids.has(subject.id)).toBe(true);
    expect([...ids].some((id) => !lineOf(director.id).has(id)) || people.every((p) => lineOf(director.id).has(p.id))).toBe(true);
    const refused = await gql(readinessQuery, {}, asActor('hr-bot', 'hris'));
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const badTeam = await gql(readinessQuery, { filter: { competency: 'Nope' } }, asActor(outsider.id, 'panel'));
    expect(badTeam.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.competency' });
  });
});

describe('the evidence-source mix of a level claim', () => {
  it('counts the proofs of each demonstrated level: self-reported, with an artefact, peer-endorsed', async () => {
    const { data, errors } = await gql(
      'query($id: ID!) { engineer(id: $id) { levels { level evidence { url endorsedBy { id } } sources { selfReported withArtefact peerEndorsed total } } } }',
      { id: subject.id },
      asActor(subject.id),
    );
    expect(errors).toBeUndefined();
    const levels = data!.engineer.levels as { evidence: { url: string | null; endorsedBy: unknown[] }[]; sources: Record<string, number> }[];
    expect(levels.length).toBeGreaterThan(0);
    for (const l of levels) {
      expect(l.sources).toEqual({
        selfReported: l.evidence.filter((e) => !e.url && e.endorsedBy.length === 0).length,
        withArtefact: l.evidence.filter((e) => !!e.url).length,
        peerEndorsed: l.evidence.filter((e) => e.endorsedBy.length > 0).length,
        total: l.evidence.length,
      });
    }
    // The demo's evidence has all three kinds somewhere.
    const all = levels.flatMap((l) => l.evidence);
    expect(all.some((e) => !!e.url) || all.some((e) => e.endorsedBy.length > 0)).toBe(true);
  });
});

describe('asOf: the gap and readiness as they stood', () => {
  const gapAsOf = /* GraphQL */ `
    query($id: ID!, $asOf: String) {
      gapToNextLevel(engineerId: $id, competency: "Mastery", asOf: $asOf) { level nextLevel evidence { id } }
    }
  `;
  const readinessAsOf = /* GraphQL */ `
    query($asOf: String) {
      promotionReadiness(filter: { competency: "Mastery" }, asOf: $asOf) { engineer { id } demonstratedLevel calibratedLevel reasons gap { evidence { id } } }
    }
  `;
  type Candidate = { engineer: { id: string }; demonstratedLevel: number; calibratedLevel: number | null; reasons: string[]; gap: { evidence: { id: string }[] } };
  const ids = (evidence: { id: string }[]) => evidence.map((e) => e.id).sort();

  it('counts evidence withdrawn since at an instant before the withdrawal, nothing before the first approval, and refuses the future', async () => {
    const self = asActor(subject.id);
    const before = (await gql(gapAsOf, { id: subject.id }, self)).data!.gapToNextLevel as { level: number; evidence: { id: string }[] };
    const candidatesBefore = (await gql(readinessAsOf, {}, asActor(director.id, 'director'))).data!.promotionReadiness as Candidate[];
    const proof = before.evidence[0]!.id;
    const instant = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const withdrawn = await gql('mutation($id: ID!) { withdrawEvidence(id: $id) { changed } }', { id: proof }, self);
    expect(withdrawn.errors).toBeUndefined();
    await instance.running.settled();

    const now = (await gql(gapAsOf, { id: subject.id }, self)).data!.gapToNextLevel as { evidence: { id: string }[] };
    expect(ids(now.evidence)).not.toContain(proof);
    const then = await gql(gapAsOf, { id: subject.id, asOf: instant }, self);
    expect(then.errors).toBeUndefined();
    expect(then.data!.gapToNextLevel.level).toBe(before.level);
    expect(ids(then.data!.gapToNextLevel.evidence)).toEqual(ids(before.evidence));
    const candidatesThen = (await gql(readinessAsOf, { asOf: instant }, asActor(director.id, 'director'))).data!.promotionReadiness as Candidate[];
    expect(candidatesThen.find((c) => c.engineer.id === subject.id)).toEqual(candidatesBefore.find((c) => c.engineer.id === subject.id));

    // The day before the subject's earliest evidence nothing of theirs was approved yet.
    const { data } = await gql('query($id: ID!) { engineer(id: $id) { evidence { date } } }', { id: subject.id }, self);
    const earliest = (data!.engineer.evidence as { date: string }[]).map((e) => e.date).sort()[0]!;
    const dayBefore = new Date(Date.parse(earliest) - 86_400_000).toISOString().slice(0, 10);
    expect((await gql(gapAsOf, { id: subject.id, asOf: dayBefore }, self)).data!.gapToNextLevel).toEqual({ level: 0, nextLevel: expect.any(Number), evidence: [] });
    const early = (await gql(readinessAsOf, { asOf: dayBefore }, asActor(director.id, 'director'))).data!.promotionReadiness as Candidate[];
    expect(early.filter((c) => c.engineer.id === subject.id).every((c) => c.demonstratedLevel === 0 && c.gap.evidence.length === 0)).toBe(true);

    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString();
    for (const refused of [await gql(gapAsOf, { id: subject.id, asOf: tomorrow }, self), await gql(readinessAsOf, { asOf: tomorrow }, asActor(director.id, 'director')), await gql(gapAsOf, { id: subject.id, asOf: 'last tuesday' }, self)]) {
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    }
  });
});
