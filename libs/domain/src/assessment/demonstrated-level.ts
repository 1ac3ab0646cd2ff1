import type { FrameworkContent } from '../framework/framework-content.js';

/** Approved evidence as the level computation sees it. */
export interface ApprovedEvidence {
  evidenceId: string;
  /** YYYY-MM-DD */
  date: string;
  skillIds: readonly string[];
  behaviourIds: readonly string[];
}

export interface DemonstratedLevel {
  competencyId: string;
  /** null = across all skills. */
  skillId: string | null;
  /** 0 when not even the first level with behaviours is demonstrated. */
  level: number;
  /** The evidence that proves the level: every item covering a behaviour at a level ≤ `level`. Sorted. */
  evidenceIds: string[];
}

const DAY_MS = 86_400_000;

/**
 * When evidence counts: evidence dated D (a calendar day, read as UTC) counts from D 00:00 UTC, and with a
 * recency window of N days until D + N days 00:00 UTC, exclusive. So it counts while it is at most N − 1
 * days old and is out on the day it is N days old: with a 365-day window, evidence of 2025-03-01 counts
 * until 2026-02-28 23:59:59.999 UTC and stops at 2026-03-01 00:00 UTC.
 */
export function evidenceCountsAt(date: string, asOfMs: number, recencyWindowDays: number | null): boolean {
  const start = Date.parse(date);
  return start <= asOfMs && (recencyWindowDays === null || asOfMs < start + recencyWindowDays * DAY_MS);
}

/**
 * The first instant after `after` at which the levels computed from this evidence can change with no new
 * event: when evidence dated in the future starts to count, or when counted evidence leaves the window.
 * null when nothing will change by itself (no window and nothing dated ahead).
 */
export function nextLevelChangeAt(framework: FrameworkContent, evidence: readonly ApprovedEvidence[], after: string): string | null {
  const afterMs = Date.parse(after);
  const windowDays = framework.policy.recencyWindowDays;
  let next = Infinity;
  for (const e of evidence) {
    const start = Date.parse(e.date);
    if (start > afterMs) next = Math.min(next, start);
    else if (windowDays !== null && start + windowDays * DAY_MS > afterMs) next = Math.min(next, start + windowDays * DAY_MS);
  }
  return next === Infinity ? null : new Date(next).toISOString();
}

/**
 * The highest level L that has behaviours in the competency such that at every level l ≤ L that has
 * behaviours, the approved evidence (tagged with the skill, when one is given, and counting at `asOf`: see
 * evidenceCountsAt) covers at least `coverageShare` of those behaviours with at least
 * `minimumEvidence` distinct items. Levels without behaviours in the competency neither block nor count.
 */
export function demonstratedLevel(
  framework: FrameworkContent,
  evidence: readonly ApprovedEvidence[],
  competencyId: string,
  skillId: string | null,
  asOf: string,
): DemonstratedLevel {
  return levelFromCountedEvidence(framework, countedEvidenceByBehaviour(framework, evidence, skillId, asOf), competencyId, skillId);
}

/** demonstratedLevel from the evidence that counts, by behaviour (countedEvidenceByBehaviour). */
export function levelFromCountedEvidence(
  framework: FrameworkContent,
  evidenceByBehaviour: ReadonlyMap<string, readonly string[]>,
  competencyId: string,
  skillId: string | null,
): DemonstratedLevel {
  let level = 0;
  const provenance = new Set<string>();
  for (const { level: l, behaviourIds } of levelsWithBehaviours(framework, competencyId)) {
    const coveringEvidence = new Set<string>();
    let covered = 0;
    for (const id of behaviourIds) {
      const ids = evidenceByBehaviour.get(id);
      if (!ids) continue;
      covered += 1;
      ids.forEach((evidenceId) => coveringEvidence.add(evidenceId));
    }
    if (!meetsLevelPolicy(framework.policy, covered, behaviourIds.length, coveringEvidence.size)) break;
    level = l;
    coveringEvidence.forEach((id) => provenance.add(id));
  }
  return { competencyId, skillId, level, evidenceIds: level === 0 ? [] : [...provenance].sort() };
}

const levelIndexes = new WeakMap<FrameworkContent, Map<string, { level: number; behaviourIds: string[] }[]>>();

/**
 * The framework's levels that have behaviours in the competency, lowest first, each with its behaviour ids in
 * the framework's order (levels the framework does not define are left out). Framework content is immutable
 * data, so the index is built once per content object.
 */
export function levelsWithBehaviours(framework: FrameworkContent, competencyId: string): readonly { level: number; behaviourIds: string[] }[] {
  let index = levelIndexes.get(framework);
  if (!index) {
    index = new Map();
    for (const { level } of [...framework.levels].sort((a, b) => a.level - b.level)) {
      for (const b of framework.behaviours) {
        if (b.level !== level) continue;
        const levels = index.get(b.competencyId) ?? [];
        const last = levels.at(-1);
        if (last && last.level === level) last.behaviourIds.push(b.id);
        else levels.push({ level, behaviourIds: [b.id] });
        index.set(b.competencyId, levels);
      }
    }
    levelIndexes.set(framework, index);
  }
  return index.get(competencyId) ?? [];
}

/**
 * The evidence that counts at `asOf` (tagged with the skill when one is given; see evidenceCountsAt), by
 * the behaviour it claims: behaviour id → evidence ids, in the order given.
 */
export function countedEvidenceByBehaviour(
  framework: FrameworkContent,
  evidence: readonly ApprovedEvidence[],
  skillId: string | null,
  asOf: string,
): Map<string, string[]> {
  const asOfMs = Date.parse(asOf);
  const counted = evidence.filter((e) => (skillId === null || e.skillIds.includes(skillId)) && evidenceCountsAt(e.date, asOfMs, framework.policy.recencyWindowDays));
  const evidenceByBehaviour = new Map<string, string[]>();
  for (const e of counted) {
    for (const behaviourId of e.behaviourIds) {
      const list = evidenceByBehaviour.get(behaviourId) ?? [];
      list.push(e.evidenceId);
      evidenceByBehaviour.set(behaviourId, list);
    }
  }
  return evidenceByBehaviour;
}

/** A level is met when `covered` of its `behaviours` reach the coverage share with at least the minimum distinct evidence items (at least one). */
export function meetsLevelPolicy(policy: FrameworkContent['policy'], covered: number, behaviours: number, distinctEvidence: number): boolean {
  return covered / behaviours >= policy.coverageShare && distinctEvidence >= Math.max(policy.minimumEvidence, 1);
}

/** Levels for every competency, overall and within each skill the evidence is tagged with. Level-0 results are left out. */
export function demonstratedLevels(
  framework: FrameworkContent,
  evidence: readonly ApprovedEvidence[],
  asOf: string,
): DemonstratedLevel[] {
  const skills = [...new Set(evidence.flatMap((e) => e.skillIds))].sort();
  const results: DemonstratedLevel[] = [];
  for (const competency of framework.competencies) {
    for (const skillId of [null, ...skills]) {
      const result = demonstratedLevel(framework, evidence, competency.id, skillId, asOf);
      if (result.level > 0) results.push(result);
    }
  }
  return results;
}
