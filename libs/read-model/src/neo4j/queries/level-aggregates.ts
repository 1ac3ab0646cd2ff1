import {
  levelDistribution,
  progression,
  progressionPeriods,
  skillCoverage,
  validateLevelDistribution,
  validateProgression,
  validateSkillCoverage,
  type AggregateScope,
  type LevelDistributionQuery,
  type LevelDistributionView,
  type LevelFact,
  type PersonFact,
  type ProgressionQuery,
  type ProgressionView,
  type SkillCoverageQuery,
  type SkillCoverageView,
} from '../../directors/level-aggregates.js';
import { overallSkill } from '../event-to-cypher.js';

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

export async function neo4jLevelDistribution(read: ReadCypher, query: LevelDistributionQuery): Promise<LevelDistributionView> {
  validateLevelDistribution(query);
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
