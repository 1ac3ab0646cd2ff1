import { describe, it } from '@jest/globals';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  type EngineerEvent,
  type RecordJoiner,
  engineerDecider,
} from './engineer.decider.js';

const spec = deciderSpecification(engineerDecider);

const joiner: RecordJoiner = {
  type: 'RecordJoiner',
  data: { engineerId: 'eng-1', name: 'Ana Silva', email: 'ana@example.test', title: 'Engineer', teamId: 'payments', teamName: 'Payments', managerId: 'eng-9', joinedOn: '2026-01-05' },
};
const joined: EngineerEvent = { type: 'EngineerJoined', data: joiner.data };

describe('engineer decider', () => {
  it('records a joiner', () => spec.given([]).when(joiner).then([joined]));
  it('treats a redelivered joiner as a no-op', () => spec.given([joined]).when(joiner).thenNothingHappens());
  it('refuses a conflicting second joiner', () => {
    spec.given([joined]).when({ ...joiner, data: { ...joiner.data, teamId: 'lending' } }).thenThrows('ALREADY_EXISTS', /mover/);
  });
  it('refuses self-management', () => {
    spec.given([]).when({ ...joiner, data: { ...joiner.data, managerId: 'eng-1' } }).thenThrows('VALIDATION_FAILED', /manage themselves/, 'managerId');
  });
  it('records a move, and a move to where they already are changes nothing', () => {
    const move = { type: 'RecordMover' as const, data: { engineerId: 'eng-1', teamId: 'lending', teamName: 'Lending', managerId: 'eng-8', title: null, movedOn: '2026-03-01' } };
    spec.given([joined]).when(move).then([{ type: 'EngineerMoved', data: { engineerId: 'eng-1', teamId: 'lending', teamName: 'Lending', managerId: 'eng-8', title: 'Engineer', movedOn: '2026-03-01' } }]);
    spec.given([joined]).when({ ...move, data: { ...move.data, teamId: 'payments', managerId: 'eng-9' } }).thenNothingHappens();
    spec.given([]).when(move).thenThrows('INVALID_STATE');
  });
  it('records a leaver once', () => {
    const leave = { type: 'RecordLeaver' as const, data: { engineerId: 'eng-1', leftOn: '2026-09-30' } };
    spec.given([joined]).when(leave).then([{ type: 'EngineerLeft', data: leave.data }]);
    spec.given([joined, { type: 'EngineerLeft', data: leave.data }]).when(leave).thenNothingHappens();
    spec.given([]).when(leave).thenThrows('NOT_FOUND');
  });
});
