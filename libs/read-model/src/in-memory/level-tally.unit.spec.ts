import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import { InMemorySkillsGraph } from './in-memory-skills-graph.js';
import { recordedEvents } from '../testing/recorded-events.js';
import { progression, type LevelDistributionQuery, type LevelFact, type PersonFact, type ProgressionQuery, type SkillCoverageQuery } from '../directors/level-aggregates.js';

// The directors' aggregates read counts kept as levels are applied (LevelTally) and sweep the history once
// for a progression. Here they are checked against the questions' definitions, written out plainly over
// the raw events: every engineer employed then, their last record per framework at the instant, the
// highest across frameworks.

const engineerIds = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
const teams = ['t1', 't2', 't3'];
const skills = ['go', 'kafka'];
const day = fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const manager = fc.option(fc.constantFrom(...engineerIds), { nil: null });

const personEvent = fc.oneof(
  fc.record({ engineerId: fc.constantFrom(...engineerIds), teamId: fc.constantFrom(...teams), managerId: manager, on: day }).map(
    ({ engineerId, teamId, managerId, on }): SkillsGraphEvent => ({ type: 'EngineerMoved', data: { engineerId, teamId, teamName: teamId, managerId, title: 'Engineer', movedOn: on } }),
  ),
  fc.record({ engineerId: fc.constantFrom(...engineerIds), on: day }).map(({ engineerId, on }): SkillsGraphEvent => ({ type: 'EngineerLeft', data: { engineerId, leftOn: on } })),
);
const levelEvent = fc
  .record({
    engineerId: fc.constantFrom(...engineerIds, 'unknown'),
    frameworkId: fc.constantFrom('f1', 'f2'),
    competencyId: fc.constantFrom('mastery', 'impact'),
    skillId: fc.constantFrom<string | null>(null, 'go', 'kafka', 'unregistered'),
    level: fc.integer({ min: 0, max: 4 }),
    on: day,
    hour: fc.integer({ min: 0, max: 23 }),
  })
  .map(
    ({ engineerId, frameworkId, competencyId, skillId, level, on, hour }): SkillsGraphEvent =>
      ({
        type: 'DemonstratedLevelRecorded',
        data: { engineerId, frameworkId, frameworkVersion: 1, competencyId, skillId, level, previousLevel: 0, evidenceIds: [], computedAt: `${on}T${String(hour).padStart(2, '0')}:00:00.000Z` },
      }) as SkillsGraphEvent,
  );

/** An organisation: skills registered, engineers joining on random days, then moves, leavers and level records interleaved. */
const organisation = fc
  .tuple(
    fc.array(fc.record({ teamId: fc.constantFrom(...teams), managerId: manager, on: day }), { minLength: engineerIds.length, maxLength: engineerIds.length }),
    fc.array(fc.oneof({ weight: 1, arbitrary: personEvent }, { weight: 4, arbitrary: levelEvent }), { minLength: 10, maxLength: 80, size: 'max' }),
  )
  .map(([joins, rest]): SkillsGraphEvent[] => [
    ...skills.map((skillId): SkillsGraphEvent => ({ type: 'SkillRegistered', data: { skillId, name: skillId, aliases: [] } })),
    ...joins.map(
      ({ teamId, managerId, on }, i): SkillsGraphEvent => ({
        type: 'EngineerJoined',
        data: { engineerId: engineerIds[i]!, name: engineerIds[i]!, email: null, title: 'Engineer', teamId, teamName: teamId, managerId, joinedOn: on },
      }) as SkillsGraphEvent,
    ),
    ...rest,
  ]);

/** What the events say, read plainly. */
function facts(events: SkillsGraphEvent[]): { levels: LevelFact[]; people: Map<string, PersonFact> } {
  const levels: LevelFact[] = [];
  const people = new Map<string, PersonFact>();
  for (const e of events) {
    if (e.type === 'EngineerJoined') people.set(e.data.engineerId, { id: e.data.engineerId, teamId: e.data.teamId, managerId: e.data.managerId, status: 'active', joinedOn: e.data.joinedOn, leftOn: null });
    const person = 'engineerId' in e.data ? people.get(e.data.engineerId) : undefined;
    if (e.type === 'EngineerMoved' && person) Object.assign(person, { teamId: e.data.teamId, managerId: e.data.managerId });
    if (e.type === 'EngineerLeft' && person) Object.assign(person, { status: 'left', leftOn: e.data.leftOn });
    if (e.type === 'DemonstratedLevelRecorded') levels.push({ engineerId: e.data.engineerId, frameworkId: e.data.frameworkId, competencyId: e.data.competencyId, skillId: e.data.skillId, level: e.data.level, computedAt: e.data.computedAt });
  }
  return { levels, people };
}

const employed = (p: PersonFact, asOf?: string) =>
  asOf === undefined ? p.status === 'active' : p.joinedOn <= asOf.slice(0, 10) && (p.status === 'active' || (p.leftOn !== null && p.leftOn > asOf.slice(0, 10)));

/** The level an engineer held at an instant: the last record per framework (recorded order) at or before it, the highest across frameworks. */
function levelAt(levels: LevelFact[], engineerId: string, match: (f: LevelFact) => boolean, asOf = '\uffff'): number {
  const perFramework = new Map<string, number>();
  for (const f of levels) if (f.engineerId === engineerId && match(f) && f.computedAt <= asOf) perFramework.set(`${f.frameworkId}|${f.competencyId}|${f.skillId}`, f.level);
  return Math.max(0, ...perFramework.values());
}

function summary(levels: number[]) {
  const sorted = levels.filter((l) => l > 0).sort((a, b) => a - b);
  const counts = [...new Set(sorted)].map((level) => ({ level, count: sorted.filter((l) => l === level).length }));
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? null : sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { counts, total: sorted.length, median };
}

function lineOf(people: Map<string, PersonFact>, root: string): Set<string> {
  const line = new Set([root]);
  for (const id of line) for (const p of people.values()) if (p.managerId === id) line.add(p.id);
  return line;
}

const scopes = fc.record({ teamId: fc.option(fc.constantFrom(...teams), { nil: undefined }), withinLineOf: fc.option(fc.constantFrom(...engineerIds), { nil: undefined }) });

function inScope(people: Map<string, PersonFact>, p: PersonFact, scope: { teamId?: string | undefined; withinLineOf?: string | undefined }): boolean {
  return (scope.teamId === undefined || p.teamId === scope.teamId) && (scope.withinLineOf === undefined || lineOf(people, scope.withinLineOf).has(p.id));
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

async function graphOf(events: SkillsGraphEvent[]): Promise<InMemorySkillsGraph> {
  const graph = new InMemorySkillsGraph();
  // Recorded after every day the events name: each joiner, mover and leaver applies at once, in log order.
  await graph.applyEvents(recordedEvents(events, 0n, '2027-01-01T00:00:00.000Z'));
  return graph;
}

describe('directors aggregates over counted levels (in memory)', () => {
  it('levelDistribution of today counts each active engineer once per group at their highest level', async () => {
    await fc.assert(
      fc.asyncProperty(organisation, fc.constantFrom('mastery', 'impact'), fc.constantFrom<string | null>(null, 'go', 'kafka'), fc.constantFrom('TEAM', 'MANAGER', 'NONE') as fc.Arbitrary<LevelDistributionQuery['groupBy']>, scopes, async (events, competencyId, skillId, groupBy, scope) => {
        const { levels, people } = facts(events);
        const expected = new Map<string | null, number[]>();
        for (const p of people.values()) {
          if (!employed(p) || !inScope(people, p, scope)) continue;
          const level = levelAt(levels, p.id, (f) => f.competencyId === competencyId && f.skillId === skillId);
          if (level === 0) continue;
          const group = groupBy === 'TEAM' ? p.teamId : groupBy === 'MANAGER' ? p.managerId : null;
          expected.set(group, [...(expected.get(group) ?? []), level]);
        }
        if (groupBy === 'NONE' && expected.size === 0) expected.set(null, []);
        const groups = [...expected].sort(([a], [b]) => (a ?? '').localeCompare(b ?? '')).map(([groupId, ls]) => ({ groupId, ...summary(ls) }));
        const graph = await graphOf(events);
        expect(await graph.levelDistribution(defined({ competencyId, skillId, groupBy, ...scope }))).toEqual({ groups });
      }),
      { numRuns: 300 },
    );
  });

  it('skillCoverage of today counts the holders of each registered skill, organisation-wide and per team', async () => {
    await fc.assert(
      fc.asyncProperty(organisation, fc.integer({ min: 1, max: 4 }), fc.option(fc.constantFrom('mastery', 'impact'), { nil: undefined }), scopes, async (events, minLevel, competencyId, scope) => {
        const { levels, people } = facts(events);
        const holders = (skillId: string, teamId?: string) =>
          [...people.values()]
            .filter((p) => employed(p) && inScope(people, p, scope) && (teamId === undefined || p.teamId === teamId))
            .filter((p) => levelAt(levels, p.id, (f) => f.skillId === skillId && (competencyId === undefined || f.competencyId === competencyId)) >= minLevel)
            .map((p) => p.id);
        const entry = (skillId: string, teamId: string | null, ids: string[]) => ({ skillId, teamId, holders: ids.length, soleHolderId: ids.length === 1 ? ids[0] : null, atRisk: ids.length < 2 });
        const expected = {
          minLevel,
          organisation: skills.map((s) => entry(s, null, holders(s))),
          teams: teams.flatMap((t) => skills.map((s) => entry(s, t, holders(s, t)))).filter((e) => e.holders > 0),
        };
        const graph = await graphOf(events);
        const query: SkillCoverageQuery = defined({ minLevel, competencyId, ...scope });
        expect(await graph.skillCoverage(query)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('progression sweeps the history to the same counts as asking at each interval end', async () => {
    await fc.assert(
      fc.asyncProperty(organisation, fc.constantFrom('mastery', 'impact'), fc.constantFrom<string | null>(null, 'go'), fc.constantFrom('MONTH', 'QUARTER') as fc.Arbitrary<ProgressionQuery['interval']>, fc.boolean(), async (events, competencyId, skillId, interval, shuffled) => {
        // Records recorded out of time order too: a later record of a framework still wins at any instant both have passed.
        const ordered = shuffled ? events : [...events].sort((a, b) => ((a.data as { computedAt?: string }).computedAt ?? '').localeCompare((b.data as { computedAt?: string }).computedAt ?? ''));
        const { levels, people } = facts(ordered);
        const query: ProgressionQuery = { competencyId, skillId, from: '2026-01-15', to: '2026-12-31', interval };
        const view = progression(query, levels, people);
        for (const point of view.points) {
          const held = [...people.values()].filter((p) => employed(p, point.asOf)).map((p) => levelAt(levels, p.id, (f) => f.competencyId === competencyId && f.skillId === skillId, point.asOf));
          expect({ asOf: point.asOf, ...summary(held) }).toEqual({ asOf: point.asOf, counts: point.counts, total: point.total, median: point.median });
        }
        expect(view.points).toHaveLength(interval === 'MONTH' ? 12 : 4);
        // The in-memory graph keeps each history in time order as records arrive and sweeps that.
        expect(await (await graphOf(ordered)).progression(query)).toEqual(view);
      }),
      { numRuns: 300 },
    );
  });
});
