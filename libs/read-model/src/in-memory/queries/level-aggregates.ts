import { levelKey } from '@skills-graph/domain';
import {
  compareIds,
  levelDistribution,
  progressionOfTimed,
  skillCoverage,
  summariseCounts,
  validateLevelDistribution,
  validateProgression,
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
  type TimedLevelFact,
} from '../../directors/level-aggregates.js';
import { competencyDimension, skillDimension, type LevelTally, type TallyGroup, type TallyGroups } from '../level-tally.js';
import type { DemonstratedLevelView, EngineerView } from '../../read-model.port.js';

/** What the directors' level aggregates read of the in-memory graph (the skills: registered ones only, as on Neo4j). */
export interface LevelAggregateGraph {
  engineers: ReadonlyMap<string, EngineerView>;
  /** `${competencyId}|${skillId ?? ''}` → its level records (every framework), in the order recorded. */
  historyByCompetencySkill: ReadonlyMap<string, readonly DemonstratedLevelView[]>;
  /** The same records in time order, then recorded order (compareTimed). */
  historyInTime: ReadonlyMap<string, readonly TimedLevelFact[]>;
  /** engineer id → level key → current level */
  levels: ReadonlyMap<string, ReadonlyMap<string, DemonstratedLevelView>>;
  /** level key → level → engineer ids (current levels) */
  levelIndex: ReadonlyMap<string, ReadonlyMap<number, ReadonlySet<string>>>;
  /** `${competencyId}|${skillId ?? ''}` → the level keys of every framework that has it */
  levelKeysByCompetencySkill: ReadonlyMap<string, ReadonlySet<string>>;
  skillIds(): string[];
  lineOf(engineerId: string): ReadonlySet<string>;
  /** Current levels counted per team and manager (the aggregates of today's levels across frameworks read these). */
  tally: LevelTally;
  /** A team's active members. */
  teamMembers(teamId: string): ReadonlySet<string>;
}

/** Today's levels across frameworks are what the tally counts; an asOf or a single framework reads the records instead. */
const fromTally = (query: { asOf?: string | undefined; frameworkId?: string | undefined }) => query.asOf === undefined && query.frameworkId === undefined;

/**
 * Today's levels of one competency (and skill) in one framework are the tally's too when no other framework has
 * ever had levels for them (the usual case: one framework): the dashboard's overview asks with its framework.
 */
function onlyFrameworkWithLevels(graph: LevelAggregateGraph, query: LevelDistributionQuery): boolean {
  if (query.asOf !== undefined || query.frameworkId === undefined) return false;
  const keys = graph.levelKeysByCompetencySkill.get(`${query.competencyId}|${query.skillId ?? ''}`);
  return keys !== undefined && keys.size === 1 && keys.has(levelKey(query.frameworkId, query.competencyId, query.skillId ?? null));
}

/** The active engineers a team or reporting-line scope holds; null when the scope is the whole organisation. */
function scopeMembers(graph: LevelAggregateGraph, scope: AggregateScope): string[] | null {
  if (scope.teamId === undefined && scope.withinLineOf === undefined) return null;
  const line = scope.withinLineOf === undefined ? null : graph.lineOf(scope.withinLineOf);
  const candidates = scope.teamId !== undefined ? graph.teamMembers(scope.teamId) : line!;
  const members: string[] = [];
  for (const id of candidates) {
    const e = graph.engineers.get(id);
    if (e && e.status === 'active' && (scope.teamId === undefined || e.teamId === scope.teamId) && (line === null || line.has(id))) members.push(id);
  }
  return members;
}

/** How many engineers of one group of a tally are at or above a level. */
function holdersIn(group: TallyGroup, minLevel: number): number {
  return minLevel < group.atLeast.length ? group.atLeast[minLevel]! : 0;
}

/** The one engineer at or above a level in a group that holds exactly one. */
function soleHolderIn(group: TallyGroup, minLevel: number): string {
  for (let level = minLevel; level < group.ids.length; level++) {
    const ids = group.ids[level];
    if (ids && ids.size > 0) return ids.values().next().value!;
  }
  throw new Error('no holder in the group');
}

function tallyDistribution(graph: LevelAggregateGraph, query: LevelDistributionQuery): LevelDistributionView {
  const dimension = competencyDimension(query.competencyId, query.skillId ?? null);
  const groups = new Map<string | null, Map<number, number>>();
  const add = (groupId: string | null, level: number, count: number) => {
    let byLevel = groups.get(groupId);
    if (!byLevel) groups.set(groupId, (byLevel = new Map()));
    byLevel.set(level, (byLevel.get(level) ?? 0) + count);
  };
  const members = scopeMembers(graph, query);
  if (members === null) {
    const tally: TallyGroups = query.groupBy === 'MANAGER' ? graph.tally.managers(dimension) : graph.tally.teams(dimension);
    for (const [groupId, group] of tally) {
      const id = query.groupBy === 'NONE' ? null : query.groupBy === 'MANAGER' && groupId === '' ? null : groupId;
      group.counts.forEach((count, level) => {
        if (count > 0) add(id, level, count);
      });
    }
  } else {
    for (const id of members) {
      const level = graph.tally.levelOf(id, dimension);
      if (level <= 0) continue;
      const e = graph.engineers.get(id)!;
      add(query.groupBy === 'TEAM' ? e.teamId : query.groupBy === 'MANAGER' ? e.managerId : null, level, 1);
    }
  }
  if (query.groupBy === 'NONE' && groups.size === 0) groups.set(null, new Map());
  return {
    groups: [...groups]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([groupId, byLevel]): LevelDistributionGroup => ({ groupId, ...summariseCounts(byLevel) })),
  };
}

function tallyCoverage(graph: LevelAggregateGraph, query: SkillCoverageQuery): SkillCoverageView {
  const entry = (skillId: string, teamId: string | null, holders: number, any: string | null): SkillCoverageEntry => ({
    skillId,
    teamId,
    holders,
    soleHolderId: holders === 1 ? any : null,
    atRisk: holders < 2,
  });
  const dimensionOf = (skillId: string) => (query.competencyId !== undefined ? competencyDimension(query.competencyId, skillId) : skillDimension(skillId));
  const organisation: SkillCoverageEntry[] = [];
  // Skills are taken in order, so each team's entries come out in skill order; teams are ordered at the end.
  const byTeam = new Map<string, SkillCoverageEntry[]>();
  const add = (e: SkillCoverageEntry) => {
    const list = byTeam.get(e.teamId!);
    if (list) list.push(e);
    else byTeam.set(e.teamId!, [e]);
  };
  /** By the tally's group ordinal (an array index is far cheaper than a lookup by team id for ten thousand entries). */
  const byOrdinal: SkillCoverageEntry[][] = [];
  const members = scopeMembers(graph, query);
  for (const skillId of graph.skillIds().sort()) {
    const dimension = dimensionOf(skillId);
    let total = 0;
    let any: string | null = null;
    if (members === null) {
      for (const [teamId, group] of graph.tally.teams(dimension)) {
        const held = holdersIn(group, query.minLevel);
        if (held === 0) continue;
        total += held;
        const sole = held === 1 ? soleHolderIn(group, query.minLevel) : null;
        any ??= sole;
        (byOrdinal[group.ordinal] ??= []).push(entry(skillId, teamId, held, sole));
      }
    } else {
      const perTeam = new Map<string, { count: number; any: string }>();
      for (const id of members) {
        if (graph.tally.levelOf(id, dimension) < query.minLevel) continue;
        total += 1;
        any ??= id;
        const teamId = graph.engineers.get(id)!.teamId;
        const team = perTeam.get(teamId);
        if (team) team.count += 1;
        else perTeam.set(teamId, { count: 1, any: id });
      }
      for (const [teamId, held] of perTeam) add(entry(skillId, teamId, held.count, held.any));
    }
    organisation.push(entry(skillId, null, total, any));
  }
  for (const entries of byOrdinal) if (entries) byTeam.set(entries[0]!.teamId!, entries);
  const teams: SkillCoverageEntry[] = [];
  for (const teamId of [...byTeam.keys()].sort()) for (const e of byTeam.get(teamId)!) teams.push(e);
  return { minLevel: query.minLevel, organisation, teams };
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
  if (fromTally(query) || onlyFrameworkWithLevels(graph, query)) return tallyDistribution(graph, query);
  const facts = factsOf(graph, [`${query.competencyId}|${query.skillId ?? ''}`], query, query.asOf);
  return levelDistribution(query, facts, peopleOf(graph, facts, query));
}

export function inMemorySkillCoverage(graph: LevelAggregateGraph, query: SkillCoverageQuery): SkillCoverageView {
  validateSkillCoverage(query);
  if (fromTally(query)) return tallyCoverage(graph, query);
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
  const all = graph.historyInTime.get(`${query.competencyId}|${query.skillId ?? ''}`) ?? [];
  const records = query.frameworkId === undefined ? all : all.filter((r) => r.fact.frameworkId === query.frameworkId);
  const line = query.withinLineOf === undefined ? null : graph.lineOf(query.withinLineOf);
  const people = {
    get: (id: string) => {
      const e = graph.engineers.get(id);
      return !e || (query.teamId !== undefined && e.teamId !== query.teamId) || (line !== null && !line.has(id)) ? undefined : e;
    },
  };
  return progressionOfTimed(query, records, people);
}
