import type { FrameworkContent, LevelPolicy } from '../framework/framework-content.js';
import { countedEvidenceByBehaviour, levelFromCountedEvidence, levelsWithBehaviours, meetsLevelPolicy, type ApprovedEvidence } from './demonstrated-level.js';

/** One behaviour of the next level and the counted evidence claiming it (empty: still missing). */
export interface BehaviourCoverage {
  behaviourId: string;
  evidenceIds: string[];
}

/**
 * What an engineer still needs for the next level of a competency (within a skill, or across all), by the
 * same rule as demonstratedLevel: the policy, the level demonstrated now, and at the next level (the first
 * level with behaviours above it) which behaviours counted evidence already covers and which are missing.
 */
export interface LevelGap {
  competencyId: string;
  skillId: string | null;
  /** The level demonstrated at `asOf` (0: none). */
  level: number;
  /** The evidence that proves `level`. Sorted. */
  evidenceIds: string[];
  /** The next level with behaviours in the competency; null when `level` is the highest. */
  nextLevel: number | null;
  policy: LevelPolicy;
  /** Every behaviour of the next level, in the framework's order, with the evidence that already counts for it. */
  behaviours: BehaviourCoverage[];
  /** Ids of the next level's behaviours no counted evidence claims yet. */
  missingBehaviourIds: string[];
  /** Behaviours that must be covered at the next level: the least k with k / behaviours ≥ coverageShare. */
  behavioursRequired: number;
  behavioursCovered: number;
  behavioursStillNeeded: number;
  /** Distinct counted evidence items covering the next level's behaviours, and the policy's minimum (at least 1). */
  evidenceCounted: number;
  evidenceRequired: number;
  evidenceStillNeeded: number;
  /**
   * One more evidence item claiming one missing behaviour would reach the next level: exactly one behaviour
   * is still needed and at most one evidence item.
   */
  oneBehaviourAway: boolean;
}

/** The gap to the next level at `asOf`, from the approved evidence (the facts demonstratedLevel reads). */
export function levelGap(
  framework: FrameworkContent,
  evidence: readonly ApprovedEvidence[],
  competencyId: string,
  skillId: string | null,
  asOf: string,
): LevelGap {
  return levelGapFromCountedEvidence(framework, countedEvidenceByBehaviour(framework, evidence, skillId, asOf), competencyId, skillId);
}

/** levelGap from the evidence that counts, by behaviour (countedEvidenceByBehaviour): one count serves every competency. */
export function levelGapFromCountedEvidence(
  framework: FrameworkContent,
  byBehaviour: ReadonlyMap<string, readonly string[]>,
  competencyId: string,
  skillId: string | null,
): LevelGap {
  const policy = framework.policy;
  const current = levelFromCountedEvidence(framework, byBehaviour, competencyId, skillId);
  const next = levelsWithBehaviours(framework, competencyId).find((l) => l.level > current.level);
  const base = { competencyId, skillId, level: current.level, evidenceIds: current.evidenceIds, nextLevel: next?.level ?? null, policy: { ...policy } };
  if (!next) {
    return { ...base, behaviours: [], missingBehaviourIds: [], behavioursRequired: 0, behavioursCovered: 0, behavioursStillNeeded: 0, evidenceCounted: 0, evidenceRequired: 0, evidenceStillNeeded: 0, oneBehaviourAway: false };
  }

  const behaviours = next.behaviourIds.map((behaviourId) => ({ behaviourId, evidenceIds: [...new Set(byBehaviour.get(behaviourId) ?? [])].sort() }));
  const covered = behaviours.filter((b) => b.evidenceIds.length > 0).length;
  const distinct = new Set(behaviours.flatMap((b) => b.evidenceIds)).size;
  const evidenceRequired = Math.max(policy.minimumEvidence, 1);
  let behavioursRequired = 0;
  while (behavioursRequired < behaviours.length && !meetsLevelPolicy(policy, behavioursRequired, behaviours.length, evidenceRequired)) behavioursRequired += 1;
  const behavioursStillNeeded = Math.max(0, behavioursRequired - covered);
  const evidenceStillNeeded = Math.max(0, evidenceRequired - distinct);
  return {
    ...base,
    behaviours,
    missingBehaviourIds: behaviours.filter((b) => b.evidenceIds.length === 0).map((b) => b.behaviourId),
    behavioursRequired,
    behavioursCovered: covered,
    behavioursStillNeeded,
    evidenceCounted: distinct,
    evidenceRequired,
    evidenceStillNeeded,
    oneBehaviourAway: behavioursStillNeeded === 1 && evidenceStillNeeded <= 1,
  };
}
