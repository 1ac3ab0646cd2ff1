import { assertNever, type EvidenceAmended, type EvidenceApproved, type EvidenceRejected, type EvidenceSubmitted, type EvidenceWithdrawn } from '@skills-graph/domain';
import type { EvidenceView } from './read-model.port.js';

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
      return { ...event.data.changes, status: 'submitted', endorserIds: [] };
    default:
      return assertNever(event);
  }
}
