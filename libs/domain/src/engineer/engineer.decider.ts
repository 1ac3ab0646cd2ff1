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
export type EngineerCommand = RecordJoiner | RecordMover | RecordLeaver;

export type EngineerJoined = DomainEvent<'EngineerJoined', RecordJoiner['data']>;
export type EngineerMoved = DomainEvent<
  'EngineerMoved',
  TeamRef & { engineerId: string; managerId: string | null; title: string; movedOn: string }
>;
export type EngineerLeft = DomainEvent<'EngineerLeft', { engineerId: string; leftOn: string }>;
export type EngineerEvent = EngineerJoined | EngineerMoved | EngineerLeft;

export type EngineerState =
  | { status: 'unknown' }
  | { status: 'active' | 'left'; engineerId: string; teamId: string; managerId: string | null; title: string; name: string; email: string };

export const engineerStream = (engineerId: string) => `engineer-${engineerId}`;

export function initialEngineerState(): EngineerState {
  return { status: 'unknown' };
}

export function evolveEngineer(state: EngineerState, event: EngineerEvent): EngineerState {
  switch (event.type) {
    case 'EngineerJoined': {
      const d = event.data;
      return { status: 'active', engineerId: d.engineerId, teamId: d.teamId, managerId: d.managerId, title: d.title, name: d.name, email: d.email };
    }
    case 'EngineerMoved':
      if (state.status === 'unknown') return state;
      return { ...state, teamId: event.data.teamId, managerId: event.data.managerId, title: event.data.title };
    case 'EngineerLeft':
      if (state.status === 'unknown') return state;
      return { ...state, status: 'left' };
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
      return [{ type: 'EngineerMoved', data: { engineerId: d.engineerId, teamId: d.teamId, teamName: d.teamName, managerId: d.managerId, title, movedOn: d.movedOn } }];
    }
    case 'RecordLeaver': {
      if (state.status === 'unknown') {
        throw new DomainError('NOT_FOUND', `Engineer ${command.data.engineerId} is unknown`, 'engineerId');
      }
      if (state.status === 'left') return [];
      return [{ type: 'EngineerLeft', data: command.data }];
    }
    default:
      return assertNever(command);
  }
}

/** The engineer decider as one value, for command handlers and tests. */
export const engineerDecider: Decider<EngineerCommand, EngineerEvent, EngineerState> = { decide: decideEngineer, evolve: evolveEngineer, initialState: initialEngineerState };
