import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import { InMemorySkillsGraph } from '../in-memory/in-memory-skills-graph.js';
import { recordedEvents } from '../testing/recorded-events.js';
import {
  backfillLevelTalliesStep,
  changedTallies,
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
  readTalliesCypher,
  setTalliesCypher,
  deleteTalliesCypher,
  type StoredTally,
  type TalliedEngineer,
  type TallyRow,
} from './level-tally-projection.js';

// The projection's side of the Neo4j tallies, without a database: what a batch writes, applied to the
// tallies as the projection applies it, must come to the counts the questions define, whatever the
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

type Store = Map<string, StoredTally>;

/** A batch's rows applied to the tallies as the projection applies them: the changed tallies read, added to, written whole or deleted. */
function applyRows(store: Store, rows: TallyRow[]): void {
  expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
  const { set, deleted } = changedTallies(rows, new Map(rows.flatMap((r) => (store.has(r[0]) ? [[r[0], store.get(r[0])!] as const] : []))));
  for (const [key, cover, members] of set) store.set(key, { cover, members });
  for (const key of deleted) store.delete(key);
}

/** The tallies written out plainly: each active engineer's highest level per dimension, under their team and manager. */
function expectedTallies(events: SkillsGraphEvent[]): Map<string, { kind: string; dimension: string; groupId: string; h: number[]; members: string[] | null }> {
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
      if (dimension.startsWith('c:')) add(tallyKey('manager', p.managerId ?? '', dimension), level, id);
    }
  }
  return new Map(
    [...tallies].map(([key, t]) => {
      const top = Math.max(...t.levels.keys());
      const h = Array.from({ length: top }, (_, i) => [...t.levels].filter(([l]) => l >= i + 1).reduce((sum, [, ids]) => sum + ids.length, 0));
      const [kind, groupId] = JSON.parse(key.slice(0, key.indexOf(']') + 1)) as [string, string];
      const dimension = key.slice(key.indexOf(']') + 1);
      const members = kind === 'team' ? [...t.levels].flatMap(([level, ids]) => ids.map((id) => `${level}:${id}`)).sort() : null;
      return [key, { kind, dimension, groupId, h, members }];
    }),
  );
}

/** The tallies with their covers read, once the top member is checked to be a member at the top level. */
const normalised = (store: Store) =>
  new Map(
    [...store].map(([key, t]) => {
      const [kind, dimension, groupId, h, topMember] = JSON.parse(t.cover) as [string, string, string, number[], string | null];
      if (kind === 'team') expect(t.members).toContain(`${h.length}:${topMember}`);
      else expect([topMember, t.members]).toEqual([null, null]);
      return [key, { kind, dimension, groupId, h, members: t.members === null ? null : [...t.members].sort() }];
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

  it('reads the touched engineers and the tallies version once before a batch, then the tallies it changes, and writes them whole', async () => {
    const inT1 = (dimension: string) => ({ key: `["team","t1"]${dimension}`, cover: JSON.stringify(['team', dimension, 't1', [1, 1], 'e1']), members: ['2:e1'] });
    const { sent, run } = recorder(
      new Map([
        [talliedEngineersCypher, [{ fresh: false, version: 4, upTo: null, engineers: [e1InT1] }]],
        [readTalliesCypher, [inT1('c:mastery|go'), inT1('s:go')]],
      ]),
    );
    await (await prepareLevelTallies(run, movedE1))();
    expect(sent.map((s) => s.cypher)).toEqual([talliedEngineersCypher, readTalliesCypher, setTalliesCypher, deleteTalliesCypher]);
    expect(sent[0]!.params).toEqual({ name: 'skills-graph', ids: ['e1'] });
    expect(sent[1]!.params).toEqual({ keys: ['["team","t1"]c:mastery|go', '["team","t1"]s:go', '["team","t2"]c:mastery|go', '["team","t2"]s:go'] });
    expect(sent[2]!.params['rows']).toEqual([
      ['["team","t2"]c:mastery|go', '["team","c:mastery|go","t2",[1,1],"e1"]', ['2:e1']],
      ['["team","t2"]s:go', '["team","s:go","t2",[1,1],"e1"]', ['2:e1']],
    ]);
    expect(sent[3]!.params).toEqual({ keys: ['["team","t1"]c:mastery|go', '["team","t1"]s:go'] });
  });

  it('adds a change to a tally level by level, names a member at the top level, and leaves no trailing zero', () => {
    const stored = new Map<string, StoredTally>([
      ['["team","t1"]s:go', { cover: JSON.stringify(['team', 's:go', 't1', [3, 2, 1], 'e3']), members: ['1:e1', '2:e2', '3:e3'] }],
      ['["manager",""]c:mastery|go', { cover: JSON.stringify(['manager', 'c:mastery|go', '', [3, 2, 1], null]), members: null }],
    ]);
    // e3 drops from 3 to 1; e4 joins at 2.
    const rows: TallyRow[] = [
      ['["team","t1"]s:go', 's:go', 'team', 't1', [0, 1, 0, -1], ['1:e3', '2:e4'], ['3:e3']],
      ['["manager",""]c:mastery|go', 'c:mastery|go', 'manager', '', [0, 1, 0, -1], [], []],
    ];
    expect(changedTallies(rows, stored)).toEqual({
      set: [
        ['["team","t1"]s:go', '["team","s:go","t1",[4,2],"e2"]', ['1:e1', '2:e2', '1:e3', '2:e4']],
        ['["manager",""]c:mastery|go', '["manager","c:mastery|go","",[4,2],null]', null],
      ],
      deleted: [],
    });
  });

  it('marks the version with the first batch of a fresh graph, and during a backfill counts only the engineers it has counted, under the lock', async () => {
    const fresh = recorder(new Map([[talliedEngineersCypher, [{ fresh: true, version: null, upTo: null, engineers: [] }]]]));
    await (await prepareLevelTallies(fresh.run, movedE1))();
    expect(fresh.sent.map((s) => s.cypher)).toEqual([talliedEngineersCypher, markLevelTallyCypher]); // nobody counted yet: no tally changes

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
    expect(during.sent.map((s) => s.cypher)).toEqual([talliedEngineersCypher, lockLevelTallyCypher, readTalliesCypher, setTalliesCypher]);
    expect(new Set((during.sent[3]!.params['rows'] as [string, string, string[]][]).flatMap((r) => r[2]))).toEqual(new Set(['2:e1'])); // e2 is counted when the backfill reaches it
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
    expect(counting.sent.map((s) => s.cypher)).toEqual([lockLevelTallyCypher, nextEngineersCypher, readTalliesCypher, setTalliesCypher, markLevelTallyCypher]);
    expect(counting.sent[1]!.params).toEqual({ after: '' });
    expect((counting.sent[3]!.params['rows'] as unknown[][]).map((r) => r[0])).toEqual(['["team","t1"]c:mastery|go', '["manager",""]c:mastery|go', '["team","t1"]s:go']); // no manager tally of a skill alone

    for (const state of [[], [{ version: 4, upTo: null }]]) {
      const done = recorder(new Map([[lockLevelTallyCypher, state]]));
      expect(await backfillLevelTalliesStep(done.run)).toBe(true); // nothing projected yet, or kept already
      expect(done.sent).toHaveLength(1);
    }
  });

  it('reads the tallies a batch changes by key, and writes them whole or deletes them, one UNWIND each', () => {
    expect(readTalliesCypher).toMatchInlineSnapshot(`
"UNWIND $keys AS key
MATCH (t:LevelTally {key: key})
RETURN t.key AS key, t.cover AS cover, t.members AS members"
`);
    expect(setTalliesCypher).toMatchInlineSnapshot(`
"UNWIND $rows AS row
MERGE (t:LevelTally {key: row[0]})
SET t.cover = row[1], t.members = row[2]"
`);
    expect(deleteTalliesCypher).toMatchInlineSnapshot(`
"UNWIND $keys AS key
MATCH (t:LevelTally {key: key})
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
