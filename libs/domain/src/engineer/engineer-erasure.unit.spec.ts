import { describe, it } from '@jest/globals';
import { deciderSpecification } from '../testing/decider-specification.js';
import { engineerDecider, type EngineerEvent, type EraseEngineer } from './engineer.decider.js';

const spec = deciderSpecification(engineerDecider);

const joined: EngineerEvent = {
  type: 'EngineerJoined',
  data: { engineerId: 'eng-1', name: 'Ana Silva', email: 'ana@example.test', title: 'Engineer', teamId: 'payments', teamName: 'Payments', managerId: 'eng-9', joinedOn: '2026-01-05' },
};
const erase: EraseEngineer = { type: 'EraseEngineer', data: { engineerId: 'eng-1', erasedAt: '2026-12-01T10:00:00.000Z' } };
const erased: EngineerEvent = { type: 'EngineerErased', data: erase.data };

describe('engineer decider: erasure', () => {
  it('records the erasure of a known engineer, active or left', () => {
    spec.given([joined]).when(erase).then([erased]);
    spec.given([joined, { type: 'EngineerLeft', data: { engineerId: 'eng-1', leftOn: '2026-06-30' } }]).when(erase).then([erased]);
  });
  it('erases once: erasing again changes nothing', () => spec.given([joined, erased]).when(erase).thenNothingHappens());
  it('refuses an unknown engineer', () => spec.given([]).when(erase).thenThrows('NOT_FOUND', /unknown/, 'engineerId'));
  it('still takes people changes after an erasure (their personal fields are no longer kept)', () => {
    const leave = { type: 'RecordLeaver' as const, data: { engineerId: 'eng-1', leftOn: '2026-12-31' } };
    spec.given([joined, erased]).when(leave).then([{ type: 'EngineerLeft', data: leave.data }]);
  });
});
