import { countedEvidenceByBehaviour, levelGap, levelGapFromCountedEvidence, type ApprovedEvidence, type FrameworkContent, type LevelGap } from '@skills-graph/domain';
import { approvedAtInstant } from '../evidence-view-changes.js';
import { InvalidQueryError, type EvidenceView, type FrameworkVersionView } from '../read-model.port.js';

// gapToNextLevel and promotionReadiness: both adapters gather the same facts (the framework's published
// version, the engineer's approved evidence, their calibrations) and hand them to the domain's rule here.
//
// With `asOf` (an instant not after `at`), the question is asked as the organisation stood then:
// - evidence counts when it was approved at asOf (EvidenceView.approvedPeriods: approved from its approval
//   until a withdrawal or an amendment), with its content as it is today: an amendment made after asOf is
//   read as if it had applied then (the read model keeps the latest content only);
// - the recency window is judged at asOf (evidence dated after asOf does not count yet);
// - calibrations are those recorded at or before asOf (the last of a competency then is its current one);
// - promotionReadiness counts the engineers who were there at asOf (joined by that day, not yet left),
//   with today's teams and reporting lines;
// - the framework version is today's published one: the read model does not keep when each version was
//   published, so a version published after asOf is applied to the evidence as it stood then.

export interface LevelGapQuery {
  engineerId: string;
  frameworkId: string;
  competencyId: string;
  /** null: across all skills. */
  skillId: string | null;
  /** The instant evidence is judged at (the recency window): now, for the gateway. */
  at: string;
  /** An ISO instant not after `at`: the gap as it stood then (see the top of this file); omitted: at `at`, on the evidence approved now. */
  asOf?: string;
}

/** The gap to the next level, as the framework's published version and the evidence approved now (or at asOf) give it. */
export interface LevelGapView extends LevelGap {
  engineerId: string;
  frameworkId: string;
  frameworkVersion: number;
}

export interface PromotionReadinessFilter {
  frameworkId: string;
  /** Only this competency; default: every competency of the framework. */
  competencyId?: string;
  teamId?: string;
  /** Only this engineer and everyone below them in the reporting line, as of now. */
  withinLineOf?: string;
  at: string;
  /** An ISO instant not after `at`: readiness as it stood then, among the engineers there then (see the top of this file). */
  asOf?: string;
}

/**
 * The query with its asOf checked and written as the events write instants (toISOString), so instants
 * compare as strings: an asOf that is no instant, or after `at` (the future: evidence not yet approved),
 * is refused with an InvalidQueryError on `asOf`.
 */
export function checkedAsOf<Q extends { at: string; asOf?: string }>(query: Q): Q {
  if (query.asOf === undefined) return query;
  const asOf = Date.parse(query.asOf);
  if (Number.isNaN(asOf)) throw new InvalidQueryError('asOf must be an ISO instant', 'asOf');
  if (asOf > Date.parse(query.at)) throw new InvalidQueryError(`asOf is in the future (${query.asOf}); evidence is known up to now (${query.at})`, 'asOf');
  return { ...query, asOf: new Date(asOf).toISOString() };
}

/** The instant the rule is judged at: asOf when asked, else `at`. */
const judgedAt = (query: { at: string; asOf?: string }): string => query.asOf ?? query.at;

export type PromotionReason = 'above-calibration' | 'one-behaviour-away';

/** A current engineer who may be ready: demonstrating more than the panel calibrated, or one behaviour from the next level. */
export interface PromotionCandidateView {
  engineerId: string;
  competencyId: string;
  /** The level the evidence demonstrates (across all skills), by the same rule as the recorded levels. */
  demonstratedLevel: number;
  /** The panel's current calibration of the competency; null when never calibrated. */
  calibratedLevel: number | null;
  reasons: PromotionReason[];
  /** The gap to the next level, with the evidence that proves the demonstrated one (gap.evidenceIds). */
  gap: LevelGapView;
}

/** The version a framework's levels are computed from: its published one (the one published last). */
export interface PublishedFramework {
  frameworkId: string;
  version: number;
  content: FrameworkContent;
}

const publishedFrameworks = new WeakMap<FrameworkVersionView, PublishedFramework>();

/** A version view as the level rule reads it (the same object for the same view, so the rule's index is built once). */
export function publishedFramework(version: FrameworkVersionView): PublishedFramework {
  const known = publishedFrameworks.get(version);
  if (known) return known;
  const framework = {
    frameworkId: version.frameworkId,
    version: version.version,
    content: {
      name: version.name,
      levels: version.levels.map((l) => ({ level: l.level, ...(l.name !== null && { name: l.name }), ...(l.summary !== null && { summary: l.summary }) })),
      competencies: version.competencies.map((c) => ({ id: c.id, name: c.name, ...(c.description !== null && { description: c.description }) })),
      behaviours: version.behaviours.map((b) => ({ id: b.id, level: b.level, competencyId: b.competencyId, text: b.text, notes: b.notes, examples: b.examples })),
      policy: version.policy,
    },
  };
  publishedFrameworks.set(version, framework);
  return framework;
}

/**
 * Approved evidence as the level rule reads it (evidence of another framework claims none of this one's
 * behaviours, so it never counts): approved now, or with asOf approved at that instant.
 */
export function approvedEvidence(evidence: readonly Pick<EvidenceView, 'id' | 'status' | 'date' | 'skillIds' | 'behaviourIds' | 'approvedPeriods'>[], asOf?: string): ApprovedEvidence[] {
  return evidence
    .filter((e) => (asOf === undefined ? e.status === 'approved' : approvedAtInstant(e.approvedPeriods, asOf)))
    .map((e) => ({ evidenceId: e.id, date: e.date, skillIds: [...e.skillIds], behaviourIds: [...e.behaviourIds] }))
    .sort((a, b) => (a.evidenceId < b.evidenceId ? -1 : a.evidenceId > b.evidenceId ? 1 : 0));
}

export function gapFromFacts(framework: PublishedFramework, evidence: readonly ApprovedEvidence[], query: LevelGapQuery): LevelGapView {
  const gap = levelGap(framework.content, evidence, query.competencyId, query.skillId, judgedAt(query));
  return { engineerId: query.engineerId, frameworkId: framework.frameworkId, frameworkVersion: framework.version, ...gap };
}

export interface ReadinessFacts {
  engineerId: string;
  evidence: ApprovedEvidence[];
  /** Every calibration, in the order recorded (the last of a competency is its current one). */
  calibrations: { competencyId: string; level: number; calibratedAt: string }[];
}

/** Candidates in the order the engineers are given, then by competency id. */
export function readinessFromFacts(framework: PublishedFramework, engineers: readonly ReadinessFacts[], filter: PromotionReadinessFilter): PromotionCandidateView[] {
  const content = framework.content;
  const competencyIds = content.competencies
    .map((c) => c.id)
    .filter((id) => filter.competencyId === undefined || id === filter.competencyId)
    .sort();
  const candidates: PromotionCandidateView[] = [];
  for (const engineer of engineers) {
    const calibrated = new Map<string, number>();
    for (const c of engineer.calibrations) if (filter.asOf === undefined || c.calibratedAt <= filter.asOf) calibrated.set(c.competencyId, c.level);
    const counted = countedEvidenceByBehaviour(content, engineer.evidence, null, judgedAt(filter));
    for (const competencyId of competencyIds) {
      const gap = levelGapFromCountedEvidence(content, counted, competencyId, null);
      const calibratedLevel = calibrated.get(competencyId) ?? null;
      const reasons: PromotionReason[] = [];
      if (calibratedLevel !== null && gap.level > calibratedLevel) reasons.push('above-calibration');
      if (gap.oneBehaviourAway) reasons.push('one-behaviour-away');
      if (reasons.length === 0) continue;
      candidates.push({
        engineerId: engineer.engineerId,
        competencyId,
        demonstratedLevel: gap.level,
        calibratedLevel,
        reasons,
        gap: { engineerId: engineer.engineerId, frameworkId: framework.frameworkId, frameworkVersion: framework.version, ...gap },
      });
    }
  }
  return candidates;
}

/** What a level claim stands on: of its proofs, how many are self-reported, linked to an artefact, peer-endorsed. */
export interface EvidenceSourcesView {
  /** No URL and no endorsement: the engineer's (and their approver's) word. */
  selfReported: number;
  /** Linked to an artefact: a URL (a PR, an RFC, an incident). */
  withArtefact: number;
  /** Endorsed by at least one peer. An item with a URL and an endorsement counts in both. */
  peerEndorsed: number;
  total: number;
}

export function evidenceSources(evidence: readonly Pick<EvidenceView, 'url' | 'endorserIds'>[]): EvidenceSourcesView {
  let selfReported = 0;
  let withArtefact = 0;
  let peerEndorsed = 0;
  for (const e of evidence) {
    const linked = e.url !== null && e.url.trim() !== '';
    const endorsed = e.endorserIds.length > 0;
    if (linked) withArtefact += 1;
    if (endorsed) peerEndorsed += 1;
    if (!linked && !endorsed) selfReported += 1;
  }
  return { selfReported, withArtefact, peerEndorsed, total: evidence.length };
}
