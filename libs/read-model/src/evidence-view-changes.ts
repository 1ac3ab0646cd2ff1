import { assertNever, erasedPlaceholders, type EvidenceAmended, type LevelCalibrated, type EvidenceApproved, type EvidenceRejected, type EvidenceSubmitted, type EvidenceWithdrawn } from '@skills-graph/domain';
import type { ApprovedPeriodView, CalibratedLevelView, EvidenceView } from './read-model.port.js';

/** An evidence as both graphs hold it right after its submission. */
export function submittedEvidence(d: EvidenceSubmitted['data']): EvidenceView {
  return {
    id: d.evidenceId,
    engineerId: d.engineerId,
    kind: d.kind,
    title: d.title,
    url: d.url,
    date: d.date,
    projectId: d.projectId,
    skillIds: d.skillIds,
    behaviourIds: d.behaviourIds,
    status: 'submitted',
    endorserIds: [],
    reviewerId: null,
    rejectionReason: null,
    submittedAt: d.submittedAt,
    approvedPeriods: [],
  };
}

/** What a review, a withdrawal or an amendment changes on an evidence (an endorsement appends; see each graph). */
export function evidenceChange(event: EvidenceApproved | EvidenceRejected | EvidenceWithdrawn | EvidenceAmended): Partial<EvidenceView> {
  switch (event.type) {
    case 'EvidenceApproved':
      return { status: 'approved', reviewerId: event.data.approverId };
    case 'EvidenceRejected':
      return { status: 'rejected', reviewerId: event.data.reviewerId, rejectionReason: event.data.reason };
    case 'EvidenceWithdrawn':
      return { status: 'withdrawn' };
    case 'EvidenceAmended':
      // Back in review: endorsements and the earlier review no longer apply to the changed evidence.
      return { ...event.data.changes, status: 'submitted', endorserIds: [], reviewerId: null, rejectionReason: null };
    default:
      return assertNever(event);
  }
}

/**
 * The approval periods after a review, a withdrawal or an amendment: an approval opens a period at
 * approvedAt; a withdrawal or an amendment (which sends approved evidence back to review) closes the open
 * one, if any, at withdrawnAt / amendedAt; a rejection changes none.
 */
export function approvedPeriodsAfter(periods: readonly ApprovedPeriodView[], event: EvidenceApproved | EvidenceRejected | EvidenceWithdrawn | EvidenceAmended): ApprovedPeriodView[] {
  switch (event.type) {
    case 'EvidenceApproved':
      return [...periods, { from: event.data.approvedAt, to: null }];
    case 'EvidenceWithdrawn':
    case 'EvidenceAmended': {
      const last = periods.at(-1);
      if (last === undefined || last.to !== null) return [...periods];
      return [...periods.slice(0, -1), { from: last.from, to: event.type === 'EvidenceWithdrawn' ? event.data.withdrawnAt : event.data.amendedAt }];
    }
    case 'EvidenceRejected':
      return [...periods];
    default:
      return assertNever(event);
  }
}

/** Whether the evidence was approved at an instant (an ISO instant in the form the events carry). */
export function approvedAtInstant(periods: readonly ApprovedPeriodView[], instant: string): boolean {
  return periods.some((p) => p.from <= instant && (p.to === null || p.to > instant));
}

/**
 * The periods as two parallel lists (Neo4j stores no list of maps, nor null in a list): `approvedFrom[i]`
 * opens period i, `approvedUntil[i]` closes it; the last period is open when `approvedUntil` is one shorter.
 */
export function approvalLists(periods: readonly ApprovedPeriodView[]): { approvedFrom: string[]; approvedUntil: string[] } {
  return { approvedFrom: periods.map((p) => p.from), approvedUntil: periods.flatMap((p) => (p.to === null ? [] : [p.to])) };
}

export function approvedPeriodsOf(approvedFrom: readonly string[] | null | undefined, approvedUntil: readonly string[] | null | undefined): ApprovedPeriodView[] {
  return (approvedFrom ?? []).map((from, i) => ({ from, to: approvedUntil?.[i] ?? null }));
}

/** A calibration as both graphs hold it; who recorded it comes from the event's metadata (its actor). */
export function calibratedLevel(d: LevelCalibrated['data'], calibratedBy: string): CalibratedLevelView {
  return { engineerId: d.engineerId, competencyId: d.competencyId, level: d.level, rationale: d.rationale, panel: [...d.panel], calibratedBy, calibratedAt: d.calibratedAt };
}

/**
 * What an engineer's erasure changes (EngineerErased), the same in both graphs: the personal fields of
 * the engineer, of their evidence and of their calibrations become the placeholders the event store
 * shows for erased people, so the graphs match what a rebuild from the log gives.
 */
export const erasedEngineer = { name: erasedPlaceholders.name, email: erasedPlaceholders.email, erased: true } as const;
export function erasedEvidence(ev: Pick<EvidenceView, 'rejectionReason'>): Pick<EvidenceView, 'title' | 'url' | 'rejectionReason'> {
  return { title: erasedPlaceholders.text, url: null, rejectionReason: ev.rejectionReason === null ? null : erasedPlaceholders.text };
}
export const erasedRationale = erasedPlaceholders.text;
