import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LevelChangeSchedule } from './level-change-schedule.js';

describe('LevelChangeSchedule', () => {
  it('gives the earliest instant, and forgets replaced and cleared ones', () => {
    const schedule = new LevelChangeSchedule();
    schedule.set('a', 30);
    schedule.set('b', 10);
    schedule.set('c', 20);
    expect(schedule.next()).toEqual({ at: 10, engineerId: 'b' });
    schedule.set('b', 40);
    expect(schedule.next()).toEqual({ at: 20, engineerId: 'c' });
    schedule.set('c', null);
    expect(schedule.next()).toEqual({ at: 30, engineerId: 'a' });
    expect(schedule.size).toBe(2);
  });

  it('always agrees with a plain map of engineer → instant (property)', () => {
    const op = fc.record({ engineer: fc.constantFrom('a', 'b', 'c', 'd', 'e'), at: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const schedule = new LevelChangeSchedule();
        const model = new Map<string, number>();
        for (const { engineer, at } of ops) {
          schedule.set(engineer, at);
          if (at === null) model.delete(engineer);
          else model.set(engineer, at);
          const expected = [...model.entries()].sort(([ea, a], [eb, b]) => a - b || ea.localeCompare(eb))[0];
          expect(schedule.next()).toEqual(expected ? { at: expected[1], engineerId: expected[0] } : null);
        }
      }),
    );
  });
});
