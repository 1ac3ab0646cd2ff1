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
import type { DemonstratedLevelView, EngineerView } from '../../read-model.port.js';

/** What the directors' level aggregates read of the in-memory graph (the skills: registered ones only, as on Neo4j). */
export interface LevelAggregateGraph {
  engineers: ReadonlyMap<string, EngineerView>;
  /** `${competencyId}|${skillId ?? ''}` → its level records (every framework), in the order recorded. */
  historyByCompetencySkill: ReadonlyMap<string, readonly DemonstratedLevelView[]>;
  skillIds(): string[];
  lineOf(engineerId: string): ReadonlySet<string>;
}

const toFact = (r: DemonstratedLevelView): LevelFact => ({ engineerId: r.engineerId, frameworkId: r.frameworkId, competencyId: r.competencyId, skillId: r.skillId, level: r.level, computedAt: r.computedAt });

function factsOf(graph: LevelAggregateGraph, keys: Iterable<string>, scope: AggregateScope): LevelFact[] {
  const facts: LevelFact[] = [];
  for (const key of keys) {
    for (const record of graph.historyByCompetencySkill.get(key) ?? []) {
      if (scope.frameworkId === undefined || record.frameworkId === scope.frameworkId) facts.push(toFact(record));
    }
  }
  return facts;
}

/** The engineers behind the facts, narrowed to the scope's team and reporting line. */
function peopleOf(graph: LevelAggregateGraph, facts: readonly LevelFact[], scope: AggregateScope): Map<string, PersonFact> {
  const line = scope.withinLineOf === undefined ? null : graph.lineOf(scope.withinLineOf);
  const people = new Map<string, PersonFact>();
  for (const { engineerId } of facts) {
    if (people.has(engineerId)) continue;
    const e = graph.engineers.get(engineerId);
    if (!e || (scope.teamId !== undefined && e.teamId !== scope.teamId) || (line !== null && !line.has(e.id))) continue;
    people.set(e.id, { id: e.id, teamId: e.teamId, managerId: e.managerId, status: e.status, joinedOn: e.joinedOn, leftOn: e.leftOn ?? null });
  }
  return people;
}

export function inMemoryLevelDistribution(graph: LevelAggregateGraph, query: LevelDistributionQuery): LevelDistributionView {
  validateLevelDistribution(query);
  const facts = factsOf(graph, [`${query.competencyId}|${query.skillId ?? ''}`], query);
  return levelDistribution(query, facts, peopleOf(graph, facts, query));
}

export function inMemorySkillCoverage(graph: LevelAggregateGraph, query: SkillCoverageQuery): SkillCoverageView {
  validateSkillCoverage(query);
  const skillIds = graph.skillIds();
  const registered = new Set(skillIds);
  const keys = [...graph.historyByCompetencySkill.keys()].filter((key) => {
    const [competencyId, skillId] = key.split('|') as [string, string];
    return registered.has(skillId) && (query.competencyId === undefined || competencyId === query.competencyId);
  });
  const facts = factsOf(graph, keys, query);
  return skillCoverage(query, skillIds, facts, peopleOf(graph, facts, query));
}

export function inMemoryProgression(graph: LevelAggregateGraph, query: ProgressionQuery): ProgressionView {
  validateProgression(query);
  const last = progressionPeriods(query).at(-1)!.asOf;
  const facts = factsOf(graph, [`${query.competencyId}|${query.skillId ?? ''}`], query).filter((f) => f.computedAt <= last);
  return progression(query, facts, peopleOf(graph, facts, query));
}
