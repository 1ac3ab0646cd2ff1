import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import { InMemorySkillsGraph } from '../in-memory/in-memory-skills-graph.js';
import { recordedEvents } from '../testing/recorded-events.js';
import {
  backfillLevelTalliesStep,
  countedUpToCypher,
  deleteSomeLevelTalliesCypher,
  levelTallyRowsForBatch,
  levelTallyRowsOf,
  lockLevelTallyCypher,
  markLevelTallyCypher,
  nextEngineersCypher,
  prepareLevelTallies,
  talliedEngineersCypher,
  tallyKey,
  writeLevelTallyCypher,
  type TalliedEngineer,
  type TallyRow,
} from './level-tally-projection.js';

// The projection's side of the Neo4j tallies, without a database: what a batch writes, applied to the
// tallies as writeLevelTallyCypher applies it, must come to the counts the questions define, whatever the
// batches, and so must a backfill of a graph projected without them, in steps between batches; the Cypher
// itself runs in the contract suite and the random-sequence test on a real Neo4j.

const engineerIds = ['e1', 'e2', 'e3', 'e4', 'e5'];
const teams = ['t1', 't2', 't3'];
const day = fc.integer({ min: 0, max: 300 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const manager = fc.option(fc.constantFrom(...engineerIds), { nil: null });
const event: fc.Arbitrary<SkillsGraphEvent> = fc.oneof(
  fc.record({ engineerId: fc.constantFrom(...engineerIds, 'e9'), teamId: fc.constantFrom(...teams), managerId: manager, on: day }).map(
    ({ engineerId, teamId, managerId, on }): SkillsGraphEvent => ({ type: 'EngineerJoined', data: { engineerId, name: engineerId, email: null, title: 'Engineer', teamId, teamName: teamId, managerId, joinedOn: on } }) as SkillsGraphEvent,
  ),
  fc.record({ engineerId: fc.constantFrom(...engineerIds, 'e9'), teamId: fc.constantFrom(...teams), managerId: manager, on: day }).map(
    ({ engineerId, teamId, managerId, on }): SkillsGraphEvent => ({ type: 'EngineerMoved', data: { engineerId, teamId, teamName: teamId, managerId, title: 'Engineer', movedOn: on } }),
  ),
  fc.record({ engineerId: fc.constantFrom(...engineerIds), on: day }).map(({ engineerId, on }): SkillsGraphEvent => ({ type: 'EngineerLeft', data: { engineerId, leftOn: on } })),
  ...[1, 2, 3].map(() =>
    fc
      .record({
        engineerId: fc.constantFrom(...engineerIds, 'e9'),
        frameworkId: fc.constantFrom('f1', 'f2'),
        competencyId: fc.constantFrom('mastery', 'impact'),
        skillId: fc.constantFrom<string | null>(null, 'go', 'kafka'),
        level: fc.integer({ min: 0, max: 4 }),
      })
      .map(
        ({ engineerId, frameworkId, competencyId, skillId, level }): SkillsGraphEvent =>
          ({
            type: 'DemonstratedLevelRecorded',
            data: { engineerId, frameworkId, frameworkVersion: 1, competencyId, skillId, level, previousLevel: 0, evidenceIds: [], computedAt: '2026-06-01T00:00:00.000Z' },
          }) as SkillsGraphEvent,
      ),
  ),
);

/** A tally as the graph holds it: h<level> (at or above), top, and for a team its members and a member at the top. */
interface Tally {
  h: Map<number, number>;
  top: number;
  members: string[] | null;
  topMember: string | null;
}
type Store = Map<string, Tally>;

/** What writeLevelTallyCypher does to the tallies, row by row. */
function applyRows(store: Store, rows: TallyRow[]): void {
  expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
  for (const [key, , kind, , delta, added, removed] of rows) {
    const t = store.get(key) ?? { h: new Map<number, number>(), top: 0, members: null, topMember: null };
    delta.forEach((d, level) => {
      if (level === 0 || d === 0) return;
      const next = (t.h.get(level) ?? 0) + d;
      if (next === 0) t.h.delete(level);
      else t.h.set(level, next);
    });
    const members = [...(t.members ?? []).filter((m) => !removed.includes(m)), ...added];
    let top = 0;
    for (let level = 1; level <= Math.max(t.top, delta.length - 1); level++) if ((t.h.get(level) ?? 0) > 0) top = level;
    if (top === 0) {
      store.delete(key);
      continue;
    }
    store.set(key, { h: t.h, top, members: kind === 'team' ? members : null, topMember: members.find((m) => m.startsWith(`${top}:`)) ?? null });
  }
}

/** The tallies written out plainly: each active engineer's highest level per dimension, under their team and manager. */
function expectedTallies(events: SkillsGraphEvent[]): Map<string, { h: Map<number, number>; top: number; members: string[] | null }> {
  const people = new Map<string, { teamId: string; managerId: string | null; active: boolean }>();
  const levels = new Map<string, Map<string, [string, string | null, number]>>();
  for (const e of events) {
    if (e.type === 'EngineerJoined') people.set(e.data.engineerId, { teamId: e.data.teamId, managerId: e.data.managerId, active: true });
    const person = 'engineerId' in e.data ? people.get(e.data.engineerId) : undefined;
    if (e.type === 'EngineerMoved' && person) Object.assign(person, { teamId: e.data.teamId, managerId: e.data.managerId });
    if (e.type === 'EngineerLeft' && person) person.active = false;
    if (e.type === 'DemonstratedLevelRecorded') {
      const own = levels.get(e.data.engineerId) ?? new Map<string, [string, string | null, number]>();
      own.set(`${e.data.frameworkId}|${e.data.competencyId}|${e.data.skillId}`, [e.data.competencyId, e.data.skillId, e.data.level]);
      levels.set(e.data.engineerId, own);
    }
  }
  const tallies = new Map<string, { levels: Map<number, string[]> }>();
  const add = (key: string, level: number, id: string) => {
    const t = tallies.get(key) ?? { levels: new Map<number, string[]>() };
    t.levels.set(level, [...(t.levels.get(level) ?? []), id]);
    tallies.set(key, t);
  };
  for (const [id, p] of people) {
    if (!p.active) continue;
    const highest = new Map<string, number>();
    for (const [competencyId, skillId, level] of levels.get(id)?.values() ?? []) {
      for (const dimension of [`c:${competencyId}|${skillId ?? ''}`, ...(skillId === null ? [] : [`s:${skillId}`])]) highest.set(dimension, Math.max(highest.get(dimension) ?? 0, level));
    }
    for (const [dimension, level] of highest) {
      if (level === 0) continue;
      add(tallyKey('team', p.teamId, dimension), level, id);
      add(tallyKey('manager', p.managerId ?? '', dimension), level, id);
    }
  }
  return new Map(
    [...tallies].map(([key, t]) => {
      const top = Math.max(...t.levels.keys());
      const h = new Map<number, number>();
      for (let level = 1; level <= top; level++) {
        const n = [...t.levels].filter(([l]) => l >= level).reduce((sum, [, ids]) => sum + ids.length, 0);
        if (n > 0) h.set(level, n);
      }
      const members = key.startsWith('["team"') ? [...t.levels].flatMap(([level, ids]) => ids.map((id) => `${level}:${id}`)).sort() : null;
      return [key, { h, top, members }];
    }),
  );
}

/** The tallies without their topMember, once it is checked to be a member at the top level. */
const normalised = (store: Store) =>
  new Map(
    [...store].map(([key, t]) => {
      if (t.members !== null) {
        expect(t.topMember?.startsWith(`${t.top}:`)).toBe(true);
        expect(t.members).toContain(t.topMember);
      } else expect(t.topMember).toBeNull();
      return [key, { h: t.h, top: t.top, members: t.members === null ? null : [...t.members].sort() }];
    }),
  );

/** The engineers a batch touches as the graph holds them (what talliedEngineersCypher reads on Neo4j). */
async function priorState(graph: InMemorySkillsGraph, ids: string[]): Promise<TalliedEngineer[]> {
  const engineers = await graph.engineersByIds(ids);
  const levels = await graph.levelsOfEngineers(ids);
  return ids.map((id, i) => ({
    id,
    status: engineers[i]?.status ?? null,
    teamId: engineers[i]?.teamId ?? null,
    managerId: engineers[i]?.managerId ?? null,
    levels: levels[i]!.map((l): [string, string, string, number] => [l.frameworkId, l.competencyId, l.skillId ?? '', l.level]),
  }));
}

const everyone = [...engineerIds, 'e9'].sort();

describe('level tallies kept by the Neo4j projection', () => {
  it('come to the defined counts whatever the batches, and when backfilled in steps between batches from any point', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 10 }),
        fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        async (events, cuts, forgetAfter, perStep, stepBefore) => {
          const recorded = recordedEvents(events);
          const graph = new InMemorySkillsGraph();
          const store: Store = new Map();
          /** The backfill: not started (tallies kept), the last engineer id counted, or done. */
          let upTo: string | null = null;
          const backfillStep = async () => {
            if (upTo === null) return;
            const next = everyone.filter((id) => id > upTo!).slice(0, perStep);
            applyRows(store, levelTallyRowsOf(await priorState(graph, next)));
            upTo = next.length < perStep ? null : next.at(-1)!;
          };
          let from = 0;
          for (let i = 0; from < recorded.length; i++) {
            if (stepBefore[i % stepBefore.length]) await backfillStep();
            const batch = recorded.slice(from, from + cuts[i % cuts.length]!);
            from += batch.length;
            const ids = [...new Set(batch.map((e) => (e.data as { engineerId?: string }).engineerId).filter((id): id is string => id !== undefined))];
            const countedUpTo = upTo;
            applyRows(store, levelTallyRowsForBatch(await priorState(graph, ids), batch, (id) => countedUpTo === null || id <= countedUpTo));
            await graph.applyEvents(batch);
            if (i === forgetAfter) {
              // As if projected before the tallies existed: none, and a backfill starts.
              store.clear();
              upTo = '';
            }
          }
          while (upTo !== null) await backfillStep();
          expect(normalised(store)).toEqual(expectedTallies(events));
        },
      ),
      { numRuns: 400 },
    );
  });

  /** A RunCypher that records what it is sent and answers from a table, by the statement's text. */
  function recorder(answers: Map<string, Record<string, unknown>[]>) {
    const sent: { cypher: string; params: Record<string, unknown> }[] = [];
    const run = async (cypher: string, params: Record<string, unknown>) => {
      sent.push({ cypher, params });
      return answers.get(cypher) ?? [];
    };
    return { sent, run };
  }
  const movedE1 = recordedEvents([{ type: 'EngineerMoved', data: { engineerId: 'e1', teamId: 't2', teamName: 'T2', managerId: null, title: 'Engineer', movedOn: '2026-06-01' } }], 41n);
  const e1InT1: unknown[] = ['e1', 'active', 't1', null, [['fw', 'mastery', 'go', 2]]];

  it('reads the touched engineers and the tallies version once before a batch, and writes the difference with one UNWIND', async () => {
    const { sent, run } = recorder(new Map([[talliedEngineersCypher, [{ fresh: false, version: 2, upTo: null, engineers: [e1InT1] }]]]));
    await (await prepareLevelTallies(run, movedE1))();
    expect(sent.map((s) => s.cypher)).toEqual([talliedEngineersCypher, writeLevelTallyCypher]);
    expect(sent[0]!.params).toEqual({ name: 'skills-graph', ids: ['e1'] });
    expect(sent[1]!.params['rows']).toEqual([
      ['["team","t1"]c:mastery|go', 'c:mastery|go', 'team', 't1', [0, -1, -1], [], ['2:e1']],
      ['["team","t1"]s:go', 's:go', 'team', 't1', [0, -1, -1], [], ['2:e1']],
      ['["team","t2"]c:mastery|go', 'c:mastery|go', 'team', 't2', [0, 1, 1], ['2:e1'], []],
      ['["team","t2"]s:go', 's:go', 'team', 't2', [0, 1, 1], ['2:e1'], []],
    ]);
  });

  it('marks the version with the first batch of a fresh graph, and during a backfill counts only the engineers it has counted, under the lock', async () => {
    const fresh = recorder(new Map([[talliedEngineersCypher, [{ fresh: true, version: null, upTo: null, engineers: [] }]]]));
    await (await prepareLevelTallies(fresh.run, movedE1))();
    expect(fresh.sent.map((s) => s.cypher)).toEqual([talliedEngineersCypher, markLevelTallyCypher]);

    const e2InT1: unknown[] = ['e2', 'active', 't1', null, [['fw', 'mastery', 'go', 3]]];
    const both = recordedEvents(
      ['e1', 'e2'].map((engineerId): SkillsGraphEvent => ({ type: 'EngineerMoved', data: { engineerId, teamId: 't2', teamName: 'T2', managerId: null, title: 'Engineer', movedOn: '2026-06-01' } })),
      41n,
    );
    const during = recorder(
      new Map([
        [talliedEngineersCypher, [{ fresh: false, version: null, upTo: 'e1', engineers: [e1InT1, e2InT1] }]],
        [lockLevelTallyCypher, [{ version: null, upTo: 'e1' }]],
      ]),
    );
    await (await prepareLevelTallies(during.run, both))();
    expect(during.sent.map((s) => s.cypher)).toEqual([talliedEngineersCypher, lockLevelTallyCypher, writeLevelTallyCypher]);
    expect(new Set((during.sent[2]!.params['rows'] as TallyRow[]).flatMap((r) => [...r[5], ...r[6]]))).toEqual(new Set(['2:e1'])); // e2 is counted when the backfill reaches it
  });

  it('backfills in steps: deletes tallies of another version, then counts engineers in id order, then marks the version', async () => {
    const deleting = recorder(new Map<string, Record<string, unknown>[]>([[lockLevelTallyCypher, [{ version: 1, upTo: null }]], [deleteSomeLevelTalliesCypher, [{ deleted: 10_000 }]]]));
    expect(await backfillLevelTalliesStep(deleting.run)).toBe(false);
    expect(deleting.sent.map((s) => s.cypher)).toEqual([lockLevelTallyCypher, deleteSomeLevelTalliesCypher]);

    const deleted = recorder(new Map<string, Record<string, unknown>[]>([[lockLevelTallyCypher, [{ version: 1, upTo: null }]], [deleteSomeLevelTalliesCypher, [{ deleted: 0 }]]]));
    expect(await backfillLevelTalliesStep(deleted.run)).toBe(false);
    expect(deleted.sent.map((s) => [s.cypher, s.params])).toEqual([
      [lockLevelTallyCypher, { name: 'skills-graph' }],
      [deleteSomeLevelTalliesCypher, {}],
      [countedUpToCypher, { name: 'skills-graph', upTo: '' }],
    ]);

    const counting = recorder(
      new Map<string, Record<string, unknown>[]>([
        [lockLevelTallyCypher, [{ version: null, upTo: '' }]],
        [nextEngineersCypher, [{ id: 'e1', status: 'active', teamId: 't1', managerId: null, levels: [['fw', 'mastery', 'go', 2]] }, { id: 'e5', status: 'left', teamId: 't1', managerId: null, levels: [] }]],
      ]),
    );
    expect(await backfillLevelTalliesStep(counting.run)).toBe(true);
    expect(counting.sent.map((s) => s.cypher)).toEqual([lockLevelTallyCypher, nextEngineersCypher, writeLevelTallyCypher, markLevelTallyCypher]);
    expect(counting.sent[1]!.params).toEqual({ after: '' });
    expect((counting.sent[2]!.params['rows'] as TallyRow[]).map((r) => r[0])).toEqual(['["team","t1"]c:mastery|go', '["manager",""]c:mastery|go', '["team","t1"]s:go', '["manager",""]s:go']);

    for (const state of [[], [{ version: 2, upTo: null }]]) {
      const done = recorder(new Map([[lockLevelTallyCypher, state]]));
      expect(await backfillLevelTalliesStep(done.run)).toBe(true); // nothing projected yet, or kept already
      expect(done.sent).toHaveLength(1);
    }
  });

  it('writes a batch with one UNWIND that adds the at-or-above counts level by level and deletes a tally counting nobody', () => {
    expect(writeLevelTallyCypher).toMatchInlineSnapshot(`
"UNWIND $rows AS row
WITH row[0] AS key, row[1] AS dimension, row[2] AS kind, row[3] AS groupId, row[4] AS delta, row[5] AS added, row[6] AS removed
MERGE (t:LevelTally {key: key})
ON CREATE SET t.dimension = dimension, t.kind = kind, t.groupId = groupId
WITH t, delta, added, removed, coalesce(t.top, 0) AS before
FOREACH (level IN [l IN range(1, size(delta) - 1) WHERE delta[l] <> 0] |
  SET t['h' + level] = CASE WHEN coalesce(t['h' + level], 0) + toInteger(delta[level]) = 0 THEN null ELSE coalesce(t['h' + level], 0) + toInteger(delta[level]) END)
WITH t, [m IN coalesce(t.members, []) WHERE NOT m IN removed] + added AS members,
     reduce(top = 0, l IN range(1, CASE WHEN before > size(delta) - 1 THEN before ELSE size(delta) - 1 END) | CASE WHEN t['h' + l] > 0 THEN l ELSE top END) AS top
SET t.top = top, t.members = CASE WHEN t.kind = 'team' THEN members END, t.topMember = head([m IN members WHERE m STARTS WITH toString(top) + ':'])
WITH t, top WHERE top = 0
DELETE t"
`);
    expect(nextEngineersCypher).toMatchInlineSnapshot(`
"MATCH (e:Engineer) WHERE e.id > $after
WITH e ORDER BY e.id LIMIT 1000
RETURN e.id AS id, e.status AS status, e.teamId AS teamId, e.managerId AS managerId, [(e)-[:DEMONSTRATES]->(d:DemonstratedLevel) | [d.frameworkId, d.competencyId, d.skillId, d.level]] AS levels"
`);
    expect(talliedEngineersCypher).toMatchInlineSnapshot(`
"OPTIONAL MATCH (c:ProjectionCheckpoint {name: $name})
WITH c IS NULL AS fresh, c.levelTally AS version, c.levelTallyUpTo AS upTo
CALL () {
  UNWIND $ids AS id
  MATCH (e:Engineer {id: id})
  RETURN collect([e.id, e.status, e.teamId, e.managerId, [(e)-[:DEMONSTRATES]->(d:DemonstratedLevel) | [d.frameworkId, d.competencyId, d.skillId, d.level]]]) AS engineers
}
RETURN fresh, version, upTo, engineers"
`);
  });
});
