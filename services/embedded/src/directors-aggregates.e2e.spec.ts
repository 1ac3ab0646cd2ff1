import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EmbeddedTestInstance, type GraphqlResponse } from './testing/embedded-test-instance.js';

// Directors' aggregates over HTTP on the embedded product (demo organisation, in-memory graph): every
// heatmap cell of levelDistribution equals the engineers(filter) count a director would otherwise ask for
// cell by cell, skillCoverage's holders equal the per-skill counts, progression's last point is today's
// distribution; each role counts what the access policy lets it read, and bad input is refused by field.

const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40' });
const as = (id: string, roles = '') => ({ 'x-actor-id': id, ...(roles && { 'x-actor-roles': roles }) });
const admin = as('ops-admin', 'admin');

async function must<T = Record<string, any>>(response: Promise<GraphqlResponse<T>>): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!;
}
const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = admin) => instance.gql(query, variables, headers);
const errorOf = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = admin) => {
  const response = await gql(query, variables, headers);
  expect(response.data ?? null).toBeNull();
  return response.errors![0]!.extensions;
};

interface Group {
  groupId: string | null;
  team: { id: string } | null;
  manager: { id: string } | null;
  counts: { level: number; count: number }[];
  total: number;
  median: number | null;
}

const distributionQuery = /* GraphQL */ `
  query($groupBy: LevelGroupBy!, $skill: String, $asOf: String, $team: ID) {
    levelDistribution(competency: "Mastery", skill: $skill, groupBy: $groupBy, asOf: $asOf, filter: {team: $team}) {
      competency { id }
      skill { id }
      groupBy
      asOf
      groups { groupId team { id } manager { id } counts { level count } total median }
    }
  }
`;
const distribution = async (variables: Record<string, unknown>, headers: Record<string, string> = admin) =>
  (await must(gql(distributionQuery, variables, headers)))['levelDistribution'] as { groups: Group[]; competency: { id: string }; skill: { id: string } | null; asOf: string | null };
const countOf = async (filter: Record<string, unknown>, headers: Record<string, string> = admin) =>
  (await must(gql('query($filter: EngineerFilter) { engineers(filter: $filter, first: 1) { totalCount } }', { filter }, headers)))['engineers'].totalCount as number;

let people: { id: string; team: { id: string }; manager: { id: string } | null }[];
/** A manager with reports who reports to someone (a director's view of a part of the organisation). */
let director: string;
/** An engineer with no reports. */
let individual: string;

beforeAll(async () => {
  await instance.start();
  await instance.running.settled();
  people = (await must(gql('{ engineers(first: 200) { nodes { id team { id } manager { id } } } }')))['engineers'].nodes;
  const reportsOf = (id: string) => people.filter((p) => p.manager?.id === id).length;
  director = people.find((p) => p.manager !== null && reportsOf(p.id) > 0)?.id ?? people.find((p) => reportsOf(p.id) > 0)!.id;
  individual = people.find((p) => reportsOf(p.id) === 0)!.id;
}, 120_000);

afterAll(async () => instance.dispose());

describe('levelDistribution', () => {
  it('gives each team the counts a director would otherwise ask engineers(filter) for cell by cell, with the median', async () => {
    const view = await distribution({ groupBy: 'TEAM', skill: 'golang' });
    expect(view.competency.id).toBe('mastery');
    expect(view.skill).toEqual({ id: 'go' });
    expect(view.groups.length).toBeGreaterThan(0);
    for (const group of view.groups.slice(0, 4)) {
      expect(group.team).toEqual({ id: group.groupId });
      expect(group.total).toBe(group.counts.reduce((sum, c) => sum + c.count, 0));
      for (const { level, count } of group.counts) expect(await countOf({ competency: 'Mastery', skill: 'go', level, team: group.groupId })).toBe(count);
      const levels = group.counts.flatMap((c) => Array<number>(c.count).fill(c.level));
      const mid = Math.floor(levels.length / 2);
      expect(group.median).toBe(levels.length % 2 ? levels[mid] : (levels[mid - 1]! + levels[mid]!) / 2);
    }
    const overall = await distribution({ groupBy: 'NONE', skill: 'golang' });
    expect(overall.groups).toHaveLength(1);
    expect(overall.groups[0]!.total).toBe(await countOf({ competency: 'Mastery', skill: 'go', levelAtLeast: 1 }));
    expect(overall.groups[0]!.total).toBe(view.groups.reduce((sum, g) => sum + g.total, 0));
  });

  it('groups by manager, and by the level history as of a past instant', async () => {
    const byManager = await distribution({ groupBy: 'MANAGER' });
    for (const group of byManager.groups) expect(group.manager).toEqual(group.groupId === null ? null : { id: group.groupId });
    const now = (await distribution({ groupBy: 'NONE' })).groups[0]!;
    expect(byManager.groups.reduce((sum, g) => sum + g.total, 0)).toBe(now.total);
    const beforeTheOrganisation = await distribution({ groupBy: 'NONE', asOf: '2000-01-01' });
    expect(beforeTheOrganisation.asOf).toBe('2000-01-01T23:59:59.999Z');
    expect(beforeTheOrganisation.groups).toEqual([{ groupId: null, team: null, manager: null, counts: [], total: 0, median: null }]);
  });

  it("counts a director's own organisation, an engineer themselves, everyone for the demo visitor; refuses a service without panel or admin", async () => {
    const everyone = (await distribution({ groupBy: 'NONE' })).groups[0]!.total;
    expect((await distribution({ groupBy: 'NONE' }, {})).groups[0]!.total).toBe(everyone);
    expect((await distribution({ groupBy: 'NONE' }, as('pan', 'panel'))).groups[0]!.total).toBe(everyone);
    const asDirector = as(director, 'director');
    const ownOrganisation = (await distribution({ groupBy: 'NONE' }, asDirector)).groups[0]!.total;
    expect(ownOrganisation).toBe(await countOf({ competency: 'Mastery', levelAtLeast: 1 }, asDirector));
    expect(ownOrganisation).toBeLessThan(everyone);
    expect((await distribution({ groupBy: 'NONE' }, as(individual))).groups[0]!.total).toBeLessThanOrEqual(1);
    expect(await errorOf(distributionQuery, { groupBy: 'NONE' }, as('hr-bot', 'hris'))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses an unknown competency, a future asOf and an unknown skill, by field', async () => {
    expect(await errorOf('{ levelDistribution(competency: "Cooking") { groupBy } }')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'competency' });
    expect(await errorOf(distributionQuery, { groupBy: 'NONE', asOf: '2999-01-01' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect(await errorOf(distributionQuery, { groupBy: 'NONE', skill: 'cobol' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'skill' });
  });
});

describe('skillCoverage', () => {
  const coverageQuery = /* GraphQL */ `
    query($minLevel: Int!, $team: ID, $competency: String) {
      skillCoverage(minLevel: $minLevel, team: $team, competency: $competency) {
        minLevel
        competency { id }
        organisation { skill { id } team { id } holders soleHolder { id } atRisk }
        teams { skill { id } team { id } holders soleHolder { id } atRisk }
      }
    }
  `;
  type Entry = { skill: { id: string }; team: { id: string } | null; holders: number; soleHolder: { id: string } | null; atRisk: boolean };

  it('gives each skill its holders at or above the level, flagged below two, across the organisation and per team', async () => {
    const data = await must(gql(coverageQuery, { minLevel: 2, competency: 'Mastery' }));
    const coverage = data['skillCoverage'] as { minLevel: number; competency: { id: string }; organisation: Entry[]; teams: Entry[] };
    expect(coverage.minLevel).toBe(2);
    expect(coverage.competency).toEqual({ id: 'mastery' });
    const skills = (await must(gql('{ skills { id } }')))['skills'] as { id: string }[];
    expect(coverage.organisation.map((e) => e.skill.id)).toEqual(skills.map((s) => s.id).sort());
    for (const entry of coverage.organisation.slice(0, 5)) {
      expect(entry.team).toBeNull();
      expect(entry.holders).toBe(await countOf({ competency: 'Mastery', skill: entry.skill.id, levelAtLeast: 2 }));
      expect(entry.atRisk).toBe(entry.holders < 2);
    }
    for (const entry of coverage.teams.slice(0, 5)) {
      expect(entry.holders).toBe(await countOf({ competency: 'Mastery', skill: entry.skill.id, levelAtLeast: 2, team: entry.team!.id }));
      expect(entry.soleHolder === null).toBe(entry.holders !== 1);
    }
    const sole = coverage.teams.find((e) => e.holders === 1);
    if (sole) {
      const holder = (await must(gql('query($id: ID!) { engineer(id: $id) { team { id } } }', { id: sole.soleHolder!.id })))['engineer'];
      expect(holder.team).toEqual(sole.team);
    }
  });

  it("narrows to a team, counts a director's organisation only, and refuses a service without panel or admin and a level below 1", async () => {
    const team = people[0]!.team.id;
    const teamOnly = (await must(gql(coverageQuery, { minLevel: 1, team })))['skillCoverage'] as { teams: Entry[] };
    expect(new Set(teamOnly.teams.map((e) => e.team!.id))).toEqual(teamOnly.teams.length > 0 ? new Set([team]) : new Set());
    const asDirector = as(director, 'director');
    const mine = (await must(gql(coverageQuery, { minLevel: 1, competency: 'Mastery' }, asDirector)))['skillCoverage'] as { organisation: Entry[] };
    for (const entry of mine.organisation.slice(0, 3)) expect(entry.holders).toBe(await countOf({ competency: 'Mastery', skill: entry.skill.id, levelAtLeast: 1 }, asDirector));
    expect(await errorOf(coverageQuery, { minLevel: 1 }, as('hr-bot', 'hris'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(coverageQuery, { minLevel: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minLevel' });
  });
});

describe('progression', () => {
  const progressionQuery = /* GraphQL */ `
    query($from: String!, $to: String!, $interval: ProgressionInterval!, $team: ID) {
      progression(competency: "Mastery", skill: "Go", from: $from, to: $to, interval: $interval, team: $team) {
        competency { id }
        skill { id }
        interval
        points { periodStart asOf counts { level count } total median }
      }
    }
  `;
  const today = new Date().toISOString().slice(0, 10);
  const monthsAgo = (n: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - n);
    return d.toISOString().slice(0, 10);
  };

  it("gives level counts at the end of each month, the last being today's distribution", async () => {
    const data = await must(gql(progressionQuery, { from: monthsAgo(5), to: today, interval: 'MONTH' }));
    const view = data['progression'] as { interval: string; skill: { id: string }; points: { periodStart: string; asOf: string; total: number; counts: { level: number; count: number }[] }[] };
    expect(view.interval).toBe('MONTH');
    expect(view.skill).toEqual({ id: 'go' });
    expect(view.points).toHaveLength(6);
    expect(view.points[0]!.periodStart).toBe(monthsAgo(5));
    expect(view.points.at(-1)!.periodStart).toBe(monthsAgo(0));
    const now = (await distribution({ groupBy: 'NONE', skill: 'Go' })).groups[0]!;
    expect(view.points.at(-1)!.counts).toEqual(now.counts);
    const quarterly = (await must(gql(progressionQuery, { from: monthsAgo(11), to: today, interval: 'QUARTER' })))['progression'] as { points: unknown[] };
    expect(quarterly.points.length).toBeGreaterThanOrEqual(4);
    expect(quarterly.points.length).toBeLessThanOrEqual(5);
  });

  it('counts only what the caller may read, and refuses unbounded, reversed or future ranges by field', async () => {
    const asIndividual = (await must(gql(progressionQuery, { from: today, to: today, interval: 'MONTH' }, as(individual))))['progression'] as { points: { total: number }[] };
    expect(asIndividual.points[0]!.total).toBeLessThanOrEqual(1);
    expect(await errorOf(progressionQuery, { from: today, to: today, interval: 'MONTH' }, as('hr-bot', 'hris'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(progressionQuery, { from: '2020-01-01', to: today, interval: 'MONTH' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(await errorOf(progressionQuery, { from: today, to: monthsAgo(3), interval: 'MONTH' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    expect(await errorOf(progressionQuery, { from: today, to: '2999-01-01', interval: 'MONTH' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(await errorOf(progressionQuery, { from: '2026-02-30', to: today, interval: 'MONTH' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});
