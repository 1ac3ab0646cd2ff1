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
import { coverPrefix, dimensionCoverPrefix, levelTallyVersion, tallyKey } from '../level-tally-projection.js';

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
// (level-tally-projection.ts), organisation-wide or for one team: their covers, read from the level_tally_cover
// index by the start they share (or by key, for a team). A reporting line, a framework or an instant reads the
// level facts instead, and so does a graph whose tallies are not kept at this version yet (each tally query first
// reads the version on the checkpoint, one seek: `kept`). Covers come back without the start they share.

const keptTallies = `OPTIONAL MATCH (c:ProjectionCheckpoint {name: $checkpoint})
WITH c IS NULL OR coalesce(c.levelTally = $version, false) AS kept`;
const tallyParams = { checkpoint: checkpointName, version: levelTallyVersion };

/**
 * The tallies of a distribution: a dimension's team or manager tallies (a prefix seek on level_tally_cover),
 * or one team's (a seek on its key). null: the tallies cannot answer it.
 */
export function tallyDistributionCypher(query: LevelDistributionQuery): { cypher: string; params: Props } | null {
  if (query.asOf !== undefined || query.frameworkId !== undefined || query.withinLineOf !== undefined) return null;
  const dimension = competencyDimension(query.competencyId, query.skillId ?? null);
  const kind = query.groupBy === 'MANAGER' ? 'manager' : 'team';
  if (query.teamId !== undefined && kind === 'manager') return null;
  const match = query.teamId !== undefined ? 'OPTIONAL MATCH (t:LevelTally {key: $key})\nWHERE kept' : 'OPTIONAL MATCH (t:LevelTally)\nWHERE kept AND t.cover STARTS WITH $prefix';
  return {
    cypher: `${keptTallies}\n${match}\nRETURN kept, collect(substring(t.cover, size($prefix))) AS covers`,
    params: { ...tallyParams, prefix: dimensionCoverPrefix(kind, dimension), ...(query.teamId !== undefined && { key: tallyKey('team', query.teamId, dimension) }) },
  };
}

/** Whether a tally query's answer comes from tallies kept at this version (else the level facts answer). */
const kept = (rows: Props[]) => rows.length > 0 && rows.every((row) => row['kept'] === true);

/** A distribution from tallies: each tally's engineers at or above levels 1, 2, ... give those at each level; NONE adds them all up. */
export function distributionFromTallies(query: LevelDistributionQuery, row: Props): LevelDistributionView {
  const groups = new Map<string | null, Map<number, number>>();
  for (const cover of row['covers'] as string[]) {
    // After the prefix: `"groupId",[h...],topMember]`.
    const [id, atLeast] = JSON.parse(`[${cover}`) as [string, number[]];
    const groupId = query.groupBy === 'NONE' ? null : query.groupBy === 'MANAGER' && id === '' ? null : id;
    let byLevel = groups.get(groupId);
    if (!byLevel) groups.set(groupId, (byLevel = new Map()));
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
 * The registered skills, and the team tallies of every skill (`s:`, or `c:<competency>|` with a competency): one
 * prefix seek on level_tally_cover, the covers from the index; or, for a team, its tally of each registered
 * skill by key. null: the tallies cannot answer it.
 */
export function tallyCoverageCypher(query: SkillCoverageQuery): { cypher: string; params: Props } | null {
  if (query.asOf !== undefined || query.frameworkId !== undefined || query.withinLineOf !== undefined) return null;
  const dimensionStart = query.competencyId !== undefined ? competencyDimension(query.competencyId, '') : skillDimension('');
  const tallies =
    query.teamId !== undefined
      ? `CALL (kept, skillIds) {
  UNWIND skillIds AS skillId
  OPTIONAL MATCH (t:LevelTally {key: $key + skillId})
  WHERE kept
  RETURN collect(substring(t.cover, size($prefix))) AS covers
}`
      : `CALL (kept) {
  OPTIONAL MATCH (t:LevelTally)
  WHERE kept AND t.cover STARTS WITH $prefix
  RETURN collect(substring(t.cover, size($prefix))) AS covers
}`;
  const cypher = `${keptTallies}
CALL () {
  MATCH (s:Skill) WHERE s.name IS NOT NULL
  RETURN collect(s.id) AS skillIds
}
${tallies}
RETURN kept, skillIds, covers`;
  const params = { ...tallyParams, prefix: coverPrefix('team', dimensionStart), ...(query.teamId !== undefined && { key: tallyKey('team', query.teamId, dimensionStart) }) };
  return { cypher, params };
}

/** Coverage from the team tallies: the organisation's (or the team's) holders of a skill are its teams' holders added up. */
export function coverageFromTallies(query: SkillCoverageQuery, row: Props): SkillCoverageView {
  const entry = (skillId: string, teamId: string | null, holders: number, sole: string | null): SkillCoverageEntry => ({
    skillId,
    teamId,
    holders,
    soleHolderId: holders === 1 ? sole : null,
    atRisk: holders < 2,
  });
  const skillIds = [...(row['skillIds'] as string[])].sort();
  const registered = new Set(skillIds);
  const total = new Map<string, { holders: number; sole: string | null }>();
  const byTeam = new Map<string, SkillCoverageEntry[]>();
  for (const cover of row['covers'] as string[]) {
    // After the prefix: `skillId","teamId",[h...],topMember]` (the skill id is the rest of the dimension).
    const [skillId, teamId, atLeast, top] = JSON.parse(`["${cover}`) as [string, string, number[], string | null];
    const holders = atLeast[query.minLevel - 1] ?? 0;
    if (holders === 0 || !registered.has(skillId)) continue;
    const e = entry(skillId, teamId, holders, top);
    const list = byTeam.get(teamId);
    if (list) list.push(e);
    else byTeam.set(teamId, [e]);
    const sum = total.get(skillId);
    if (sum) sum.holders += holders;
    else total.set(skillId, { holders, sole: top });
  }
  const teams: SkillCoverageEntry[] = [];
  for (const teamId of [...byTeam.keys()].sort(compareIds)) teams.push(...byTeam.get(teamId)!.sort((a, b) => compareIds(a.skillId, b.skillId)));
  return {
    minLevel: query.minLevel,
    organisation: skillIds.map((skillId) => entry(skillId, null, total.get(skillId)?.holders ?? 0, total.get(skillId)?.sole ?? null)),
    teams,
  };
}

export async function neo4jLevelDistribution(read: ReadCypher, query: LevelDistributionQuery): Promise<LevelDistributionView> {
  validateLevelDistribution(query);
  const tally = tallyDistributionCypher(query);
  if (tally !== null) {
    const rows = await read(tally.cypher, tally.params);
    if (kept(rows)) return distributionFromTallies(query, rows[0]!);
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
    if (kept(rows)) return coverageFromTallies(query, rows[0]!);
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
