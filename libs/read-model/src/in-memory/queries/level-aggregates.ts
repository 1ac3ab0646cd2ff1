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
  /** engineer id → level key → current level */
  levels: ReadonlyMap<string, ReadonlyMap<string, DemonstratedLevelView>>;
  /** level key → level → engineer ids (current levels) */
  levelIndex: ReadonlyMap<string, ReadonlyMap<number, ReadonlySet<string>>>;
  /** `${competencyId}|${skillId ?? ''}` → the level keys of every framework that has it */
  levelKeysByCompetencySkill: ReadonlyMap<string, ReadonlySet<string>>;
  skillIds(): string[];
  lineOf(engineerId: string): ReadonlySet<string>;
}

/**
 * The facts of some `${competencyId}|${skillId ?? ''}` keys: with asOf, their whole level history (a level
 * record is a LevelFact); without, only the current levels at or above minLevel, from the level index (a
 * lower level cannot change the highest across frameworks, nor make a holder).
 */
function factsOf(graph: LevelAggregateGraph, keys: Iterable<string>, scope: AggregateScope, asOf: string | undefined, minLevel = 1): LevelFact[] {
  const facts: LevelFact[] = [];
  for (const key of keys) {
    if (asOf !== undefined) {
      for (const record of graph.historyByCompetencySkill.get(key) ?? []) {
        if (scope.frameworkId === undefined || record.frameworkId === scope.frameworkId) facts.push(record);
      }
      continue;
    }
    for (const levelKey of graph.levelKeysByCompetencySkill.get(key) ?? []) {
      for (const [level, ids] of graph.levelIndex.get(levelKey) ?? []) {
        if (level < minLevel) continue;
        for (const id of ids) {
          const record = graph.levels.get(id)?.get(levelKey);
          if (record && (scope.frameworkId === undefined || record.frameworkId === scope.frameworkId)) facts.push(record);
        }
      }
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
  const facts = factsOf(graph, [`${query.competencyId}|${query.skillId ?? ''}`], query, query.asOf);
  return levelDistribution(query, facts, peopleOf(graph, facts, query));
}

export function inMemorySkillCoverage(graph: LevelAggregateGraph, query: SkillCoverageQuery): SkillCoverageView {
  validateSkillCoverage(query);
  const skillIds = graph.skillIds();
  const registered = new Set(skillIds);
  const keys = [...(query.asOf !== undefined ? graph.historyByCompetencySkill : graph.levelKeysByCompetencySkill).keys()].filter((key) => {
    const [competencyId, skillId] = key.split('|') as [string, string];
    return registered.has(skillId) && (query.competencyId === undefined || competencyId === query.competencyId);
  });
  const facts = factsOf(graph, keys, query, query.asOf, query.minLevel);
  return skillCoverage(query, skillIds, facts, peopleOf(graph, facts, query));
}

export function inMemoryProgression(graph: LevelAggregateGraph, query: ProgressionQuery): ProgressionView {
  validateProgression(query);
  const last = progressionPeriods(query).at(-1)!.asOf;
  const facts = factsOf(graph, [`${query.competencyId}|${query.skillId ?? ''}`], query, last).filter((f) => f.computedAt <= last);
  return progression(query, facts, peopleOf(graph, facts, query));
}
