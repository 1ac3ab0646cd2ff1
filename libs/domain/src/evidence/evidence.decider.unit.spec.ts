import { describe, expect, it } from '@jest/globals';
import { foldEvents } from '../decider.js';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  type EvidenceActor,
  type EvidenceContext,
  type EvidenceEvent,
  type SubmitEvidence,
  evidenceDecider,
} from './evidence.decider.js';

const spec = deciderSpecification(evidenceDecider);

const context: EvidenceContext = {
  frameworkId: 'demo',
  knownBehaviourIds: new Set(['mastery-3-a', 'mastery-3-b']),
  knownSkillIds: new Set(['go', 'kafka']),
  engineerActive: true,
};
const self: EvidenceActor = { id: 'eng-1', relation: 'self' };
const manager: EvidenceActor = { id: 'eng-9', relation: 'manager' };
const peer: EvidenceActor = { id: 'eng-2', relation: 'peer' };

const submit: SubmitEvidence = {
  type: 'SubmitEvidence',
  data: {
    evidenceId: 'ev-1',
    engineerId: 'eng-1',
    kind: 'pull-request',
    title: 'Idempotent ledger consumer',
    url: 'https://git.example.test/pr/1',
    date: '2026-10-01',
    projectId: 'ledger',
    skillIds: ['go', 'kafka'],
    behaviourIds: ['mastery-3-a'],
    actor: self,
    context,
    submittedAt: '2026-10-02T09:00:00.000Z',
  },
};
const submitted: EvidenceEvent = {
  type: 'EvidenceSubmitted',
  data: {
    evidenceId: 'ev-1',
    engineerId: 'eng-1',
    kind: 'pull-request',
    title: 'Idempotent ledger consumer',
    url: 'https://git.example.test/pr/1',
    date: '2026-10-01',
    projectId: 'ledger',
    skillIds: ['go', 'kafka'],
    behaviourIds: ['mastery-3-a'],
    frameworkId: 'demo',
    submittedBy: 'eng-1',
    submittedAt: '2026-10-02T09:00:00.000Z',
  },
};
const approved: EvidenceEvent = {
  type: 'EvidenceApproved',
  data: { evidenceId: 'ev-1', engineerId: 'eng-1', approverId: 'eng-9', approvedAt: '2026-10-03T09:00:00.000Z' },
};

describe('evidence decider', () => {
  it('submits evidence claimed by the engineer', () => {
    spec.given([]).when(submit).then([submitted]);
  });

  it('refuses a behaviour the framework does not have, naming the field', () => {
    spec
      .given([])
      .when({ ...submit, data: { ...submit.data, behaviourIds: ['nope'] } })
      .thenThrows('VALIDATION_FAILED', /Unknown behaviour 'nope'/, 'behaviourIds');
  });

  it('refuses an unknown skill', () => {
    spec.given([]).when({ ...submit, data: { ...submit.data, skillIds: ['cobol'] } }).thenThrows('VALIDATION_FAILED', /cobol/, 'skillIds');
  });

  it('refuses evidence without a title or behaviours', () => {
    spec.given([]).when({ ...submit, data: { ...submit.data, title: '  ' } }).thenThrows('VALIDATION_FAILED', /title/, 'title');
    spec.given([]).when({ ...submit, data: { ...submit.data, behaviourIds: [] } }).thenThrows('VALIDATION_FAILED', /at least one/, 'behaviourIds');
  });

  it('does not let a peer submit for someone else', () => {
    spec.given([]).when({ ...submit, data: { ...submit.data, actor: peer } }).thenThrows('FORBIDDEN');
  });

  it('refuses evidence for an engineer who left', () => {
    spec.given([]).when({ ...submit, data: { ...submit.data, context: { ...context, engineerActive: false } } }).thenThrows('INVALID_STATE');
  });

  it('refuses a second submission with the same id', () => {
    spec.given([submitted]).when(submit).thenThrows('ALREADY_EXISTS');
  });

  it('lets the manager approve', () => {
    spec.given([submitted]).when({ type: 'ApproveEvidence', data: { evidenceId: 'ev-1', actor: manager, approvedAt: '2026-10-03T09:00:00.000Z' } }).then([approved]);
  });

  it('approving twice changes nothing', () => {
    spec.given([submitted, approved]).when({ type: 'ApproveEvidence', data: { evidenceId: 'ev-1', actor: manager, approvedAt: 'later' } }).thenNothingHappens();
  });

  it('does not let engineers approve their own evidence, nor peers approve anyone', () => {
    spec.given([submitted]).when({ type: 'ApproveEvidence', data: { evidenceId: 'ev-1', actor: self, approvedAt: 't' } }).thenThrows('FORBIDDEN', /own evidence/);
    spec.given([submitted]).when({ type: 'ApproveEvidence', data: { evidenceId: 'ev-1', actor: peer, approvedAt: 't' } }).thenThrows('FORBIDDEN', /manager/);
  });

  it('lets a peer endorse once; a second endorsement by the same peer changes nothing', () => {
    const endorse = { type: 'EndorseEvidence' as const, data: { evidenceId: 'ev-1', actor: peer, comment: 'Saw it in prod', endorsedAt: 't1' } };
    const endorsed: EvidenceEvent = { type: 'EvidenceEndorsed', data: { evidenceId: 'ev-1', engineerId: 'eng-1', endorserId: 'eng-2', comment: 'Saw it in prod', endorsedAt: 't1' } };
    spec.given([submitted]).when(endorse).then([endorsed]);
    spec.given([submitted, endorsed]).when(endorse).thenNothingHappens();
    spec.given([submitted]).when({ ...endorse, data: { ...endorse.data, actor: self } }).thenThrows('FORBIDDEN');
  });

  it('rejects with a reason, and a rejected item cannot then be approved', () => {
    const reject = { type: 'RejectEvidence' as const, data: { evidenceId: 'ev-1', actor: manager, reason: ' Not this level ', rejectedAt: 't' } };
    const rejected: EvidenceEvent = { type: 'EvidenceRejected', data: { evidenceId: 'ev-1', engineerId: 'eng-1', reviewerId: 'eng-9', reason: 'Not this level', rejectedAt: 't' } };
    spec.given([submitted]).when(reject).then([rejected]);
    spec.given([submitted]).when({ ...reject, data: { ...reject.data, reason: '' } }).thenThrows('VALIDATION_FAILED', /reason/, 'reason');
    spec.given([submitted, rejected]).when({ type: 'ApproveEvidence', data: { evidenceId: 'ev-1', actor: manager, approvedAt: 't' } }).thenThrows('INVALID_STATE', /rejected/);
  });

  it('lets the engineer withdraw approved evidence, recording that it had counted', () => {
    spec
      .given([submitted, approved])
      .when({ type: 'WithdrawEvidence', data: { evidenceId: 'ev-1', actor: self, withdrawnAt: 't' } })
      .then([{ type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-1', engineerId: 'eng-1', withdrawnBy: 'eng-1', withdrawnAt: 't', wasApproved: true } }]);
    spec.given([submitted]).when({ type: 'WithdrawEvidence', data: { evidenceId: 'ev-1', actor: manager, withdrawnAt: 't' } }).thenThrows('FORBIDDEN');
  });

  it('amends submitted and approved evidence (approved evidence goes back to review), not rejected or withdrawn evidence', () => {
    const amend = { type: 'AmendEvidence' as const, data: { evidenceId: 'ev-1', actor: self, changes: { behaviourIds: ['mastery-3-b'] }, context, amendedAt: '2026-10-05T09:00:00.000Z' } };
    const amended = { type: 'EvidenceAmended' as const, data: { evidenceId: 'ev-1', engineerId: 'eng-1', changes: { behaviourIds: ['mastery-3-b'] }, amendedBy: 'eng-1', amendedAt: '2026-10-05T09:00:00.000Z' } };
    spec.given([submitted]).when(amend).then([amended]);
    spec.given([submitted, approved]).when(amend).then([amended]);
    expect(foldEvents(evidenceDecider, [submitted, approved, amended]).status).toBe('submitted');
    // Back in review: the manager approves the amended evidence again.
    spec
      .given([submitted, approved, amended])
      .when({ type: 'ApproveEvidence', data: { evidenceId: 'ev-1', actor: manager, approvedAt: 't2' } })
      .then([{ type: 'EvidenceApproved', data: { evidenceId: 'ev-1', engineerId: 'eng-1', approverId: manager.id, approvedAt: 't2' } }]);
    const rejected: EvidenceEvent = { type: 'EvidenceRejected', data: { evidenceId: 'ev-1', engineerId: 'eng-1', reviewerId: 'eng-9', reason: 'Not this level', rejectedAt: 't' } };
    const withdrawn: EvidenceEvent = { type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-1', engineerId: 'eng-1', withdrawnBy: 'eng-1', withdrawnAt: 't', wasApproved: false } };
    spec.given([submitted, rejected]).when(amend).thenThrows('INVALID_STATE', /rejected/);
    spec.given([submitted, withdrawn]).when(amend).thenThrows('INVALID_STATE', /withdrawn/);
    spec.given([submitted, approved]).when({ ...amend, data: { ...amend.data, actor: manager } }).thenThrows('FORBIDDEN', /Only the engineer/, 'actor');
    spec.given([submitted]).when({ ...amend, data: { ...amend.data, changes: { behaviourIds: ['zzz'] } } }).thenThrows('VALIDATION_FAILED');
  });

  it('refuses commands for evidence that does not exist', () => {
    spec.given([]).when({ type: 'ApproveEvidence', data: { evidenceId: 'ev-404', actor: manager, approvedAt: 't' } }).thenThrows('NOT_FOUND', /ev-404/, 'evidenceId');
  });
});
