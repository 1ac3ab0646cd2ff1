import { DomainError, assertNever, type Decider } from '../decider.js';
import type { DomainEvent } from '../events/event-envelope.js';
import { checkEvidenceDate } from './evidence-date.js';

export const evidenceKinds = ['pull-request', 'rfc', 'incident', 'design', 'talk', 'mentoring', 'review'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/**
 * How the actor stands to the engineer the evidence is about; worked out by the handler from the engineer
 * streams (access/evidence-relation.ts). `outsider`: not a current engineer (a service principal, an unknown
 * id, a leaver from their leaving date). Roles play no part: an admin is a peer like anyone else.
 */
export type ActorRelation = 'self' | 'manager' | 'delegate' | 'peer' | 'outsider';

export interface EvidenceActor {
  id: string;
  relation: ActorRelation;
}

export interface EvidenceDetails {
  kind: EvidenceKind;
  title: string;
  url: string | null;
  /** The day the work happened, YYYY-MM-DD. */
  date: string;
  projectId: string | null;
  skillIds: string[];
  behaviourIds: string[];
}

/** What the handler knows about the world that the rules need; passed in so the decider stays pure. */
export interface EvidenceContext {
  frameworkId: string;
  knownBehaviourIds: ReadonlySet<string>;
  knownSkillIds: ReadonlySet<string>;
  engineerActive: boolean;
}

export interface SubmitEvidence {
  type: 'SubmitEvidence';
  data: EvidenceDetails & { evidenceId: string; engineerId: string; actor: EvidenceActor; context: EvidenceContext; submittedAt: string };
}
export interface EndorseEvidence {
  type: 'EndorseEvidence';
  data: { evidenceId: string; actor: EvidenceActor; comment: string | null; endorsedAt: string };
}
export interface ApproveEvidence {
  type: 'ApproveEvidence';
  data: { evidenceId: string; actor: EvidenceActor; approvedAt: string };
}
export interface RejectEvidence {
  type: 'RejectEvidence';
  data: { evidenceId: string; actor: EvidenceActor; reason: string; rejectedAt: string };
}
export interface WithdrawEvidence {
  type: 'WithdrawEvidence';
  data: { evidenceId: string; actor: EvidenceActor; withdrawnAt: string };
}
export interface AmendEvidence {
  type: 'AmendEvidence';
  data: { evidenceId: string; actor: EvidenceActor; changes: Partial<EvidenceDetails>; context: EvidenceContext; amendedAt: string };
}
export type EvidenceCommand = SubmitEvidence | EndorseEvidence | ApproveEvidence | RejectEvidence | WithdrawEvidence | AmendEvidence;

type WithEngineer<T> = T & { evidenceId: string; engineerId: string };
export type EvidenceSubmitted = DomainEvent<
  'EvidenceSubmitted',
  WithEngineer<EvidenceDetails & { frameworkId: string; submittedBy: string; submittedAt: string }>
>;
export type EvidenceEndorsed = DomainEvent<'EvidenceEndorsed', WithEngineer<{ endorserId: string; comment: string | null; endorsedAt: string }>>;
export type EvidenceApproved = DomainEvent<'EvidenceApproved', WithEngineer<{ approverId: string; approvedAt: string }>>;
export type EvidenceRejected = DomainEvent<'EvidenceRejected', WithEngineer<{ reviewerId: string; reason: string; rejectedAt: string }>>;
export type EvidenceWithdrawn = DomainEvent<'EvidenceWithdrawn', WithEngineer<{ withdrawnBy: string; withdrawnAt: string; wasApproved: boolean }>>;
export type EvidenceAmended = DomainEvent<'EvidenceAmended', WithEngineer<{ changes: Partial<EvidenceDetails>; amendedBy: string; amendedAt: string }>>;
export type EvidenceEvent = EvidenceSubmitted | EvidenceEndorsed | EvidenceApproved | EvidenceRejected | EvidenceWithdrawn | EvidenceAmended;

export type EvidenceStatus = 'submitted' | 'approved' | 'rejected' | 'withdrawn';

export type EvidenceState =
  | { status: 'unknown' }
  | (EvidenceDetails & { status: EvidenceStatus; evidenceId: string; engineerId: string; endorserIds: string[] });

export const evidenceStream = (evidenceId: string) => `evidence-${evidenceId}`;

export function initialEvidenceState(): EvidenceState {
  return { status: 'unknown' };
}

export function evolveEvidence(state: EvidenceState, event: EvidenceEvent): EvidenceState {
  if (event.type === 'EvidenceSubmitted') {
    const d = event.data;
    return {
      status: 'submitted',
      evidenceId: d.evidenceId,
      engineerId: d.engineerId,
      kind: d.kind,
      title: d.title,
      url: d.url,
      date: d.date,
      projectId: d.projectId,
      skillIds: d.skillIds,
      behaviourIds: d.behaviourIds,
      endorserIds: [],
    };
  }
  if (state.status === 'unknown') return state;
  switch (event.type) {
    case 'EvidenceEndorsed':
      return { ...state, endorserIds: [...state.endorserIds, event.data.endorserId] };
    case 'EvidenceApproved':
      return { ...state, status: 'approved' };
    case 'EvidenceRejected':
      return { ...state, status: 'rejected' };
    case 'EvidenceWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'EvidenceAmended':
      return { ...state, ...event.data.changes, status: 'submitted', endorserIds: [] };
    default:
      return assertNever(event);
  }
}

export function decideEvidence(command: EvidenceCommand, state: EvidenceState): EvidenceEvent[] {
  if (command.type === 'SubmitEvidence') return submit(command.data, state);
  if (state.status === 'unknown') {
    throw new DomainError('NOT_FOUND', `Evidence ${command.data.evidenceId} does not exist`, 'evidenceId');
  }
  const ids = { evidenceId: state.evidenceId, engineerId: state.engineerId };
  const { actor } = command.data;
  requireEngineer(actor);
  switch (command.type) {
    case 'EndorseEvidence': {
      if (actor.relation === 'self') throw new DomainError('FORBIDDEN', 'Engineers cannot endorse their own evidence', 'actor');
      requireStatus(state.status, ['submitted'], 'endorsed');
      if (state.endorserIds.includes(actor.id)) return [];
      return [{ type: 'EvidenceEndorsed', data: { ...ids, endorserId: actor.id, comment: command.data.comment, endorsedAt: command.data.endorsedAt } }];
    }
    case 'ApproveEvidence': {
      requireReviewer(actor, 'approve');
      if (state.status === 'approved') return [];
      requireStatus(state.status, ['submitted'], 'approved');
      return [{ type: 'EvidenceApproved', data: { ...ids, approverId: actor.id, approvedAt: command.data.approvedAt } }];
    }
    case 'RejectEvidence': {
      requireReviewer(actor, 'reject');
      if (!command.data.reason.trim()) throw new DomainError('VALIDATION_FAILED', 'A rejection needs a reason', 'reason');
      if (state.status === 'rejected') return [];
      requireStatus(state.status, ['submitted'], 'rejected');
      return [{ type: 'EvidenceRejected', data: { ...ids, reviewerId: actor.id, reason: command.data.reason.trim(), rejectedAt: command.data.rejectedAt } }];
    }
    case 'WithdrawEvidence': {
      if (actor.relation !== 'self') {
        throw new DomainError('FORBIDDEN', 'Only the engineer can withdraw their evidence', 'actor');
      }
      if (state.status === 'withdrawn') return [];
      requireStatus(state.status, ['submitted', 'approved'], 'withdrawn');
      return [{ type: 'EvidenceWithdrawn', data: { ...ids, withdrawnBy: actor.id, withdrawnAt: command.data.withdrawnAt, wasApproved: state.status === 'approved' } }];
    }
    case 'AmendEvidence': {
      if (actor.relation !== 'self') {
        throw new DomainError('FORBIDDEN', 'Only the engineer can amend their evidence', 'actor');
      }
      // Approved evidence may be corrected too: the amendment sends it back to review (it counts again once re-approved).
      requireStatus(state.status, ['submitted', 'approved'], 'amended');
      const changes = command.data.changes;
      validateDetails({ ...state, ...changes }, command.data.context, command.data.amendedAt);
      return [{ type: 'EvidenceAmended', data: { ...ids, changes, amendedBy: actor.id, amendedAt: command.data.amendedAt } }];
    }
    default:
      return assertNever(command);
  }
}

function submit(data: SubmitEvidence['data'], state: EvidenceState): EvidenceEvent[] {
  const { actor, context } = data;
  if (state.status !== 'unknown') {
    throw new DomainError('ALREADY_EXISTS', `Evidence ${data.evidenceId} already exists`, 'evidenceId');
  }
  requireEngineer(actor);
  if (actor.relation === 'peer') {
    throw new DomainError('FORBIDDEN', 'Evidence is submitted by the engineer, their manager or a delegate', 'actor');
  }
  if (!context.engineerActive) {
    throw new DomainError('INVALID_STATE', `Engineer ${data.engineerId} is not an active engineer`, 'engineerId');
  }
  validateDetails(data, context, data.submittedAt);
  return [
    {
      type: 'EvidenceSubmitted',
      data: {
        evidenceId: data.evidenceId,
        engineerId: data.engineerId,
        kind: data.kind,
        title: data.title.trim(),
        url: data.url,
        date: data.date,
        projectId: data.projectId,
        skillIds: [...new Set(data.skillIds)],
        behaviourIds: [...new Set(data.behaviourIds)],
        frameworkId: context.frameworkId,
        submittedBy: actor.id,
        submittedAt: data.submittedAt,
      },
    },
  ];
}

function validateDetails(details: EvidenceDetails, context: EvidenceContext, at: string): void {
  if (!details.title.trim()) throw new DomainError('VALIDATION_FAILED', 'Evidence needs a title', 'title');
  checkEvidenceDate(details.date, at);
  if (details.behaviourIds.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Evidence must claim at least one behaviour', 'behaviourIds');
  }
  const unknownBehaviour = details.behaviourIds.find((id) => !context.knownBehaviourIds.has(id));
  if (unknownBehaviour) {
    throw new DomainError('VALIDATION_FAILED', `Unknown behaviour '${unknownBehaviour}' in framework ${context.frameworkId}`, 'behaviourIds');
  }
  const unknownSkill = details.skillIds.find((id) => !context.knownSkillIds.has(id));
  if (unknownSkill) throw new DomainError('VALIDATION_FAILED', `Unknown skill '${unknownSkill}'`, 'skillIds');
}

function requireEngineer(actor: EvidenceActor): void {
  if (actor.relation === 'outsider') {
    throw new DomainError('FORBIDDEN', `'${actor.id}' is not a current engineer: only engineers act on evidence`, 'actor');
  }
}

function requireReviewer(actor: EvidenceActor, verb: string): void {
  if (actor.relation === 'self') throw new DomainError('FORBIDDEN', `Engineers cannot ${verb} their own evidence`, 'actor');
  if (actor.relation === 'peer') {
    throw new DomainError('FORBIDDEN', `Only the engineer's current manager or a delegate they named can ${verb} evidence`, 'actor');
  }
}

function requireStatus(status: EvidenceStatus, allowed: EvidenceStatus[], target: string): void {
  if (!allowed.includes(status)) {
    throw new DomainError('INVALID_STATE', `Evidence that is ${status} cannot be ${target}`, 'evidenceId');
  }
}

/** The evidence decider as one value, for command handlers and tests. */
export const evidenceDecider: Decider<EvidenceCommand, EvidenceEvent, EvidenceState> = { decide: decideEvidence, evolve: evolveEvidence, initialState: initialEvidenceState };
