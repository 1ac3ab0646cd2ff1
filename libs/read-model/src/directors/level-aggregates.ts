import { InvalidQueryError } from '../read-model.port.js';

// Directors' aggregates over levels: levelDistribution, skillCoverage and progression. Each adapter
// gathers the same facts (level records and the engineers they belong to, narrowed by its indexes) and
// hands them to the pure functions below, so both adapters give identical answers.

export type LevelGroupBy = 'TEAM' | 'MANAGER' | 'NONE';
export type ProgressionInterval = 'MONTH' | 'QUARTER';

/** Who an aggregate counts: everyone, or narrowed to a team (current members) and/or a reporting line (as of now). */
export interface AggregateScope {
  /** Only levels demonstrated against this framework; default: the highest level across frameworks. */
  frameworkId?: string;
  teamId?: string;
  /** This engineer and everyone below them in the current reporting line. */
  withinLineOf?: string;
}

export interface LevelDistributionQuery extends AggregateScope {
  competencyId: string;
  /** A skill id; omitted or null: the competency overall. */
  skillId?: string | null;
  groupBy: LevelGroupBy;
  /** ISO instant: the levels as they stood then (from the level history), counting engineers employed then. */
  asOf?: string;
}

export interface LevelCount {
  level: number;
  count: number;
}

export interface LevelDistributionGroup {
  /** Team id (TEAM), manager id (MANAGER; null for engineers without a manager) or null (NONE). */
  groupId: string | null;
  /** Engineers per level (levels 1 and up, ascending; a level nobody holds is left out). */
  counts: LevelCount[];
  /** Engineers with a level in the group. */
  total: number;
  /** The median level of those engineers (the mean of the middle two for an even count); null when there are none. */
  median: number | null;
}

export interface LevelDistributionView {
  groups: LevelDistributionGroup[];
}

export interface SkillCoverageQuery extends AggregateScope {
  /** Holders are engineers at or above this level within the skill. */
  minLevel: number;
  /** Only levels of this competency within the skill; default: any competency. */
  competencyId?: string;
  asOf?: string;
}

export interface SkillCoverageEntry {
  skillId: string;
  /** null: across the whole scope (the organisation, or the team / line asked for). */
  teamId: string | null;
  holders: number;
  /** The only holder when there is exactly one; null otherwise. */
  soleHolderId: string | null;
  /** Fewer than two holders: the knowledge leaves with one person (the bus factor). */
  atRisk: boolean;
}

export interface SkillCoverageView {
  minLevel: number;
  /** Every registered skill, by skill id, with its holders across the scope (zero holders included). */
  organisation: SkillCoverageEntry[];
  /** Per team and skill, where the team has at least one holder; by team id, then skill id. */
  teams: SkillCoverageEntry[];
}

export interface ProgressionQuery extends AggregateScope {
  competencyId: string;
  skillId?: string | null;
  /** YYYY-MM-DD: the first interval is the month (quarter) holding it. */
  from: string;
  /** YYYY-MM-DD: the last interval is the month (quarter) holding it. */
  to: string;
  interval: ProgressionInterval;
}

export interface ProgressionPoint {
  /** First day of the interval (YYYY-MM-DD). */
  periodStart: string;
  /** The instant the counts stand at: the last millisecond of the interval. */
  asOf: string;
  counts: LevelCount[];
  total: number;
  median: number | null;
}

export interface ProgressionView {
  points: ProgressionPoint[];
}

export const maxProgressionIntervals = 60;

/** One level record (DemonstratedLevelRecorded), in the order they were recorded; level 0 ends a level. */
export interface LevelFact {
  engineerId: string;
  frameworkId: string;
  competencyId: string;
  /** null: the competency overall. */
  skillId: string | null;
  level: number;
  computedAt: string;
}

/** The engineer a level belongs to, as the read model has them now. */
export interface PersonFact {
  id: string;
  teamId: string;
  managerId: string | null;
  status: 'active' | 'left';
  joinedOn: string;
  leftOn: string | null;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function validateLevelDistribution(query: LevelDistributionQuery): void {
  if (!query.competencyId) throw new InvalidQueryError('competency is required', 'competency');
  if (!['TEAM', 'MANAGER', 'NONE'].includes(query.groupBy)) throw new InvalidQueryError('groupBy must be TEAM, MANAGER or NONE', 'groupBy');
}

export function validateSkillCoverage(query: SkillCoverageQuery): void {
  if (!Number.isInteger(query.minLevel) || query.minLevel < 1 || query.minLevel > 100) throw new InvalidQueryError('minLevel must be an integer from 1 to 100', 'minLevel');
}

/** The intervals of a progression, oldest first; InvalidQueryError when from is after to, or there are more than maxProgressionIntervals. */
export function progressionPeriods(query: Pick<ProgressionQuery, 'from' | 'to' | 'interval'>): { periodStart: string; asOf: string }[] {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (!isoDate.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) || new Date(`${value}T00:00:00.000Z`).toISOString().slice(0, 10) !== value) {
      throw new InvalidQueryError(`${field} must be a date (YYYY-MM-DD)`, field);
    }
  }
  if (query.from > query.to) throw new InvalidQueryError('from must not be after to', 'from');
  const months = query.interval === 'QUARTER' ? 3 : query.interval === 'MONTH' ? 1 : 0;
  if (months === 0) throw new InvalidQueryError('interval must be MONTH or QUARTER', 'interval');
  const start = (date: string) => {
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(5, 7)) - 1;
    return year * 12 + month - (month % months);
  };
  const first = start(query.from);
  const last = start(query.to);
  const count = (last - first) / months + 1;
  if (count > maxProgressionIntervals) throw new InvalidQueryError(`from..to spans ${count} intervals; at most ${maxProgressionIntervals}`, 'to');
  const points: { periodStart: string; asOf: string }[] = [];
  for (let m = first; m <= last; m += months) {
    const periodStart = new Date(Date.UTC(Math.floor(m / 12), m % 12, 1));
    const next = new Date(Date.UTC(Math.floor((m + months) / 12), (m + months) % 12, 1));
    points.push({ periodStart: periodStart.toISOString().slice(0, 10), asOf: new Date(next.getTime() - 1).toISOString() });
  }
  return points;
}

export function validateProgression(query: ProgressionQuery): void {
  if (!query.competencyId) throw new InvalidQueryError('competency is required', 'competency');
  progressionPeriods(query);
}

/**
 * Counted: currently active when asOf is omitted; else there at asOf (joined by its day and not left by it,
 * as findEngineers judges asOf). Teams and reporting lines are today's.
 */
export function employedAt(person: PersonFact, asOf?: string): boolean {
  if (asOf === undefined) return person.status === 'active';
  const day = asOf.slice(0, 10);
  return person.joinedOn <= day && (person.status === 'active' || (person.leftOn !== null && person.leftOn > day));
}

/**
 * The level each engineer held per (competency, skill) at asOf: the last record at or before it per
 * framework (records in recorded order; asOf omitted: the last record), the highest across frameworks.
 * Levels of 0 (ended) are left out. Key: `${competencyId}|${skillId ?? ''}`.
 */
export function heldLevels(facts: readonly LevelFact[], asOf?: string): Map<string, Map<string, number>> {
  // engineer → competency|skill → framework → the level of its last record so far
  const latest = new Map<string, Map<string, Map<string, number>>>();
  for (const fact of facts) {
    if (asOf !== undefined && fact.computedAt > asOf) continue;
    let own = latest.get(fact.engineerId);
    if (!own) latest.set(fact.engineerId, (own = new Map()));
    const key = fact.skillId === null ? `${fact.competencyId}|` : `${fact.competencyId}|${fact.skillId}`;
    let byFramework = own.get(key);
    if (!byFramework) own.set(key, (byFramework = new Map()));
    byFramework.set(fact.frameworkId, fact.level);
  }
  const held = new Map<string, Map<string, number>>();
  for (const [engineerId, own] of latest) {
    const levels = new Map<string, number>();
    for (const [key, byFramework] of own) {
      let best = 0;
      for (const level of byFramework.values()) if (level > best) best = level;
      if (best > 0) levels.set(key, best);
    }
    if (levels.size > 0) held.set(engineerId, levels);
  }
  return held;
}

/** The highest level across frameworks of one engineer's records (of one competency and skill, in recorded order) at asOf; 0 when none. */
function levelAt(records: readonly LevelFact[], asOf: string): number {
  if (records.length === 1) return records[0]!.computedAt <= asOf ? records[0]!.level : 0;
  const frameworks: string[] = [];
  const levels: number[] = [];
  for (const r of records) {
    if (r.computedAt > asOf) continue;
    const i = frameworks.indexOf(r.frameworkId);
    if (i < 0) {
      frameworks.push(r.frameworkId);
      levels.push(r.level);
    } else levels[i] = r.level;
  }
  let best = 0;
  for (const level of levels) if (level > best) best = level;
  return best;
}

/** Counts, total and median of engineers per level (level → how many), as `summarise` gives them for the levels listed one by one. */
export function summariseCounts(byLevel: ReadonlyMap<number, number>): { counts: LevelCount[]; total: number; median: number | null } {
  const counts = [...byLevel].filter(([, count]) => count > 0).sort(([a], [b]) => a - b).map(([level, count]) => ({ level, count }));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return { counts, total, median: null };
  /** The level at a 0-based position in the sorted list of levels. */
  const at = (position: number) => {
    let seen = 0;
    for (const c of counts) {
      seen += c.count;
      if (position < seen) return c.level;
    }
    return counts.at(-1)!.level;
  };
  const mid = Math.floor(total / 2);
  return { counts, total, median: total % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2 };
}

function summarise(levels: number[]): { counts: LevelCount[]; total: number; median: number | null } {
  const sorted = [...levels].sort((a, b) => a - b);
  const byLevel = new Map<number, number>();
  for (const level of sorted) byLevel.set(level, (byLevel.get(level) ?? 0) + 1);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? null : sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { counts: [...byLevel].map(([level, count]) => ({ level, count })), total: sorted.length, median };
}

export const compareIds = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** Later than any instant: the last record of each key counts. */
const latest = '\uffff';

/** One competency and skill's records per engineer, in recorded order. */
function recordsByEngineer(facts: readonly LevelFact[], competencyId: string, skillId: string | null): Map<string, LevelFact[]> {
  const byEngineer = new Map<string, LevelFact[]>();
  for (const fact of facts) {
    if (fact.competencyId !== competencyId || fact.skillId !== skillId) continue;
    const records = byEngineer.get(fact.engineerId);
    if (records) records.push(fact);
    else byEngineer.set(fact.engineerId, [fact]);
  }
  return byEngineer;
}

/** Engineers per level per group. `people` holds at least every engineer a fact belongs to (already narrowed to the scope). */
export function levelDistribution(query: LevelDistributionQuery, facts: readonly LevelFact[], people: ReadonlyMap<string, PersonFact>): LevelDistributionView {
  const groups = new Map<string | null, number[]>();
  for (const [engineerId, records] of recordsByEngineer(facts, query.competencyId, query.skillId ?? null)) {
    const person = people.get(engineerId);
    if (!person || !employedAt(person, query.asOf)) continue;
    const level = levelAt(records, query.asOf ?? latest);
    if (level <= 0) continue;
    const groupId = query.groupBy === 'TEAM' ? person.teamId : query.groupBy === 'MANAGER' ? person.managerId : null;
    const levels = groups.get(groupId);
    if (levels) levels.push(level);
    else groups.set(groupId, [level]);
  }
  if (query.groupBy === 'NONE' && groups.size === 0) groups.set(null, []);
  return {
    groups: [...groups]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([groupId, levels]) => ({ groupId, ...summarise(levels) })),
  };
}

/** Holders per skill, across the scope and per team. */
export function skillCoverage(query: SkillCoverageQuery, skillIds: readonly string[], facts: readonly LevelFact[], people: ReadonlyMap<string, PersonFact>): SkillCoverageView {
  const holders = new Map<string, Set<string>>();
  const hold = (skillId: string, engineerId: string) => {
    const ids = holders.get(skillId);
    if (ids) ids.add(engineerId);
    else holders.set(skillId, new Set([engineerId]));
  };
  const counts = (competencyId: string, skillId: string | null) => skillId !== null && (query.competencyId === undefined || competencyId === query.competencyId);
  if (query.asOf === undefined) {
    // Current levels: one record per engineer, framework, competency and skill, so a holder is anyone with one
    // at or above the level (the highest across frameworks is at or above it exactly then).
    for (const fact of facts) {
      if (fact.level < query.minLevel || !counts(fact.competencyId, fact.skillId)) continue;
      const person = people.get(fact.engineerId);
      if (person && employedAt(person)) hold(fact.skillId!, fact.engineerId);
    }
  } else {
    for (const [engineerId, own] of heldLevels(facts, query.asOf)) {
      const person = people.get(engineerId);
      if (!person || !employedAt(person, query.asOf)) continue;
      for (const [key, level] of own) {
        const [competencyId, skillId] = key.split('|') as [string, string];
        if (level >= query.minLevel && counts(competencyId, skillId === '' ? null : skillId)) hold(skillId, engineerId);
      }
    }
  }
  const entry = (skillId: string, teamId: string | null, ids: string[]): SkillCoverageEntry => ({
    skillId,
    teamId,
    holders: ids.length,
    soleHolderId: ids.length === 1 ? ids[0]! : null,
    atRisk: ids.length < 2,
  });
  const organisation = [...skillIds].sort().map((skillId) => entry(skillId, null, [...(holders.get(skillId) ?? [])]));
  const perTeam = new Map<string, string[]>();
  for (const [skillId, ids] of holders) {
    for (const id of ids) {
      const k = `${people.get(id)!.teamId}\u0000${skillId}`;
      const members = perTeam.get(k);
      if (members) members.push(id);
      else perTeam.set(k, [id]);
    }
  }
  const teams = [...perTeam]
    .map(([k, ids]) => {
      const [teamId, skillId] = k.split('\u0000') as [string, string];
      return entry(skillId, teamId, ids);
    })
    .sort((a, b) => compareIds(a.teamId, b.teamId) || compareIds(a.skillId, b.skillId));
  return { minLevel: query.minLevel, organisation, teams };
}

/** A level record with its place in recorded order (a later one of the same framework wins at any instant both have passed). */
export interface TimedLevelFact {
  fact: LevelFact;
  index: number;
}

/** Orders level records by time, then by recorded order. */
export const compareTimed = (a: TimedLevelFact, b: TimedLevelFact): number =>
  a.fact.computedAt < b.fact.computedAt ? -1 : a.fact.computedAt > b.fact.computedAt ? 1 : a.index - b.index;

/** Who a progression counts: the engineers in scope, as the read model has them now (undefined: out of scope). */
export interface PeopleLookup {
  get(engineerId: string): Pick<PersonFact, 'status' | 'joinedOn'> & { leftOn?: string | null | undefined } | undefined;
}

/** Level counts at the end of each interval, from the level history (`facts` in recorded order). */
export function progression(query: ProgressionQuery, facts: readonly LevelFact[], people: PeopleLookup): ProgressionView {
  const skillId = query.skillId ?? null;
  const records: TimedLevelFact[] = [];
  facts.forEach((fact, index) => {
    if (fact.competencyId === query.competencyId && fact.skillId === skillId) records.push({ fact, index });
  });
  return progressionOfTimed(query, records.sort(compareTimed), people);
}

/**
 * Level counts at the end of each interval in one sweep over one competency and skill's records in time
 * order (`records`, as compareTimed orders them): each engineer's level per framework follows their
 * records, and an engineer counts from the first interval end they were employed at to the first they
 * were not, so each point costs what changed since the one before.
 */
export function progressionOfTimed(query: ProgressionQuery, records: readonly TimedLevelFact[], people: PeopleLookup): ProgressionView {
  const periods = progressionPeriods(query);
  // An engineer with records: their level in their first framework, others (rare) in a map, the highest, and whether counted now.
  interface Standing {
    framework: string;
    level: number;
    index: number;
    others: Map<string, { level: number; index: number }> | null;
    best: number;
    employed: boolean;
  }
  const standing = new Map<string, Standing | null>();
  const histogram = new Map<number, number>();
  const move = (level: number, delta: number) => {
    if (level > 0) histogram.set(level, (histogram.get(level) ?? 0) + delta);
  };
  // The interval each engineer starts and stops being counted at.
  const starts: Standing[][] = periods.map(() => []);
  const stops: Standing[][] = periods.map(() => []);
  const days = periods.map((p) => p.asOf.slice(0, 10));
  const firstDayAtOrAfter = (day: string) => {
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid]! >= day) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const standingOf = (fact: LevelFact): Standing | null => {
    const known = standing.get(fact.engineerId);
    if (known !== undefined) return known;
    const person = people.get(fact.engineerId);
    let s: Standing | null = null;
    if (person) {
      s = { framework: fact.frameworkId, level: 0, index: -1, others: null, best: 0, employed: false };
      // employedAt: joinedOn <= day, and active or leftOn > day.
      const from = firstDayAtOrAfter(person.joinedOn);
      const until = person.status === 'active' ? periods.length : (person.leftOn ?? null) === null ? 0 : firstDayAtOrAfter(person.leftOn!);
      // First seen while sweeping towards interval `p`: counted from now if employed at its end (with no level yet).
      if (from <= p && p < until) s.employed = true;
      else if (from > p && from < until) starts[from]!.push(s);
      if (until > p && until < periods.length && from < until) stops[until]!.push(s);
    }
    standing.set(fact.engineerId, s);
    return s;
  };

  const points: ProgressionPoint[] = [];
  let next = 0;
  let p = 0;
  for (; p < periods.length; p++) {
    const { periodStart, asOf } = periods[p]!;
    for (; next < records.length && records[next]!.fact.computedAt <= asOf; next++) {
      const { fact, index } = records[next]!;
      const s = standingOf(fact);
      if (s === null) continue;
      let best: number;
      if (s.framework === fact.frameworkId && s.others === null) {
        if (s.index > index) continue;
        s.level = fact.level;
        s.index = index;
        best = fact.level;
      } else {
        const frameworks = (s.others ??= new Map([[s.framework, { level: s.level, index: s.index }]]));
        const known = frameworks.get(fact.frameworkId);
        if (known && known.index > index) continue;
        frameworks.set(fact.frameworkId, { level: fact.level, index });
        best = 0;
        for (const f of frameworks.values()) if (f.level > best) best = f.level;
      }
      if (best === s.best) continue;
      if (s.employed) {
        move(s.best, -1);
        move(best, +1);
      }
      s.best = best;
    }
    for (const s of starts[p]!) {
      s.employed = true;
      move(s.best, +1);
    }
    for (const s of stops[p]!) {
      s.employed = false;
      move(s.best, -1);
    }
    points.push({ periodStart, asOf, ...summariseCounts(histogram) });
  }
  return { points };
}
