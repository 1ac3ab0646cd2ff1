import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import { InMemorySkillsGraph } from '../in-memory/in-memory-skills-graph.js';
import { recordedEvents } from '../testing/recorded-events.js';
import {
  activeEngineersCypher,
  levelTallyRowsForBatch,
  levelTallyRowsOf,
  lockLevelTallyCypher,
  prepareLevelTallies,
  rebuildLevelTallies,
  talliedEngineersCypher,
  tallyKey,
  writeLevelTallyCypher,
  type TalliedEngineer,
  type TallyRow,
} from './level-tally-projection.js';

// The projection's side of the Neo4j tallies, without a database: what a batch writes, applied to the
// tallies as writeLevelTallyCypher applies it, must come to the counts the questions define, whatever the
// batches; the Cypher itself runs in the contract suite and the random-sequence test on a real Neo4j.

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

type Store = Map<string, { counts: number[]; members: string[] }>;

/** What writeLevelTallyCypher does to the tallies, row by row. */
function applyRows(store: Store, rows: TallyRow[]): void {
  expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
  for (const [key, , , , delta, added, removed] of rows) {
    const t = store.get(key) ?? { counts: [], members: [] };
    const counts = Array.from({ length: Math.max(t.counts.length, delta.length) }, (_, i) => (t.counts[i] ?? 0) + (delta[i] ?? 0));
    const members = [...t.members.filter((m) => !removed.includes(m)), ...added];
    if (counts.every((c) => c === 0)) store.delete(key);
    else store.set(key, { counts, members });
  }
}

/** The tallies written out plainly: each active engineer's highest level per dimension, under their team and manager. */
function expectedTallies(events: SkillsGraphEvent[]): Map<string, { counts: number[]; members: string[] }> {
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
      const counts = Array.from({ length: Math.max(...t.levels.keys()) + 1 }, (_, level) => t.levels.get(level)?.length ?? 0);
      const members = key.startsWith('["team"') ? [...t.levels].flatMap(([level, ids]) => ids.map((id) => `${level}:${id}`)).sort() : [];
      return [key, { counts, members }];
    }),
  );
}

const normalised = (store: Store) =>
  new Map(
    [...store].map(([key, t]) => {
      const counts = [...t.counts];
      while (counts.at(-1) === 0) counts.pop();
      return [key, { counts, members: [...t.members].sort() }];
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

describe('level tallies kept by the Neo4j projection', () => {
  it('come to the defined counts whatever the batches, and a rebuild from the levels gives the same', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 10 }), async (events, cuts) => {
        const recorded = recordedEvents(events);
        const graph = new InMemorySkillsGraph();
        const store: Store = new Map();
        let from = 0;
        for (let i = 0; from < recorded.length; i++) {
          const batch = recorded.slice(from, from + cuts[i % cuts.length]!);
          from += batch.length;
          const ids = [...new Set(batch.map((e) => (e.data as { engineerId?: string }).engineerId).filter((id): id is string => id !== undefined))];
          applyRows(store, levelTallyRowsForBatch(await priorState(graph, ids), batch));
          await graph.applyEvents(batch);
        }
        const expected = expectedTallies(events);
        expect(normalised(store)).toEqual(expected);

        const active = (await priorState(graph, [...engineerIds, 'e9'])).filter((e) => e.status === 'active');
        const rebuilt: Store = new Map();
        applyRows(rebuilt, levelTallyRowsOf(active));
        expect(normalised(rebuilt)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the touched engineers once before the batch, rebuilds a graph projected before the tallies, and marks a new one', async () => {
    const sent: { cypher: string; params: Record<string, unknown> }[] = [];
    const answers = new Map<string, Record<string, unknown>[]>([
      [talliedEngineersCypher, [{ version: null, engineers: [['e1', 'active', 't1', null, [['fw', 'mastery', 'go', 2]]]] }]],
      [lockLevelTallyCypher, [{ version: null }]],
      [activeEngineersCypher, [{ id: 'e1', teamId: 't1', managerId: null, levels: [['fw', 'mastery', 'go', 2]] }]],
    ]);
    const run = async (cypher: string, params: Record<string, unknown>) => {
      sent.push({ cypher, params });
      return answers.get(cypher) ?? [];
    };
    const moved = recordedEvents([{ type: 'EngineerMoved', data: { engineerId: 'e1', teamId: 't2', teamName: 'T2', managerId: null, title: 'Engineer', movedOn: '2026-06-01' } }], 41n);
    const write = await prepareLevelTallies(run, moved);
    await write();
    expect(sent.map((s) => s.cypher.split('\n')[0])).toEqual([
      'OPTIONAL MATCH (c:ProjectionCheckpoint {name: $name})', // the touched engineers and the tallies' version
      'MATCH (c:ProjectionCheckpoint {name: $name})', // no version: lock, then count everyone afresh
      "MATCH (e:Engineer) WHERE e.status = 'active'",
      'MATCH (t:LevelTally) DELETE t',
      'UNWIND $rows AS row', // e1 counted in t1
      'MERGE (c:ProjectionCheckpoint {name: $name}) SET c.levelTally = $version',
      'UNWIND $rows AS row', // the batch: e1 from t1 to t2
    ]);
    expect(sent[0]!.params).toEqual({ name: 'skills-graph', ids: ['e1'] });
    expect(sent.at(-1)!.params['rows']).toEqual([
      ['["team","t1"]c:mastery|go', 'c:mastery|go', 'team', 't1', [0, 0, -1], [], ['2:e1']],
      ['["team","t1"]s:go', 's:go', 'team', 't1', [0, 0, -1], [], ['2:e1']],
      ['["team","t2"]c:mastery|go', 'c:mastery|go', 'team', 't2', [0, 0, 1], ['2:e1'], []],
      ['["team","t2"]s:go', 's:go', 'team', 't2', [0, 0, 1], ['2:e1'], []],
    ]);

    // A fresh graph (no checkpoint yet): nothing to rebuild; the batch's transaction marks the version.
    sent.length = 0;
    answers.set(lockLevelTallyCypher, []);
    expect(await rebuildLevelTallies(run)).toBe(false);
    await (await prepareLevelTallies(run, moved))();
    expect(sent.map((s) => s.cypher.split('\n')[0])).toEqual([
      'MATCH (c:ProjectionCheckpoint {name: $name})',
      'OPTIONAL MATCH (c:ProjectionCheckpoint {name: $name})',
      'MATCH (c:ProjectionCheckpoint {name: $name})',
      'UNWIND $rows AS row',
      'MERGE (c:ProjectionCheckpoint {name: $name}) SET c.levelTally = $version',
    ]);
  });

  it('writes the changes with one UNWIND that adds counts by level and deletes a tally counting nobody', () => {
    expect(writeLevelTallyCypher).toMatchInlineSnapshot(`
"UNWIND $rows AS row
WITH row[0] AS key, row[1] AS dimension, row[2] AS kind, row[3] AS groupId, row[4] AS delta, row[5] AS added, row[6] AS removed
MERGE (t:LevelTally {key: key})
ON CREATE SET t.dimension = dimension, t.kind = kind, t.groupId = groupId
WITH t, delta, added, removed, coalesce(t.counts, []) AS before
WITH t, added, removed, [i IN range(0, CASE WHEN size(before) > size(delta) THEN size(before) ELSE size(delta) END - 1) | coalesce(before[i], 0) + coalesce(delta[i], 0)] AS counts
SET t.counts = counts, t.members = [m IN coalesce(t.members, []) WHERE NOT m IN removed] + added
WITH t, counts WHERE none(c IN counts WHERE c <> 0)
DELETE t"
`);
    expect(talliedEngineersCypher).toMatchInlineSnapshot(`
"OPTIONAL MATCH (c:ProjectionCheckpoint {name: $name})
WITH c.levelTally AS version
CALL () {
  UNWIND $ids AS id
  MATCH (e:Engineer {id: id})
  RETURN collect([e.id, e.status, e.teamId, e.managerId, [(e)-[:DEMONSTRATES]->(d:DemonstratedLevel) | [d.frameworkId, d.competencyId, d.skillId, d.level]]]) AS engineers
}
RETURN version, engineers"
`);
  });
});
