import type { RecordedEvent, SkillsGraphEvent } from '@skills-graph/domain';
import { competencyDimension, skillDimension } from '../in-memory/level-tally.js';
import { checkpointName, overallSkill } from './event-to-cypher.js';

/**
 * Current levels counted per team and per manager on Neo4j, kept by the projection in the transaction of
 * each batch, so levelDistribution and skillCoverage of today's levels read a few hundred small nodes
 * instead of every engineer's levels. The same counts as the in-memory LevelTally (level-tally.ts): a
 * dimension is `c:${competencyId}|${skillId ?? ''}` (the highest level across frameworks in a competency
 * and skill) or `s:${skillId}` (the highest in the skill across competencies and frameworks); each active
 * engineer counts once per dimension with a level above 0, under their team and under their manager.
 *
 *   (:LevelTally {key, dimension, kind: 'team' | 'manager', groupId, top, h1, h2, ..., members, topMember})
 *
 * groupId: the team id, or the manager id ('' for engineers without one). h<level>: how many engineers hold
 * that level or a higher one (a property per level, absent for none: reading one number per tally is far
 * cheaper than reading a list); top: the highest level held. Team tallies also list their `members` as
 * `${level}:${engineerId}`, and name one member at the top level (topMember): when exactly one engineer holds
 * a level or higher, it is that one, so a coverage query names a sole holder from one property. A tally
 * that counts nobody is deleted.
 *
 * A tally is the sum of each engineer's contribution, which depends on that engineer alone; so a batch
 * reads the prior state of the engineers it touches (placement and current levels), replays its events
 * on them, and writes the difference of their contributions: one read and one UNWIND per batch.
 *
 * `levelTally` on the checkpoint is the tallies' version; the queries read the tallies only when it is this
 * one (or nothing was projected yet), else the level facts. A graph projected before the tallies existed (or
 * with another version) gets them counted by backfillLevelTallies, in steps of their own transactions: first
 * the old tallies are deleted, then the engineers are counted in id order, `levelTallyUpTo` on the checkpoint
 * holding the last one counted; meanwhile a batch changes the tallies only for engineers counted already.
 * Every step and every such batch first takes the checkpoint's write lock, so they apply one after the other.
 */

/** The shape of the tally nodes; a graph whose checkpoint records another (or none) gets them rebuilt from its levels. */
export const levelTallyVersion = 2;

export type TallyKind = 'team' | 'manager';

type Props = Record<string, unknown>;
/** Runs one statement in the caller's (write) transaction. */
export type RunCypher = (cypher: string, params: Props) => Promise<Props[]>;

/** An engineer as the tally counts them. */
export interface TalliedEngineer {
  id: string;
  /** 'active', 'left', or null for an engineer the graph only knows from their levels or evidence. */
  status: string | null;
  teamId: string | null;
  managerId: string | null;
  /** Current levels: [frameworkId, competencyId, skillId ('' for the competency overall), level]. */
  levels: [string, string, string, number][];
}

/** A tally's unique key (`["team","payments"]s:go`); the dimension comes last, so a team's tallies of many skills share a prefix. */
export const tallyKey = (kind: TallyKind, groupId: string, dimension: string): string => `${JSON.stringify([kind, groupId])}${dimension}`;
/** A team tally's member: the level, then the engineer id. */
export const tallyMember = (level: number, engineerId: string): string => `${level}:${engineerId}`;
/** The engineer id of a team tally's member. */
export const memberEngineer = (member: string): string => member.slice(member.indexOf(':') + 1);

/** [key, dimension, kind, groupId, change of h<level> by level (index 0 unused), members added, members removed] */
export type TallyRow = [string, string, TallyKind, string, number[], string[], string[]];

export const levelTallyColumns = ['key', 'dimension', 'kind', 'groupId', 'delta', 'added', 'removed'] as const;

/**
 * Adds a batch's changes to the tallies: the at-or-above counts level by level, members by difference;
 * then the top level and a member at it; deletes a tally that counts nobody any more. Rows are unique per
 * key, so no two rows touch the same node.
 */
export const writeLevelTallyCypher = `UNWIND $rows AS row
WITH ${levelTallyColumns.map((c, i) => `row[${i}] AS ${c}`).join(', ')}
MERGE (t:LevelTally {key: key})
ON CREATE SET t.dimension = dimension, t.kind = kind, t.groupId = groupId
WITH t, delta, added, removed, coalesce(t.top, 0) AS before
FOREACH (level IN [l IN range(1, size(delta) - 1) WHERE delta[l] <> 0] |
  SET t['h' + level] = CASE WHEN coalesce(t['h' + level], 0) + toInteger(delta[level]) = 0 THEN null ELSE coalesce(t['h' + level], 0) + toInteger(delta[level]) END)
WITH t, [m IN coalesce(t.members, []) WHERE NOT m IN removed] + added AS members,
     reduce(top = 0, l IN range(1, CASE WHEN before > size(delta) - 1 THEN before ELSE size(delta) - 1 END) | CASE WHEN t['h' + l] > 0 THEN l ELSE top END) AS top
SET t.top = top, t.members = CASE WHEN t.kind = 'team' THEN members END, t.topMember = head([m IN members WHERE m STARTS WITH toString(top) + ':'])
WITH t, top WHERE top = 0
DELETE t`;

const levelsOf = '[(e)-[:DEMONSTRATES]->(d:DemonstratedLevel) | [d.frameworkId, d.competencyId, d.skillId, d.level]]';

/** The tallies' state on the checkpoint (null: nothing projected yet), and the engineers a batch touches as they stand before it. */
export const talliedEngineersCypher = `OPTIONAL MATCH (c:ProjectionCheckpoint {name: $name})
WITH c IS NULL AS fresh, c.levelTally AS version, c.levelTallyUpTo AS upTo
CALL () {
  UNWIND $ids AS id
  MATCH (e:Engineer {id: id})
  RETURN collect([e.id, e.status, e.teamId, e.managerId, ${levelsOf}]) AS engineers
}
RETURN fresh, version, upTo, engineers`;

/** Takes the checkpoint's write lock (held to the end of the transaction), then reads the tallies' state. */
export const lockLevelTallyCypher = `MATCH (c:ProjectionCheckpoint {name: $name})
SET c.levelTallyLock = true
REMOVE c.levelTallyLock
RETURN c.levelTally AS version, c.levelTallyUpTo AS upTo`;

/** Engineers counted per backfill step (a step's transaction stays well within Neo4j's transaction memory). */
export const backfillEngineersPerStep = 1_000;

/** A backfill step before counting: deletes tallies of another version, some at a time. */
export const deleteSomeLevelTalliesCypher = `MATCH (t:LevelTally)
WITH t LIMIT ${backfillEngineersPerStep * 10}
DELETE t
RETURN count(*) AS deleted`;

/** The next engineers to count, in id order (a range seek on the engineer_id constraint), with their current levels. */
export const nextEngineersCypher = `MATCH (e:Engineer) WHERE e.id > $after
WITH e ORDER BY e.id LIMIT ${backfillEngineersPerStep}
RETURN e.id AS id, e.status AS status, e.teamId AS teamId, e.managerId AS managerId, ${levelsOf} AS levels`;

export const countedUpToCypher = 'MATCH (c:ProjectionCheckpoint {name: $name}) SET c.levelTallyUpTo = $upTo';
export const markLevelTallyCypher = 'MERGE (c:ProjectionCheckpoint {name: $name}) SET c.levelTally = $version REMOVE c.levelTallyUpTo';

/** The engineers whose contribution to the tallies an event can change. */
function touchedBy(event: SkillsGraphEvent): string | null {
  switch (event.type) {
    case 'EngineerJoined':
    case 'EngineerMoved':
    case 'EngineerLeft':
    case 'DemonstratedLevelRecorded':
      return event.data.engineerId;
    default:
      return null;
  }
}

interface Standing {
  status: string | null;
  teamId: string | null;
  managerId: string | null;
  /** `${frameworkId}|${competencyId}|${skillId}` (skill '' overall) → [competencyId, skillId, level > 0] */
  levels: Map<string, [string, string, number]>;
}

function standingOf(e: TalliedEngineer | undefined): Standing {
  const levels = new Map<string, [string, string, number]>();
  for (const [frameworkId, competencyId, skillId, level] of e?.levels ?? []) {
    if (Number(level) > 0) levels.set(`${frameworkId}|${competencyId}|${skillId}`, [competencyId, skillId, Number(level)]);
  }
  return { status: e?.status ?? null, teamId: e?.teamId ?? null, managerId: e?.managerId ?? null, levels };
}

/** Applies one event to an engineer's standing, as the projection changes the graph (and as the in-memory graph counts it). */
function replay(s: Standing, event: SkillsGraphEvent): void {
  switch (event.type) {
    case 'EngineerJoined':
      Object.assign(s, { status: 'active', teamId: event.data.teamId, managerId: event.data.managerId });
      return;
    case 'EngineerMoved':
      // A move of someone who left (or never joined) changes where they would be, not what is counted.
      Object.assign(s, { teamId: event.data.teamId, managerId: event.data.managerId });
      return;
    case 'EngineerLeft':
      s.status = 'left';
      return;
    case 'DemonstratedLevelRecorded': {
      const d = event.data;
      const skillId = d.skillId ?? overallSkill;
      const key = `${d.frameworkId}|${d.competencyId}|${skillId}`;
      if (d.level > 0) s.levels.set(key, [d.competencyId, skillId, d.level]);
      else s.levels.delete(key);
      return;
    }
    default:
      return;
  }
}

/** Where an engineer counts and at which level: [kind, groupId, dimension, level] of each tally they are in. */
function contribution(s: Standing): [TallyKind, string, string, number][] {
  if (s.status !== 'active' || s.teamId === null) return [];
  const highest = new Map<string, number>();
  const raise = (dimension: string, level: number) => {
    if (level > (highest.get(dimension) ?? 0)) highest.set(dimension, level);
  };
  for (const [competencyId, skillId, level] of s.levels.values()) {
    raise(competencyDimension(competencyId, skillId === overallSkill ? null : skillId), level);
    if (skillId !== overallSkill) raise(skillDimension(skillId), level);
  }
  const counted: [TallyKind, string, string, number][] = [];
  for (const [dimension, level] of highest) counted.push(['team', s.teamId, dimension, level], ['manager', s.managerId ?? '', dimension, level]);
  return counted;
}

/** The rows that turn the tallies of each engineer's standing `before` into those of `after`, one per tally that changes. */
function levelTallyRows(changes: Iterable<{ id: string; before: Standing; after: Standing }>): TallyRow[] {
  const tallies = new Map<string, { dimension: string; kind: TallyKind; groupId: string; delta: number[]; members: Map<string, number> }>();
  const count = ([kind, groupId, dimension, level]: [TallyKind, string, string, number], engineerId: string, sign: 1 | -1) => {
    const key = tallyKey(kind, groupId, dimension);
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { dimension, kind, groupId, delta: [], members: new Map() }));
    for (let i = tally.delta.length; i <= level; i++) tally.delta.push(0);
    tally.delta[level]! += sign;
    if (kind === 'team') {
      const member = tallyMember(level, engineerId);
      tally.members.set(member, (tally.members.get(member) ?? 0) + sign);
    }
  };
  for (const { id, before, after } of changes) {
    for (const counted of contribution(before)) count(counted, id, -1);
    for (const counted of contribution(after)) count(counted, id, +1);
  }
  const rows: TallyRow[] = [];
  for (const [key, { dimension, kind, groupId, delta, members }] of tallies) {
    const added = [...members].filter(([, n]) => n > 0).map(([m]) => m);
    const removed = [...members].filter(([, n]) => n < 0).map(([m]) => m);
    // The change at each level, as a change of how many are at that level or higher.
    const atLeast = [...delta];
    for (let level = atLeast.length - 2; level >= 1; level--) atLeast[level]! += atLeast[level + 1]!;
    atLeast[0] = 0;
    if (added.length === 0 && removed.length === 0 && atLeast.every((n) => n === 0)) continue;
    rows.push([key, dimension, kind, groupId, atLeast, added, removed]);
  }
  return rows;
}

/** The rows that count these engineers from nothing (a backfill step). */
export function levelTallyRowsOf(engineers: readonly TalliedEngineer[]): TallyRow[] {
  return levelTallyRows(engineers.map((e) => ({ id: e.id, before: standingOf(undefined), after: standingOf(e) })));
}

/**
 * What a batch changes in the tallies, given the engineers it touches as they stood before it; only for the
 * engineers `counted` (all but during a backfill).
 */
export function levelTallyRowsForBatch(prior: readonly TalliedEngineer[], events: readonly RecordedEvent[], counted: (engineerId: string) => boolean = () => true): TallyRow[] {
  const before = new Map(prior.map((e) => [e.id, e]));
  const after = new Map<string, Standing>();
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as SkillsGraphEvent;
    const id = touchedBy(event);
    if (id === null || !counted(id)) continue;
    let standing = after.get(id);
    if (!standing) after.set(id, (standing = standingOf(before.get(id))));
    replay(standing, event);
  }
  return levelTallyRows([...after].map(([id, standing]) => ({ id, before: standingOf(before.get(id)), after: standing })));
}

const toEngineer = ([id, status, teamId, managerId, levels]: unknown[]): TalliedEngineer => ({
  id: id as string,
  status: (status as string | null) ?? null,
  teamId: (teamId as string | null) ?? null,
  managerId: (managerId as string | null) ?? null,
  levels: levels as TalliedEngineer['levels'],
});

const rowsPerStatement = 10_000;

async function writeRows(run: RunCypher, cypher: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += rowsPerStatement) await run(cypher, { rows: rows.slice(i, i + rowsPerStatement) });
}

/**
 * One step of counting the tallies afresh, in the caller's transaction; true when they are kept at this
 * version now (or nothing was projected yet: the first batch starts them). Call it in new transactions until
 * it answers true. See the module comment.
 */
export async function backfillLevelTalliesStep(run: RunCypher): Promise<boolean> {
  const [state] = await run(lockLevelTallyCypher, { name: checkpointName });
  if (state === undefined || state['version'] === levelTallyVersion) return true;
  const upTo = state['upTo'] as string | null | undefined;
  if (upTo === null || upTo === undefined) {
    const [{ deleted } = { deleted: 0 }] = await run(deleteSomeLevelTalliesCypher, {});
    if (Number(deleted) === 0) await run(countedUpToCypher, { name: checkpointName, upTo: '' });
    return false;
  }
  const engineers = (await run(nextEngineersCypher, { after: upTo })).map((r) => toEngineer([r['id'], r['status'], r['teamId'], r['managerId'], r['levels']]));
  await writeRows(run, writeLevelTallyCypher, levelTallyRowsOf(engineers));
  if (engineers.length < backfillEngineersPerStep) await run(markLevelTallyCypher, { name: checkpointName, version: levelTallyVersion });
  else await run(countedUpToCypher, { name: checkpointName, upTo: engineers.at(-1)!.id });
  return engineers.length < backfillEngineersPerStep;
}

/**
 * Keeps the tallies for one batch, in the batch's transaction: reads the touched engineers before the
 * batch's statements run and returns a function that writes the difference (call it after them). A fresh
 * graph starts the tallies; a graph whose tallies are not (yet) kept at this version changes them only for
 * the engineers a backfill has counted, under the checkpoint's lock.
 */
export async function prepareLevelTallies(run: RunCypher, events: readonly RecordedEvent[]): Promise<() => Promise<void>> {
  const ids = [...new Set(events.map((e) => touchedBy({ type: e.type, data: e.data } as SkillsGraphEvent)).filter((id): id is string => id !== null))];
  const [row = {}] = await run(talliedEngineersCypher, { name: checkpointName, ids });
  const prior = ((row['engineers'] as unknown[][] | undefined) ?? []).map(toEngineer);
  let counted: (engineerId: string) => boolean = () => true;
  if (row['fresh'] !== true && row['version'] !== levelTallyVersion) {
    const [state = {}] = await run(lockLevelTallyCypher, { name: checkpointName });
    const upTo = state['upTo'] as string | null | undefined;
    if (state['version'] !== levelTallyVersion) counted = (id) => upTo !== null && upTo !== undefined && id <= upTo;
  }
  const rows = levelTallyRowsForBatch(prior, events, counted);
  return async () => {
    await writeRows(run, writeLevelTallyCypher, rows);
    if (row['fresh'] === true) await run(markLevelTallyCypher, { name: checkpointName, version: levelTallyVersion });
  };
}
