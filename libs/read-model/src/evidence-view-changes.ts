import { assertNever, erasedPlaceholders, type EvidenceAmended, type LevelCalibrated, type EvidenceApproved, type EvidenceRejected, type EvidenceSubmitted, type EvidenceWithdrawn } from '@skills-graph/domain';
import type { CalibratedLevelView, EvidenceView } from './read-model.port.js';

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
