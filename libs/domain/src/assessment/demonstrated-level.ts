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
  const { coverageShare, minimumEvidence, recencyWindowDays } = framework.policy;
  const asOfMs = Date.parse(asOf);
  const counted = evidence.filter((e) => (skillId === null || e.skillIds.includes(skillId)) && evidenceCountsAt(e.date, asOfMs, recencyWindowDays));

  const evidenceByBehaviour = new Map<string, string[]>();
  for (const e of counted) {
    for (const behaviourId of e.behaviourIds) {
      const list = evidenceByBehaviour.get(behaviourId) ?? [];
      list.push(e.evidenceId);
      evidenceByBehaviour.set(behaviourId, list);
    }
  }

  let level = 0;
  const provenance = new Set<string>();
  for (const { level: l } of [...framework.levels].sort((a, b) => a.level - b.level)) {
    const behaviours = framework.behaviours.filter((b) => b.competencyId === competencyId && b.level === l);
    if (behaviours.length === 0) continue;
    const coveringEvidence = new Set<string>();
    let covered = 0;
    for (const b of behaviours) {
      const ids = evidenceByBehaviour.get(b.id);
      if (!ids) continue;
      covered += 1;
      ids.forEach((id) => coveringEvidence.add(id));
    }
    if (covered / behaviours.length < coverageShare || coveringEvidence.size < Math.max(minimumEvidence, 1)) break;
    level = l;
    coveringEvidence.forEach((id) => provenance.add(id));
  }
  return { competencyId, skillId, level, evidenceIds: level === 0 ? [] : [...provenance].sort() };
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
