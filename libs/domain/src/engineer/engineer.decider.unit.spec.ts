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

  describe('effective dates: changes of one engineer take effect in the order of their days', () => {
    const moveOn = (movedOn: string, teamId = 'lending') => ({ type: 'RecordMover' as const, data: { engineerId: 'eng-1', teamId, teamName: teamId, managerId: 'eng-8', title: null, movedOn } });
    const moved = (movedOn: string, teamId = 'lending'): EngineerEvent => ({ type: 'EngineerMoved', data: { engineerId: 'eng-1', teamId, teamName: teamId, managerId: 'eng-8', title: 'Engineer', movedOn } });

    it('records a joiner, a mover and a leaver dated in the future as they come (the read models apply them on their day)', () => {
      const future = { ...joiner, data: { ...joiner.data, joinedOn: '2027-02-01' } };
      spec.given([]).when(future).then([{ type: 'EngineerJoined', data: future.data }]);
      spec.given([{ type: 'EngineerJoined', data: future.data }]).when(moveOn('2027-03-01')).then([moved('2027-03-01')]);
      spec.given([joined, moved('2027-03-01')]).when({ type: 'RecordLeaver', data: { engineerId: 'eng-1', leftOn: '2027-06-30' } }).then([{ type: 'EngineerLeft', data: { engineerId: 'eng-1', leftOn: '2027-06-30' } }]);
    });

    it('accepts a change on the same day as the last one', () => {
      spec.given([joined]).when(moveOn('2026-01-05')).then([moved('2026-01-05')]);
    });

    it('refuses a mover dated before the day the engineer joins, naming movedOn', () => {
      spec.given([{ type: 'EngineerJoined', data: { ...joiner.data, joinedOn: '2027-02-01' } }]).when(moveOn('2027-01-15')).thenThrows('VALIDATION_FAILED', /2027-01-15 is before 2027-02-01/, 'movedOn');
    });

    it('refuses a mover dated before a move already recorded, naming movedOn', () => {
      spec.given([joined, moved('2026-12-01')]).when(moveOn('2026-11-01', 'platform')).thenThrows('VALIDATION_FAILED', /order of their days/, 'movedOn');
    });

    it('refuses a leaver dated before the last recorded change, naming leftOn', () => {
      spec.given([joined, moved('2026-12-01')]).when({ type: 'RecordLeaver', data: { engineerId: 'eng-1', leftOn: '2026-11-30' } }).thenThrows('VALIDATION_FAILED', /leftOn 2026-11-30/, 'leftOn');
    });

    it('refuses a rejoiner dated before their leaving day, naming joinedOn', () => {
      const left: EngineerEvent = { type: 'EngineerLeft', data: { engineerId: 'eng-1', leftOn: '2026-09-30' } };
      spec.given([joined, left]).when({ ...joiner, data: { ...joiner.data, joinedOn: '2026-09-01' } }).thenThrows('VALIDATION_FAILED', /joinedOn/, 'joinedOn');
      spec.given([joined, left]).when({ ...joiner, data: { ...joiner.data, joinedOn: '2026-10-01' } }).then([{ type: 'EngineerJoined', data: { ...joiner.data, joinedOn: '2026-10-01' } }]);
    });
  });
});
