import { describe, expect, it } from '@jest/globals';
import { foldEvents } from '../decider.js';
import { deciderSpecification } from '../testing/decider-specification.js';
import { engineerDecider, type DelegateApprovals, type EngineerEvent, type EngineerState } from '../engineer/engineer.decider.js';
import { evidenceDecider, type EvidenceActor, type EvidenceEvent } from '../evidence/evidence.decider.js';
import { evidenceRelation } from './evidence-relation.js';

// Approval rights: only the current manager, or a delegate they named until an expiry, approves or rejects;
// roles play no part; someone who is not a current engineer (service principal, unknown id, leaver) does nothing.

const engineers = deciderSpecification(engineerDecider);
const evidence = deciderSpecification(evidenceDecider);

const joined = (engineerId: string, managerId: string | null): EngineerEvent => ({
  type: 'EngineerJoined',
  data: { engineerId, name: engineerId, email: `${engineerId}@example.test`, title: 'Engineer', teamId: 't', teamName: 'T', managerId, joinedOn: '2025-01-01' },
});
const at = '2026-10-02T09:00:00.000Z';
const delegation: DelegateApprovals = {
  type: 'DelegateApprovals',
  data: { engineerId: 'boss', delegateId: 'deputy', until: '2026-10-16T00:00:00.000Z', reportIds: null, delegatedAt: at },
};
const delegated: EngineerEvent = { type: 'ApprovalsDelegated', data: delegation.data };

describe('engineer decider: delegating approvals', () => {
  it('records a delegation on the manager stream', () => engineers.given([joined('boss', null)]).when(delegation).then([delegated]));
  it('the same delegation twice changes nothing; a new expiry replaces the old one', () => {
    engineers.given([joined('boss', null), delegated]).when(delegation).thenNothingHappens();
    const longer = { ...delegation, data: { ...delegation.data, until: '2026-11-01T00:00:00.000Z' } };
    engineers.given([joined('boss', null), delegated]).when(longer).then([{ type: 'ApprovalsDelegated', data: longer.data }]);
  });
  it('keeps only the named reports, sorted and once', () => {
    const some = { ...delegation, data: { ...delegation.data, reportIds: ['r2', 'r1', 'r2'] } };
    engineers.given([joined('boss', null)]).when(some).then([{ type: 'ApprovalsDelegated', data: { ...some.data, reportIds: ['r1', 'r2'] } }]);
  });
  it('refuses a delegation to oneself, one that has expired or lasts over a year, an empty report list', () => {
    const given = engineers.given([joined('boss', null)]);
    given.when({ ...delegation, data: { ...delegation.data, delegateId: 'boss' } }).thenThrows('VALIDATION_FAILED', /themselves/, 'delegateId');
    given.when({ ...delegation, data: { ...delegation.data, until: '2026-10-01T00:00:00.000Z' } }).thenThrows('VALIDATION_FAILED', /future/, 'until');
    given.when({ ...delegation, data: { ...delegation.data, until: 'tomorrow' } }).thenThrows('VALIDATION_FAILED', /future/, 'until');
    given.when({ ...delegation, data: { ...delegation.data, until: '2027-12-01T00:00:00.000Z' } }).thenThrows('VALIDATION_FAILED', /at most 366 days/, 'until');
    given.when({ ...delegation, data: { ...delegation.data, reportIds: [] } }).thenThrows('VALIDATION_FAILED', /at least one report/, 'reportIds');
    given.when({ ...delegation, data: { ...delegation.data, reportIds: ['deputy'] } }).thenThrows('VALIDATION_FAILED', /own evidence/, 'reportIds');
  });
  it('refuses an unknown manager and a manager who has left', () => {
    engineers.given([]).when(delegation).thenThrows('NOT_FOUND');
    const left: EngineerEvent = { type: 'EngineerLeft', data: { engineerId: 'boss', leftOn: '2026-09-30' } };
    engineers.given([joined('boss', null), left]).when(delegation).thenThrows('FORBIDDEN', /has left/, 'actor');
  });
  it('revokes a delegation once; revoking none changes nothing', () => {
    const revoke = { type: 'RevokeDelegation' as const, data: { engineerId: 'boss', delegateId: 'deputy', revokedAt: at } };
    engineers.given([joined('boss', null), delegated]).when(revoke).then([{ type: 'ApprovalDelegationRevoked', data: revoke.data }]);
    engineers.given([joined('boss', null), delegated, { type: 'ApprovalDelegationRevoked', data: revoke.data }]).when(revoke).thenNothingHappens();
    engineers.given([joined('boss', null)]).when(revoke).thenNothingHappens();
  });
});

const stateOf = (...events: EngineerEvent[]): EngineerState => foldEvents(engineerDecider, events);
const unknown: EngineerState = { status: 'unknown' };
const report = stateOf(joined('eng-1', 'boss'));
const boss = stateOf(joined('boss', 'vp'));
const bossDelegating = stateOf(joined('boss', 'vp'), delegated);

describe('evidence relation: from the engineer streams', () => {
  const relation = (actorId: string, actorRecord: EngineerState, manager: EngineerState = boss, when = at) =>
    evidenceRelation({ actorId, at: when, actorRecord, engineer: report, manager });

  it('the engineer is self, their current manager is manager, any other current engineer is a peer', () => {
    expect(relation('eng-1', report)).toBe('self');
    expect(relation('boss', boss)).toBe('manager');
    expect(relation('eng-2', stateOf(joined('eng-2', 'boss')))).toBe('peer');
  });
  it('a manager up the line is not the manager: approval is the current manager\'s', () => {
    expect(relation('vp', stateOf(joined('vp', null)))).toBe('peer');
  });
  it('a delegate is one while the delegation holds, for the reports it names', () => {
    const deputy = stateOf(joined('deputy', 'vp'));
    expect(relation('deputy', deputy, bossDelegating)).toBe('delegate');
    expect(relation('deputy', deputy, bossDelegating, '2026-10-16T00:00:00.000Z')).toBe('peer');
    const onlyOthers = stateOf(joined('boss', 'vp'), { type: 'ApprovalsDelegated', data: { ...delegation.data, reportIds: ['eng-7'] } });
    expect(relation('deputy', deputy, onlyOthers)).toBe('peer');
    const revoked = stateOf(joined('boss', 'vp'), delegated, { type: 'ApprovalDelegationRevoked', data: { engineerId: 'boss', delegateId: 'deputy', revokedAt: at } });
    expect(relation('deputy', deputy, revoked)).toBe('peer');
  });
  it('a manager who has left loses every right at the leaving date, and so do their delegates', () => {
    const leaving = (leftOn: string) => stateOf(joined('boss', 'vp'), delegated, { type: 'EngineerLeft', data: { engineerId: 'boss', leftOn } });
    expect(relation('boss', leaving('2026-10-02'))).toBe('outsider');
    expect(relation('boss', leaving('2026-10-03'))).toBe('manager'); // recorded ahead: rights end on the day
    expect(relation('deputy', stateOf(joined('deputy', 'vp')), leaving('2026-10-01'))).toBe('peer');
  });
  it('an id that is no engineer (a service principal, an admin token for an unknown sub) is an outsider', () => {
    expect(relation('svc:workday', unknown)).toBe('outsider');
    expect(relation('admin-1', unknown)).toBe('outsider');
  });
});

describe('evidence decider: who reviews', () => {
  const submitted: EvidenceEvent = {
    type: 'EvidenceSubmitted',
    data: {
      evidenceId: 'ev-1', engineerId: 'eng-1', kind: 'pull-request', title: 'Idempotent consumer', url: null, date: '2026-10-01', projectId: null,
      skillIds: [], behaviourIds: ['b'], frameworkId: 'f', submittedBy: 'eng-1', submittedAt: at,
    },
  };
  const given = evidence.given([submitted]);
  const as = (id: string, relation: EvidenceActor['relation']): EvidenceActor => ({ id, relation });
  const approve = (actor: EvidenceActor) => ({ type: 'ApproveEvidence' as const, data: { evidenceId: 'ev-1', actor, approvedAt: at } });
  const reject = (actor: EvidenceActor) => ({ type: 'RejectEvidence' as const, data: { evidenceId: 'ev-1', actor, reason: 'Not yet', rejectedAt: at } });

  it('the manager and a delegate approve and reject', () => {
    given.when(approve(as('boss', 'manager'))).then([{ type: 'EvidenceApproved', data: { evidenceId: 'ev-1', engineerId: 'eng-1', approverId: 'boss', approvedAt: at } }]);
    given.when(approve(as('deputy', 'delegate'))).then([{ type: 'EvidenceApproved', data: { evidenceId: 'ev-1', engineerId: 'eng-1', approverId: 'deputy', approvedAt: at } }]);
    given.when(reject(as('deputy', 'delegate'))).then([{ type: 'EvidenceRejected', data: { evidenceId: 'ev-1', engineerId: 'eng-1', reviewerId: 'deputy', reason: 'Not yet', rejectedAt: at } }]);
  });
  it('a peer (an admin is one) cannot approve or reject', () => {
    given.when(approve(as('admin-1', 'peer'))).thenThrows('FORBIDDEN', /current manager or a delegate/, 'actor');
    given.when(reject(as('admin-1', 'peer'))).thenThrows('FORBIDDEN', /current manager or a delegate/, 'actor');
  });
  it('an outsider can do nothing: not approve, endorse, withdraw, amend or submit', () => {
    const outsider = as('svc:workday', 'outsider');
    given.when(approve(outsider)).thenThrows('FORBIDDEN', /not a current engineer/, 'actor');
    given.when({ type: 'EndorseEvidence', data: { evidenceId: 'ev-1', actor: outsider, comment: null, endorsedAt: at } }).thenThrows('FORBIDDEN', /not a current engineer/);
    given.when({ type: 'WithdrawEvidence', data: { evidenceId: 'ev-1', actor: outsider, withdrawnAt: at } }).thenThrows('FORBIDDEN', /not a current engineer/);
    const { frameworkId: _f, submittedBy: _s, ...details } = submitted.data;
    const context = { frameworkId: 'f', knownBehaviourIds: new Set(['b']), knownSkillIds: new Set<string>(), engineerActive: true };
    evidence.given([]).when({ type: 'SubmitEvidence', data: { ...details, actor: outsider, context } }).thenThrows('FORBIDDEN', /not a current engineer/);
  });
  it('only the engineer withdraws or amends (an admin no longer does)', () => {
    given.when({ type: 'WithdrawEvidence', data: { evidenceId: 'ev-1', actor: as('boss', 'manager'), withdrawnAt: at } }).thenThrows('FORBIDDEN', /Only the engineer/);
    given.when({ type: 'WithdrawEvidence', data: { evidenceId: 'ev-1', actor: as('admin-1', 'peer'), withdrawnAt: at } }).thenThrows('FORBIDDEN', /Only the engineer/);
    given.when({ type: 'WithdrawEvidence', data: { evidenceId: 'ev-1', actor: as('eng-1', 'self'), withdrawnAt: at } }).then([
      { type: 'EvidenceWithdrawn', data: { evidenceId: 'ev-1', engineerId: 'eng-1', withdrawnBy: 'eng-1', withdrawnAt: at, wasApproved: false } },
    ]);
  });
});
