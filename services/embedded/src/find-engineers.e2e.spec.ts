import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EmbeddedTestInstance, type GraphqlResponse } from './testing/embedded-test-instance.js';

// Staffing search (findEngineers) and organisation-wide asOf on engineers(filter), over HTTP on the demo
// organisation: the answers are checked against each engineer's levels as an admin reads them, and each
// role finds only the engineers whose levels it may read.

const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40' });
const gql = instance.gql.bind(instance);
const as = (id: string, roles = '') => ({ 'x-actor-id': id, ...(roles && { 'x-actor-roles': roles }) });

interface Level {
  competency: { id: string };
  skill: { id: string } | null;
  level: number;
  frameworkId: string;
  computedAt: string;
  evidence: { id: string }[];
}
interface Person {
  id: string;
  name: string;
  status: string;
  manager: { id: string } | null;
  levels: Level[];
}
interface Requirement {
  competency: string;
  skill: string | null;
  levelAtLeast: number;
}

const staffingQuery = /* GraphQL */ `
  query($requirements: [StaffingRequirementInput!]!, $team: ID, $first: Int, $after: String) {
    findEngineers(requirements: $requirements, team: $team, first: $first, after: $after) {
      totalCount
      nodes { engineer { id name } margin cursor requirements { competency { id } skill { id } levelAtLeast level frameworkId evidenceIds evidence { id } } }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

let people: Person[];
let admin: string;
let requirements: Requirement[];

const best = (p: Person, r: Requirement) =>
  p.levels.filter((l) => l.competency.id === r.competency && (l.skill?.id ?? null) === r.skill && l.level >= r.levelAtLeast).sort((a, b) => b.level - a.level || a.frameworkId.localeCompare(b.frameworkId))[0];

/** What findEngineers must answer, worked out from the levels an admin reads. */
function expected(reqs: Requirement[], among: Person[]): [string, number][] {
  return among
    .filter((p) => p.status === 'ACTIVE' && reqs.every((r) => best(p, r)))
    .map((p): [string, number, string] => [p.id, reqs.reduce((sum, r) => sum + best(p, r)!.level - r.levelAtLeast, 0), p.name])
    .sort((a, b) => b[1] - a[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[0] < b[0] ? -1 : 1))
    .map(([id, margin]) => [id, margin]);
}

/** Every match, page by page (pages of 3, to exercise the cursor). */
async function allMatches(reqs: Requirement[], headers: Record<string, string>): Promise<[string, number][]> {
  const found: [string, number][] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const response: GraphqlResponse = await gql(staffingQuery, { requirements: reqs, first: 3, after }, headers);
    expect(response.errors).toBeUndefined();
    const page: { nodes: { engineer: { id: string }; margin: number }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } = response.data!['findEngineers'];
    found.push(...page.nodes.map((n) => [n.engineer.id, n.margin] as [string, number]));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return found;
}

const lineOf = (id: string): Set<string> => {
  const line = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of people) if (p.manager && line.has(p.manager.id) && !line.has(p.id)) grew = line.add(p.id).size > 0;
  }
  return line;
};

beforeAll(async () => {
  await instance.start();
  const someone = (await gql('{ engineers(first: 1) { nodes { id } } }')).data!['engineers'].nodes[0].id as string;
  admin = someone;
  const response = await gql(
    '{ engineers(first: 200, filter: {includeLeavers: true}) { nodes { id name status manager { id } levels { competency { id } skill { id } level frameworkId computedAt evidence { id } } } } }',
    {},
    as(admin, 'admin'),
  );
  expect(response.errors).toBeUndefined();
  people = response.data!['engineers'].nodes;
  // The skill level most people hold, and the one most of them also hold: staffing a pair of skills.
  const active = people.filter((p) => p.status === 'ACTIVE');
  const keysOf = (p: Person) => new Set(p.levels.filter((l) => l.skill).map((l) => `${l.competency.id}|${l.skill!.id}`));
  const count = (keep: (keys: Set<string>) => boolean, key: string) => active.filter((p) => keep(keysOf(p)) && keysOf(p).has(key)).length;
  const all = [...new Set(active.flatMap((p) => [...keysOf(p)]))].sort();
  const mostHeld = (keep: (keys: Set<string>) => boolean, not: string[]) => all.filter((k) => !not.includes(k)).sort((a, b) => count(keep, b) - count(keep, a) || a.localeCompare(b))[0]!;
  const first = mostHeld(() => true, []);
  const second = mostHeld((keys) => keys.has(first), [first]);
  requirements = [first, second].map((key) => {
    const [competency, skill] = key.split('|') as [string, string];
    return { competency, skill, levelAtLeast: 1 };
  });
}, 120_000);
afterAll(() => instance.dispose(), 60_000);

describe('findEngineers over HTTP', () => {
  it('finds, for an admin, everyone meeting every requirement, ranked by margin then name, across pages', async () => {
    const want = expected(requirements, people);
    expect(want.length).toBeGreaterThan(1);
    expect(await allMatches(requirements, as(admin, 'admin'))).toEqual(want);
  });

  it('proves each requirement with the level and the evidence behind it, in the order asked', async () => {
    const response = await gql(staffingQuery, { requirements, first: 1 }, as(admin, 'admin'));
    const match = response.data!['findEngineers'].nodes[0];
    const person = people.find((p) => p.id === match.engineer.id)!;
    expect(match.requirements.map((r: { competency: { id: string }; skill: { id: string } | null }) => [r.competency.id, r.skill?.id ?? null])).toEqual(requirements.map((r) => [r.competency, r.skill]));
    requirements.forEach((r, i) => {
      const level = best(person, r)!;
      expect(match.requirements[i]).toMatchObject({ levelAtLeast: r.levelAtLeast, level: level.level, frameworkId: level.frameworkId, evidenceIds: level.evidence.map((e) => e.id) });
      expect(match.requirements[i].evidence.map((e: { id: string }) => e.id)).toEqual(level.evidence.map((e) => e.id));
    });
  });

  it('gives a director their organisation only, an engineer only themselves, and hris nobody', async () => {
    const directors = people.filter((p) => people.some((q) => q.manager?.id === p.id && people.some((r) => r.manager?.id === q.id)));
    const director = directors[0]!;
    const line = lineOf(director.id);
    const want = expected(requirements, people.filter((p) => line.has(p.id)));
    expect(want.length).toBeLessThan(expected(requirements, people).length);
    expect(await allMatches(requirements, as(director.id, 'director'))).toEqual(want);

    const loner = people.find((p) => p.status === 'ACTIVE' && !people.some((q) => q.manager?.id === p.id) && expected(requirements, [p]).length === 1)!;
    expect(await allMatches(requirements, as(loner.id))).toEqual(expected(requirements, [loner]));
    const other = people.find((p) => p.status === 'ACTIVE' && !people.some((q) => q.manager?.id === p.id) && expected(requirements, [p]).length === 0)!;
    expect(await allMatches(requirements, as(other.id))).toEqual([]);
    expect(await allMatches(requirements, as('hr-bot', 'hris'))).toEqual([]);
  });

  it('narrows to a team', async () => {
    const teamOf = (await gql('{ engineers(first: 200) { nodes { id team { id } } } }', {}, as(admin, 'admin'))).data!['engineers'].nodes as { id: string; team: { id: string } }[];
    const [id] = expected(requirements, people)[0]!;
    const team = teamOf.find((e) => e.id === id)!.team.id;
    const members = new Set(teamOf.filter((e) => e.team.id === team).map((e) => e.id));
    const response = await gql(staffingQuery, { requirements, team, first: 50 }, as(admin, 'admin'));
    expect(response.data!['findEngineers'].nodes.map((n: { engineer: { id: string }; margin: number }) => [n.engineer.id, n.margin])).toEqual(expected(requirements, people.filter((p) => members.has(p.id))));
  });

  it('refuses bad requirements with BAD_USER_INPUT naming the field, and a foreign cursor', async () => {
    const refusal = async (variables: Record<string, unknown>) => {
      const response = await gql(staffingQuery, { first: 5, ...variables }, as(admin, 'admin'));
      expect([variables, response.data ?? null]).toEqual([variables, null]);
      return [response.errors![0]!.extensions['code'], response.errors![0]!.extensions['field']];
    };
    expect(await refusal({ requirements: [] })).toEqual(['BAD_USER_INPUT', 'requirements']);
    expect(await refusal({ requirements: Array.from({ length: 11 }, () => requirements[0]) })).toEqual(['BAD_USER_INPUT', 'requirements']);
    expect(await refusal({ requirements: [{ ...requirements[0], levelAtLeast: 0 }] })).toEqual(['BAD_USER_INPUT', 'requirements[0].levelAtLeast']);
    expect(await refusal({ requirements: [{ ...requirements[0], skill: 'no-such-skill' }] })).toEqual(['BAD_USER_INPUT', 'requirements[0].skill']);
    expect(await refusal({ requirements, first: 0 })).toEqual(['BAD_USER_INPUT', 'first']);
    expect(await refusal({ requirements, after: 'bm90LWEtY3Vyc29y' })).toEqual(['BAD_USER_INPUT', 'after']);
  });
});

describe('engineers(filter: {asOf}) over HTTP', () => {
  const search = /* GraphQL */ `
    query($filter: EngineerFilter) { engineers(filter: $filter, first: 200) { totalCount nodes { id } } }
  `;

  it('judges the level filter on the levels as they stood then, as Engineer.levels(asOf) reads them', async () => {
    const r = requirements[0]!;
    const instants = [...new Set(people.flatMap((p) => p.levels.map((l) => l.computedAt)))].sort();
    expect(instants.length).toBeGreaterThan(1);
    for (const asOf of [instants[0]!, instants[Math.floor(instants.length / 2)]!]) {
      const levelsThen = await gql(
        'query($asOf: String) { engineers(first: 200, filter: {includeLeavers: true}) { nodes { id levels(asOf: $asOf) { competency { id } skill { id } level } } } }',
        { asOf },
        as(admin, 'admin'),
      );
      const want = (levelsThen.data!['engineers'].nodes as { id: string; levels: { competency: { id: string }; skill: { id: string } | null; level: number }[] }[])
        .filter((p) => p.levels.some((l) => l.competency.id === r.competency && l.skill?.id === r.skill && l.level >= r.levelAtLeast))
        .map((p) => p.id)
        .sort();
      const got = await gql(search, { filter: { competency: r.competency, skill: r.skill, levelAtLeast: r.levelAtLeast, asOf, includeLeavers: true } }, as(admin, 'admin'));
      expect(got.errors).toBeUndefined();
      expect((got.data!['engineers'].nodes as { id: string }[]).map((n) => n.id).sort()).toEqual(want);
    }
  });

  it('reads as now for today, finds nobody before any level, and refuses a future asOf', async () => {
    const r = requirements[0]!;
    const filter = { competency: r.competency, skill: r.skill, levelAtLeast: r.levelAtLeast };
    const now = await gql(search, { filter }, as(admin, 'admin'));
    const today = await gql(search, { filter: { ...filter, asOf: new Date().toISOString().slice(0, 10) } }, as(admin, 'admin'));
    expect(today.data!['engineers'].totalCount).toBe(now.data!['engineers'].totalCount);
    expect((await gql(search, { filter: { ...filter, asOf: '2000-01-01' } }, as(admin, 'admin'))).data!['engineers'].totalCount).toBe(0);
    const future = await gql(search, { filter: { ...filter, asOf: '2999-01-01' } }, as(admin, 'admin'));
    expect(future.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.asOf' });
  });

  it('matches only engineers whose levels the caller may read: an engineer finds at most themselves', async () => {
    const r = requirements[0]!;
    const holder = people.find((p) => p.status === 'ACTIVE' && !people.some((q) => q.manager?.id === p.id) && best(p, r))!;
    const got = await gql(search, { filter: { competency: r.competency, skill: r.skill, levelAtLeast: r.levelAtLeast, asOf: new Date().toISOString() } }, as(holder.id));
    expect((got.data!['engineers'].nodes as { id: string }[]).map((n) => n.id)).toEqual([holder.id]);
  });
});
