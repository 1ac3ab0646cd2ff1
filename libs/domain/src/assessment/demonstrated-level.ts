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
 * The highest level L that has behaviours in the competency such that at every level l ≤ L that has
 * behaviours, the approved evidence (tagged with the skill, when one is given, and within the policy's
 * recency window of `asOf`) covers at least `coverageShare` of those behaviours with at least
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
  const oldest = recencyWindowDays === null ? null : Date.parse(asOf) - recencyWindowDays * DAY_MS;
  const counted = evidence.filter(
    (e) => (skillId === null || e.skillIds.includes(skillId)) && (oldest === null || Date.parse(e.date) >= oldest),
  );

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
