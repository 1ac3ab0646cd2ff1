import type { RecordedEvent, SkillsGraphEvent } from '@skills-graph/domain';
import { competencyDimension, skillDimension } from '../in-memory/level-tally.js';
import { checkpointName, overallSkill } from './event-to-cypher.js';

/**
 * Current levels counted per team and per manager on Neo4j, kept by the projection in the transaction of
 * each batch, so levelDistribution and skillCoverage of today's levels read a few hundred small nodes
 * instead of every engineer's levels. The same counts as the in-memory LevelTally (level-tally.ts): a
 * dimension is `c:${competencyId}|${skillId ?? ''}` (the highest level across frameworks in a competency
 * and skill) or `s:${skillId}` (the highest in the skill across competencies and frameworks); each active
 * engineer counts once per dimension with a level above 0, under their team and under their manager (a skill's
 * dimension under the team only: only skillCoverage asks for it, per team).
 *
 *   (:LevelTally {key, cover, members})
 *
 * cover is the tally as one JSON string, [kind, dimension, groupId, h, topMember]: groupId the team id, or the
 * manager id ('' for engineers without one); h[level - 1] how many engineers hold that level or a higher one
 * (up to the top level held); topMember, for a team, one engineer at the top level: when exactly one engineer
 * holds a level or higher it is that one, the sole holder. A range index on cover answers a prefix
 * (`["team","s:` for every team tally of every skill) from the index alone, with the values, so today's
 * skillCoverage reads ten thousand tallies without touching a node. Team tallies also keep their `members`
 * as `${level}:${engineerId}`, to name the top member after a change. A tally that counts nobody is deleted.
 *
 * A tally is the sum of each engineer's contribution, which depends on that engineer alone; so a batch
 * reads the prior state of the engineers it touches (placement and current levels), replays its events
 * on them, and works out the difference of their contributions; then it reads the tallies that change, adds
 * the difference and writes them whole (their covers are computed here, not in Cypher).
 *
 * `levelTally` on the checkpoint is the tallies' version; the queries read the tallies only when it is this
 * one (or nothing was projected yet), else the level facts. A graph projected before the tallies existed (or
 * with another version) gets them counted by backfillLevelTallies, in steps of their own transactions: first
 * the old tallies are deleted, then the engineers are counted in id order, `levelTallyUpTo` on the checkpoint
 * holding the last one counted; meanwhile a batch changes the tallies only for engineers counted already.
 * Every step and every such batch first takes the checkpoint's write lock, so they apply one after the other.
 */

/** The shape of the tally nodes; a graph whose checkpoint records another (or none) gets them rebuilt from its levels. */
export const levelTallyVersion = 4;

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

/** A tally as one string: [kind, dimension, groupId, h (h[i]: engineers at level i + 1 or higher), topMember's engineer id]. */
export type Cover = [TallyKind, string, string, number[], string | null];
export const tallyCover = (cover: Cover): string => JSON.stringify(cover);
/** The start of the covers of every tally of a kind whose dimension starts with `dimensionStart` (a range seek on level_tally_cover). */
export const coverPrefix = (kind: TallyKind, dimensionStart: string): string => JSON.stringify([kind, dimensionStart]).slice(0, -2);
/** The start of the covers of one dimension's tallies of a kind. */
export const dimensionCoverPrefix = (kind: TallyKind, dimension: string): string => `${JSON.stringify([kind, dimension]).slice(0, -1)},`;

/** A tally as the graph holds it. */
export interface StoredTally {
  cover: string;
  /** Team tallies: `${level}:${engineerId}` of each engineer counted; null for a manager's. */
  members: string[] | null;
}

/** The tallies a batch changes, as they are before it. */
export const readTalliesCypher = `UNWIND $keys AS key
MATCH (t:LevelTally {key: key})
RETURN t.key AS key, t.cover AS cover, t.members AS members`;

/** Tallies written whole: [key, cover, members]. */
export const setTalliesCypher = `UNWIND $rows AS row
MERGE (t:LevelTally {key: row[0]})
SET t.cover = row[1], t.members = row[2]`;

/** Tallies that count nobody any more. */
export const deleteTalliesCypher = `UNWIND $keys AS key
MATCH (t:LevelTally {key: key})
DELETE t`;

/**
 * Adds a batch's changes to the tallies they change (as they are before it): the at-or-above counts level by
 * level, members by difference, then the top member. Returns the tallies to write whole and those to delete.
 */
export function changedTallies(rows: readonly TallyRow[], stored: ReadonlyMap<string, StoredTally>): { set: [string, string, string[] | null][]; deleted: string[] } {
  const set: [string, string, string[] | null][] = [];
  const deleted: string[] = [];
  for (const [key, dimension, kind, groupId, delta, added, removed] of rows) {
    const before = stored.get(key);
    const h = before ? [...(JSON.parse(before.cover) as Cover)[3]] : [];
    for (let level = 1; level < delta.length; level++) h[level - 1] = (h[level - 1] ?? 0) + delta[level]!;
    while (h.length > 0 && h.at(-1) === 0) h.pop();
    if (h.length === 0) {
      if (before) deleted.push(key);
      continue;
    }
    const gone = new Set(removed);
    const members = kind === 'team' ? [...(before?.members ?? []).filter((m) => !gone.has(m)), ...added] : null;
    const top = members?.find((m) => m.startsWith(`${h.length}:`));
    set.push([key, tallyCover([kind, dimension, groupId, h, top === undefined ? null : memberEngineer(top)]), members]);
  }
  return { set, deleted };
}

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
  for (const [dimension, level] of highest) {
    counted.push(['team', s.teamId, dimension, level]);
    // A skill's level across competencies is asked per team only (skillCoverage): no manager tallies of it.
    if (dimension.startsWith('c:')) counted.push(['manager', s.managerId ?? '', dimension, level]);
  }
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

/** Reads the tallies the rows change, adds the rows and writes them whole (or deletes them): three statements. */
async function writeRows(run: RunCypher, rows: TallyRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement);
    const stored = new Map<string, StoredTally>();
    for (const r of await run(readTalliesCypher, { keys: chunk.map((row) => row[0]) })) {
      stored.set(r['key'] as string, { cover: r['cover'] as string, members: (r['members'] as string[] | null | undefined) ?? null });
    }
    const { set, deleted } = changedTallies(chunk, stored);
    if (set.length > 0) await run(setTalliesCypher, { rows: set });
    if (deleted.length > 0) await run(deleteTalliesCypher, { keys: deleted });
  }
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
  await writeRows(run, levelTallyRowsOf(engineers));
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
    await writeRows(run, rows);
    if (row['fresh'] === true) await run(markLevelTallyCypher, { name: checkpointName, version: levelTallyVersion });
  };
}
