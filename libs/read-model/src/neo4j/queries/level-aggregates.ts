import {
  compareIds,
  levelDistribution,
  progression,
  progressionPeriods,
  skillCoverage,
  validateLevelDistribution,
  validateProgression,
  summariseCounts,
  validateSkillCoverage,
  type AggregateScope,
  type LevelDistributionGroup,
  type LevelDistributionQuery,
  type LevelDistributionView,
  type LevelFact,
  type PersonFact,
  type ProgressionQuery,
  type ProgressionView,
  type SkillCoverageEntry,
  type SkillCoverageQuery,
  type SkillCoverageView,
} from '../../directors/level-aggregates.js';
import { competencyDimension, skillDimension } from '../../in-memory/level-tally.js';
import { checkpointName, overallSkill } from '../event-to-cypher.js';
import { levelTallyVersion, memberEngineer, tallyKey } from '../level-tally-projection.js';

type Props = Record<string, unknown>;
export type ReadCypher = (cypher: string, params: Props) => Promise<Props[]>;

/** Which level facts to read: current levels (DemonstratedLevel) or, with `until`, the level history up to then (LevelRecord). */
export interface LevelFactsSpec extends AggregateScope {
  competencyId?: string;
  /** Skill ids ('' is the competency overall). */
  skillIds: string[];
  /** Current levels only: at least this level (a lower one cannot change the highest across frameworks). */
  minLevel?: number;
  /** An ISO instant: every history record up to it, in the order recorded. */
  until?: string;
}

/**
 * The Cypher for level facts: one index seek on (competencyId, skillId, level) for current levels, or on
 * (competencyId, skillId, computedAt) / (skillId) for the history, then one hop to the engineer, narrowed
 * to the team and the reporting line.
 */
export function levelFactsCypher(spec: LevelFactsSpec): { cypher: string; params: Props } {
  const history = spec.until !== undefined;
  const where = [
    ...(spec.competencyId !== undefined ? ['d.competencyId = $competencyId'] : []),
    'd.skillId IN $skillIds',
    history ? 'd.computedAt <= $until' : 'd.level >= $minLevel',
    ...(spec.frameworkId !== undefined ? ['d.frameworkId = $frameworkId'] : []),
  ];
  const scope = [
    ...(spec.teamId !== undefined ? ['e.teamId = $teamId'] : []),
    ...(spec.withinLineOf !== undefined ? ['(e.id = $withinLineOf OR (e)-[:REPORTS_TO*1..]->(:Engineer {id: $withinLineOf}))'] : []),
  ];
  // One row per engineer with their facts as lists (in recorded order for the history): far fewer records to decode.
  const cypher = `MATCH (d:${history ? 'LevelRecord' : 'DemonstratedLevel'})
WHERE ${where.join(' AND ')}
MATCH (e:Engineer)-[:${history ? 'LEVEL_HISTORY' : 'DEMONSTRATES'}]->(d)${scope.length > 0 ? `\nWHERE ${scope.join(' AND ')}` : ''}
WITH e, d${history ? ' ORDER BY d.position' : ''}
RETURN e.id AS engineerId, e.teamId AS teamId, e.managerId AS managerId, e.status AS status, e.joinedOn AS joinedOn, e.leftOn AS leftOn,
       collect([d.frameworkId, d.competencyId, d.skillId, d.level, d.computedAt]) AS facts`;
  const params: Props = {
    skillIds: spec.skillIds,
    ...(spec.competencyId !== undefined && { competencyId: spec.competencyId }),
    ...(history ? { until: spec.until } : { minLevel: spec.minLevel ?? 1 }),
    ...(spec.frameworkId !== undefined && { frameworkId: spec.frameworkId }),
    ...(spec.teamId !== undefined && { teamId: spec.teamId }),
    ...(spec.withinLineOf !== undefined && { withinLineOf: spec.withinLineOf }),
  };
  return { cypher, params };
}

export const registeredSkillIdsCypher = 'MATCH (s:Skill) WHERE s.name IS NOT NULL RETURN s.id AS id';

async function readFacts(read: ReadCypher, spec: LevelFactsSpec): Promise<{ facts: LevelFact[]; people: Map<string, PersonFact> }> {
  const { cypher, params } = levelFactsCypher(spec);
  const rows = await read(cypher, params);
  const facts: LevelFact[] = [];
  const people = new Map<string, PersonFact>();
  for (const r of rows) {
    const engineerId = r['engineerId'] as string;
    for (const [frameworkId, competencyId, skillId, level, computedAt] of r['facts'] as [string, string, string, number, string][]) {
      facts.push({ engineerId, frameworkId, competencyId, skillId: skillId === overallSkill ? null : skillId, level: Number(level), computedAt });
    }
    people.set(engineerId, {
      id: engineerId,
      teamId: r['teamId'] as string,
      managerId: (r['managerId'] as string | null | undefined) ?? null,
      status: r['status'] as PersonFact['status'],
      joinedOn: r['joinedOn'] as string,
      leftOn: (r['leftOn'] as string | null | undefined) ?? null,
    });
  }
  return { facts, people };
}

const scopeOf = (q: AggregateScope): AggregateScope => ({
  ...(q.frameworkId !== undefined && { frameworkId: q.frameworkId }),
  ...(q.teamId !== undefined && { teamId: q.teamId }),
  ...(q.withinLineOf !== undefined && { withinLineOf: q.withinLineOf }),
});

// Today's levels across frameworks (no asOf, no framework) come from the LevelTally nodes the projection keeps
// (level-tally-projection.ts), organisation-wide or for one team; a reporting line, a framework or an instant
// reads the level facts instead, and so does a graph whose tallies are not kept at this version yet (each
// tally query first reads the version on the checkpoint, one seek: `kept`).

const keptTallies = `OPTIONAL MATCH (c:ProjectionCheckpoint {name: $checkpoint})
WITH c IS NULL OR coalesce(c.levelTally = $version, false) AS kept`;
const tallyParams = { checkpoint: checkpointName, version: levelTallyVersion };

const returnAtLeast = "WHERE kept\nRETURN kept, t.groupId AS groupId, [level IN range(1, coalesce(t.top, 0)) | coalesce(t['h' + level], 0)] AS atLeast";

/**
 * The tallies of a distribution: a dimension's team or manager tallies (one index seek on
 * level_tally_dimension), or one team's (a seek on its key). null: the tallies cannot answer it.
 */
export function tallyDistributionCypher(query: LevelDistributionQuery): { cypher: string; params: Props } | null {
  if (query.asOf !== undefined || query.frameworkId !== undefined || query.withinLineOf !== undefined) return null;
  const dimension = competencyDimension(query.competencyId, query.skillId ?? null);
  if (query.teamId !== undefined) {
    if (query.groupBy === 'MANAGER') return null;
    return { cypher: `${keptTallies}\nOPTIONAL MATCH (t:LevelTally {key: $key})\n${returnAtLeast}`, params: { ...tallyParams, key: tallyKey('team', query.teamId, dimension) } };
  }
  return {
    cypher: `${keptTallies}\nOPTIONAL MATCH (t:LevelTally {dimension: $dimension, kind: $kind})\n${returnAtLeast}`,
    params: { ...tallyParams, dimension, kind: query.groupBy === 'MANAGER' ? 'manager' : 'team' },
  };
}

/** Whether the rows of a tally query come from tallies kept at this version (else the level facts answer). */
const kept = (rows: Props[]) => rows.every((row) => row['kept'] === true);

/** A distribution from tallies: each tally's engineers at or above levels 1, 2, ... give those at each level; NONE adds them all up. */
export function distributionFromTallies(query: LevelDistributionQuery, rows: Props[]): LevelDistributionView {
  const groups = new Map<string | null, Map<number, number>>();
  for (const row of rows) {
    if (row['groupId'] === null || row['groupId'] === undefined) continue; // no tally matched
    const id = row['groupId'] as string;
    const groupId = query.groupBy === 'NONE' ? null : query.groupBy === 'MANAGER' && id === '' ? null : id;
    let byLevel = groups.get(groupId);
    if (!byLevel) groups.set(groupId, (byLevel = new Map()));
    const atLeast = (row['atLeast'] as number[]).map(Number);
    atLeast.forEach((here, i) => {
      const count = here - (atLeast[i + 1] ?? 0);
      if (count > 0) byLevel.set(i + 1, (byLevel.get(i + 1) ?? 0) + count);
    });
  }
  if (query.groupBy === 'NONE' && groups.size === 0) groups.set(null, new Map());
  return {
    groups: [...groups]
      .filter(([groupId, byLevel]) => byLevel.size > 0 || (query.groupBy === 'NONE' && groupId === null))
      .sort(([a], [b]) => compareIds(a, b))
      .map(([groupId, byLevel]): LevelDistributionGroup => ({ groupId, ...summariseCounts(byLevel) })),
  };
}

/**
 * Per registered skill, the team tallies with holders at or above $minLevel (one index seek per skill on
 * level_tally_dimension, or on one team's key; one number per tally), as three lists: the teams, their holders,
 * and the member at the top level where there is exactly one holder ('' elsewhere). null: the tallies cannot
 * answer it.
 */
export function tallyCoverageCypher(query: SkillCoverageQuery): { cypher: string; params: Props } | null {
  if (query.asOf !== undefined || query.frameworkId !== undefined || query.withinLineOf !== undefined) return null;
  const prefix = query.competencyId !== undefined ? competencyDimension(query.competencyId, '') : skillDimension('');
  const match = query.teamId !== undefined ? 'MATCH (t:LevelTally {key: $prefix + s.id})' : "MATCH (t:LevelTally {dimension: $prefix + s.id, kind: 'team'})";
  const cypher = `${keptTallies}
MATCH (s:Skill) WHERE s.name IS NOT NULL
CALL (s, kept) {
  ${match}
  WHERE kept
  WITH t, t['h' + toInteger($minLevel)] AS holders
  WHERE holders > 0
  RETURN collect(t.groupId) AS teamIds, collect(holders) AS holders, collect(CASE WHEN holders = 1 THEN t.topMember ELSE '' END) AS soles
}
RETURN kept, s.id AS skillId, teamIds, holders, soles`;
  return { cypher, params: { ...tallyParams, prefix: query.teamId !== undefined ? tallyKey('team', query.teamId, prefix) : prefix, minLevel: query.minLevel } };
}

/** Coverage from the team tallies: the organisation's (or the team's) holders of a skill are its teams' holders added up. */
export function coverageFromTallies(query: SkillCoverageQuery, rows: Props[]): SkillCoverageView {
  const entry = (skillId: string, teamId: string | null, holders: number, sole: string | null): SkillCoverageEntry => ({
    skillId,
    teamId,
    holders,
    soleHolderId: holders === 1 ? sole : null,
    atRisk: holders < 2,
  });
  const organisation: SkillCoverageEntry[] = [];
  // Skills taken in order, so each team's entries come out in skill order; teams are ordered at the end.
  const byTeam = new Map<string, SkillCoverageEntry[]>();
  for (const row of [...rows].sort((a, b) => compareIds(a['skillId'] as string, b['skillId'] as string))) {
    const skillId = row['skillId'] as string;
    let total = 0;
    let sole: string | null = null;
    const teamIds = row['teamIds'] as string[];
    const held = row['holders'] as number[];
    const soles = row['soles'] as string[];
    for (let i = 0; i < teamIds.length; i++) {
      const teamId = teamIds[i]!;
      const holders = Number(held[i]);
      const soleHolderId = soles[i] ? memberEngineer(soles[i]!) : null;
      total += holders;
      sole ??= soleHolderId;
      const e = entry(skillId, teamId, holders, soleHolderId);
      const list = byTeam.get(teamId);
      if (list) list.push(e);
      else byTeam.set(teamId, [e]);
    }
    organisation.push(entry(skillId, null, total, sole));
  }
  const teams: SkillCoverageEntry[] = [];
  for (const teamId of [...byTeam.keys()].sort(compareIds)) teams.push(...byTeam.get(teamId)!);
  return { minLevel: query.minLevel, organisation, teams };
}

export async function neo4jLevelDistribution(read: ReadCypher, query: LevelDistributionQuery): Promise<LevelDistributionView> {
  validateLevelDistribution(query);
  const tally = tallyDistributionCypher(query);
  if (tally !== null) {
    const rows = await read(tally.cypher, tally.params);
    if (kept(rows)) return distributionFromTallies(query, rows);
  }
  const { facts, people } = await readFacts(read, {
    ...scopeOf(query),
    competencyId: query.competencyId,
    skillIds: [query.skillId ?? overallSkill],
    ...(query.asOf !== undefined && { until: query.asOf }),
  });
  return levelDistribution(query, facts, people);
}

export async function neo4jSkillCoverage(read: ReadCypher, query: SkillCoverageQuery): Promise<SkillCoverageView> {
  validateSkillCoverage(query);
  const tally = tallyCoverageCypher(query);
  if (tally !== null) {
    const rows = await read(tally.cypher, tally.params);
    if (kept(rows)) return coverageFromTallies(query, rows);
  }
  const skillIds = (await read(registeredSkillIdsCypher, {})).map((r) => r['id'] as string);
  const { facts, people } = await readFacts(read, {
    ...scopeOf(query),
    ...(query.competencyId !== undefined && { competencyId: query.competencyId }),
    skillIds,
    ...(query.asOf !== undefined ? { until: query.asOf } : { minLevel: query.minLevel }),
  });
  return skillCoverage(query, skillIds, facts, people);
}

export async function neo4jProgression(read: ReadCypher, query: ProgressionQuery): Promise<ProgressionView> {
  validateProgression(query);
  const { facts, people } = await readFacts(read, {
    ...scopeOf(query),
    competencyId: query.competencyId,
    skillIds: [query.skillId ?? overallSkill],
    until: progressionPeriods(query).at(-1)!.asOf,
  });
  return progression(query, facts, people);
}
