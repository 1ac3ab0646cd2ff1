import { DomainError, assertNever, type Decider } from '../decider.js';
import type { DomainEvent } from '../events/event-envelope.js';

// Engineers come from HRIS: joiners, movers and leavers. `name` and `email` are personal data.

export interface TeamRef {
  teamId: string;
  teamName: string;
}

export interface RecordJoiner {
  type: 'RecordJoiner';
  data: TeamRef & {
    engineerId: string;
    name: string;
    email: string;
    title: string;
    managerId: string | null;
    joinedOn: string;
  };
}
export interface RecordMover {
  type: 'RecordMover';
  data: TeamRef & { engineerId: string; managerId: string | null; title: string | null; movedOn: string };
}
export interface RecordLeaver {
  type: 'RecordLeaver';
  data: { engineerId: string; leftOn: string };
}
/** Erasure of the engineer's personal data (GDPR article 17): the event store forgets their key. */
export interface EraseEngineer {
  type: 'EraseEngineer';
  data: { engineerId: string; erasedAt: string };
}
/** A manager names a delegate who approves and rejects their reports' evidence (all, or the reports listed) until `until`. */
export interface DelegateApprovals {
  type: 'DelegateApprovals';
  data: { engineerId: string; delegateId: string; until: string; reportIds: string[] | null; delegatedAt: string };
}
export interface RevokeDelegation {
  type: 'RevokeDelegation';
  data: { engineerId: string; delegateId: string; revokedAt: string };
}
export type EngineerCommand = RecordJoiner | RecordMover | RecordLeaver | EraseEngineer | DelegateApprovals | RevokeDelegation;

/** `email` reads as null (and `name` as a placeholder) once the engineer is erased: see personal-data.ts. */
export type EngineerJoined = DomainEvent<'EngineerJoined', Omit<RecordJoiner['data'], 'email'> & { email: string | null }>;
export type EngineerMoved = DomainEvent<
  'EngineerMoved',
  TeamRef & { engineerId: string; managerId: string | null; title: string; movedOn: string }
>;
export type EngineerLeft = DomainEvent<'EngineerLeft', { engineerId: string; leftOn: string }>;
/** The engineer's personal data was erased: read models drop it at once; the log can no longer decrypt it. */
export type EngineerErased = DomainEvent<'EngineerErased', { engineerId: string; erasedAt: string }>;
/** On the manager's stream (engineerId is the manager). A new delegation to the same delegate replaces the old one. */
export type ApprovalsDelegated = DomainEvent<'ApprovalsDelegated', DelegateApprovals['data']>;
export type ApprovalDelegationRevoked = DomainEvent<'ApprovalDelegationRevoked', RevokeDelegation['data']>;
export type EngineerEvent = EngineerJoined | EngineerMoved | EngineerLeft | EngineerErased | ApprovalsDelegated | ApprovalDelegationRevoked;

export interface ApprovalDelegation {
  delegateId: string;
  /** ISO instant; the delegation holds while the command's time is before it. */
  until: string;
  /** null: every report of the manager. */
  reportIds: string[] | null;
}

/** Delegations are at most this long (a manager's absence, not a standing arrangement). */
export const maxDelegationDays = 366;

export type EngineerState =
  | { status: 'unknown' }
  | { status: 'active' | 'left'; engineerId: string; teamId: string; managerId: string | null; title: string; name: string; email: string | null;
      /** The engineer's personal data was erased (EngineerErased). */
      erased?: boolean;
      /** The effective date of leaving (YYYY-MM-DD) once a leaver is recorded. */
      leftOn?: string | null;
      /**
       * The effective day (YYYY-MM-DD) of the last joiner, mover or leaver recorded. Changes take effect in
       * the order of their days (read models hold one recorded ahead of its day until then), so a change
       * dated before it is refused: it would take effect before a change recorded earlier.
       */
      effectiveOn?: string;
      /** Approval delegations this engineer (as a manager) named, by delegate. */
      delegations?: ApprovalDelegation[] };

export const engineerStream = (engineerId: string) => `engineer-${engineerId}`;

export function initialEngineerState(): EngineerState {
  return { status: 'unknown' };
}

export function evolveEngineer(state: EngineerState, event: EngineerEvent): EngineerState {
  switch (event.type) {
    case 'EngineerJoined': {
      const d = event.data;
      return { status: 'active', engineerId: d.engineerId, teamId: d.teamId, managerId: d.managerId, title: d.title, name: d.name, email: d.email, effectiveOn: d.joinedOn };
    }
    case 'EngineerMoved':
      if (state.status === 'unknown') return state;
      return { ...state, teamId: event.data.teamId, managerId: event.data.managerId, title: event.data.title, effectiveOn: event.data.movedOn };
    case 'EngineerLeft':
      if (state.status === 'unknown') return state;
      return { ...state, status: 'left', leftOn: event.data.leftOn, effectiveOn: event.data.leftOn };
    case 'ApprovalsDelegated': {
      if (state.status === 'unknown') return state;
      const { delegateId, until, reportIds } = event.data;
      return { ...state, delegations: [...(state.delegations ?? []).filter((d) => d.delegateId !== delegateId), { delegateId, until, reportIds }] };
    }
    case 'ApprovalDelegationRevoked':
      if (state.status === 'unknown') return state;
      return { ...state, delegations: (state.delegations ?? []).filter((d) => d.delegateId !== event.data.delegateId) };
    case 'EngineerErased':
      if (state.status === 'unknown') return state;
      return { ...state, erased: true };
    default:
      return assertNever(event);
  }
}

export function decideEngineer(command: EngineerCommand, state: EngineerState): EngineerEvent[] {
  switch (command.type) {
    case 'RecordJoiner': {
      const d = command.data;
      if (d.managerId === d.engineerId) throw new DomainError('VALIDATION_FAILED', 'An engineer cannot manage themselves', 'managerId');
      if (state.status === 'active') {
        const same = state.teamId === d.teamId && state.managerId === d.managerId && state.name === d.name && state.email === d.email;
        if (same) return []; // a redelivered joiner changes nothing
        throw new DomainError('ALREADY_EXISTS', `Engineer ${d.engineerId} has already joined; send a mover instead`, 'engineerId');
      }
      notBeforeLastChange(state, d.joinedOn, 'joinedOn');
      return [{ type: 'EngineerJoined', data: d }];
    }
    case 'RecordMover': {
      const d = command.data;
      if (state.status !== 'active') {
        throw new DomainError('INVALID_STATE', `Engineer ${d.engineerId} is not an active engineer`, 'engineerId');
      }
      if (d.managerId === d.engineerId) throw new DomainError('VALIDATION_FAILED', 'An engineer cannot manage themselves', 'managerId');
      const title = d.title ?? state.title;
      if (state.teamId === d.teamId && state.managerId === d.managerId && state.title === title) return [];
      notBeforeLastChange(state, d.movedOn, 'movedOn');
      return [{ type: 'EngineerMoved', data: { engineerId: d.engineerId, teamId: d.teamId, teamName: d.teamName, managerId: d.managerId, title, movedOn: d.movedOn } }];
    }
    case 'RecordLeaver': {
      if (state.status === 'unknown') {
        throw new DomainError('NOT_FOUND', `Engineer ${command.data.engineerId} is unknown`, 'engineerId');
      }
      if (state.status === 'left') return [];
      notBeforeLastChange(state, command.data.leftOn, 'leftOn');
      return [{ type: 'EngineerLeft', data: command.data }];
    }
    case 'EraseEngineer': {
      if (state.status === 'unknown') {
        throw new DomainError('NOT_FOUND', `Engineer ${command.data.engineerId} is unknown`, 'engineerId');
      }
      if (state.erased) return []; // erasure is idempotent
      return [{ type: 'EngineerErased', data: command.data }];
    }
    case 'DelegateApprovals':
      return delegate(command.data, state);
    case 'RevokeDelegation': {
      if (state.status === 'unknown') throw new DomainError('NOT_FOUND', `Engineer ${command.data.engineerId} is unknown`, 'engineerId');
      if (!(state.delegations ?? []).some((d) => d.delegateId === command.data.delegateId)) return []; // nothing to revoke
      return [{ type: 'ApprovalDelegationRevoked', data: command.data }];
    }
    default:
      return assertNever(command);
  }
}

/** Joiners, movers and leavers of one engineer take effect in the order of their days: one dated before the last recorded is refused. */
function notBeforeLastChange(state: EngineerState, day: string, field: 'joinedOn' | 'movedOn' | 'leftOn'): void {
  if (state.status === 'unknown' || state.effectiveOn === undefined || day >= state.effectiveOn) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    `${field} ${day} is before ${state.effectiveOn}, the day ${state.engineerId}'s last recorded change takes effect: changes take effect in the order of their days`,
    field,
  );
}

function delegate(d: DelegateApprovals['data'], state: EngineerState): EngineerEvent[] {
  if (state.status === 'unknown') throw new DomainError('NOT_FOUND', `Engineer ${d.engineerId} is unknown`, 'engineerId');
  if (state.status === 'left' && (state.leftOn == null || d.delegatedAt.slice(0, 10) >= state.leftOn)) {
    throw new DomainError('FORBIDDEN', `Engineer ${d.engineerId} has left and can no longer delegate approvals`, 'actor');
  }
  if (d.delegateId === d.engineerId) throw new DomainError('VALIDATION_FAILED', 'A manager cannot delegate approvals to themselves', 'delegateId');
  const until = Date.parse(d.until);
  const at = Date.parse(d.delegatedAt);
  if (!Number.isFinite(until) || until <= at) throw new DomainError('VALIDATION_FAILED', 'until must be in the future', 'until');
  if (until - at > maxDelegationDays * 86_400_000) {
    throw new DomainError('VALIDATION_FAILED', `A delegation lasts at most ${maxDelegationDays} days`, 'until');
  }
  if (d.reportIds !== null && d.reportIds.length === 0) throw new DomainError('VALIDATION_FAILED', 'Name at least one report, or none for all of them', 'reportIds');
  if (d.reportIds?.includes(d.delegateId)) throw new DomainError('VALIDATION_FAILED', 'A delegate cannot approve their own evidence', 'reportIds');
  const reportIds = d.reportIds === null ? null : [...new Set(d.reportIds)].sort();
  const current = (state.delegations ?? []).find((x) => x.delegateId === d.delegateId);
  if (current && current.until === d.until && JSON.stringify(current.reportIds) === JSON.stringify(reportIds)) return []; // the same delegation again
  return [{ type: 'ApprovalsDelegated', data: { ...d, reportIds } }];
}

/** The delegation that lets `delegateId` review `engineerId`'s evidence at `at`, if the manager named one that still holds. */
export function activeDelegation(manager: EngineerState, delegateId: string, engineerId: string, at: string): ApprovalDelegation | null {
  if (manager.status === 'unknown') return null;
  const found = (manager.delegations ?? []).find((d) => d.delegateId === delegateId);
  if (!found || Date.parse(at) >= Date.parse(found.until)) return null;
  return found.reportIds === null || found.reportIds.includes(engineerId) ? found : null;
}

/** The engineer decider as one value, for command handlers and tests. */
export const engineerDecider: Decider<EngineerCommand, EngineerEvent, EngineerState> = { decide: decideEngineer, evolve: evolveEngineer, initialState: initialEngineerState };
