import { beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent, SkillsGraphEvent } from '@skills-graph/domain';
import type { SkillsGraphReadModel } from '../read-model.port.js';
import type { ReadClock } from '../effective-dates.js';
import { recordedEvents } from './recorded-events.js';

/** A clock a test sets (the services' ManualClock does the same). */
export class SettableReadClock implements ReadClock {
  constructor(private instant: string) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: string): void {
    this.instant = instant;
  }
}

// Effective dates (effective-dates.ts): joiners, movers and leavers recorded ahead of their day are applied
// on that day, and a leaver is found by their last team with includeLeavers. A crew of its own (ef-*,
// teams ef-a and ef-b, competency `effective`), recorded on 2026-11-01 (recordedEvents), asked last: it
// moves the clock forward.
const joined = (engineerId: string, name: string, teamId: string, joinedOn: string): SkillsGraphEvent => ({
  type: 'EngineerJoined',
  data: { engineerId, name, email: `${engineerId}@example.test`, title: 'Engineer', teamId, teamName: teamId.toUpperCase(), managerId: null, joinedOn },
});
const level = (engineerId: string, lvl: number): SkillsGraphEvent => ({
  type: 'DemonstratedLevelRecorded',
  data: { engineerId, competencyId: 'effective', skillId: null, level: lvl, previousLevel: 0, evidenceIds: [`${engineerId}-ev`], frameworkId: 'fw', frameworkVersion: 1, computedAt: '2026-10-01T00:00:00.000Z' },
});

const crew: SkillsGraphEvent[] = [
  joined('ef-1', 'Ef Abel', 'ef-a', '2025-01-01'),
  joined('ef-2', 'Ef Bea', 'ef-a', '2025-01-01'),
  joined('ef-4', 'Ef Dov', 'ef-a', '2025-01-01'),
  { type: 'EngineerLeft', data: { engineerId: 'ef-4', leftOn: '2026-10-15' } }, // left before it was recorded: at once
  level('ef-1', 3),
  // Recorded on 2026-11-01 for later days:
  joined('ef-3', 'Ef Cal', 'ef-b', '2026-12-01'),
  { type: 'EngineerMoved', data: { engineerId: 'ef-1', teamId: 'ef-b', teamName: 'EF-B', managerId: null, title: 'Senior Engineer', movedOn: '2026-12-15' } },
  { type: 'EngineerLeft', data: { engineerId: 'ef-2', leftOn: '2026-12-20' } },
  joined('ef-6', 'Ef Fen', 'ef-b', '2027-01-04'),
  { type: 'EngineerErased', data: { engineerId: 'ef-6', erasedAt: '2026-11-01T00:00:00.000Z' } }, // erased before joining
];

const names = (page: { items: { name: string }[] }) => page.items.map((e) => e.name);

export function describeEffectiveDates(graphOf: () => SkillsGraphReadModel, clock: SettableReadClock): void {
  describe('effective dates: joiners, movers and leavers recorded ahead of their day', () => {
    const team = async (teamId: string, includeLeavers = false) => names(await graphOf().findEngineers({ teamId, includeLeavers }, { first: 50 }));
    const byTeam = async () =>
      (await graphOf().levelDistribution({ competencyId: 'effective', groupBy: 'TEAM' })).groups.map((g) => [g.groupId, g.total]);
    /** Moves the clock and lets the read model apply what came due (the projector's timer does this). */
    const dayComes = async (instant: string) => {
      clock.set(instant);
      await graphOf().followTime();
    };

    beforeAll(async () => {
      clock.set('2026-11-20T12:00:00.000Z');
      const graph = graphOf();
      const events: RecordedEvent[] = recordedEvents(crew, await graph.checkpoint());
      await graph.applyEvents(events.slice(0, 7)); // split between the held changes: they are kept across calls
      await graph.applyEvents(events);
    }, 60_000);

    it('finds a leaver by their last team with includeLeavers, and one who was there then with asOf', async () => {
      expect(await team('ef-a')).toEqual(['Ef Abel', 'Ef Bea']);
      expect(await team('ef-a', true)).toEqual(['Ef Abel', 'Ef Bea', 'Ef Dov']);
      expect(names(await graphOf().findEngineers({ teamId: 'ef-a', asOf: '2026-10-01T00:00:00.000Z' }, { first: 50 }))).toEqual(['Ef Abel', 'Ef Bea', 'Ef Dov']);
      expect(names(await graphOf().findEngineers({ teamId: 'ef-a', asOf: '2026-10-20T00:00:00.000Z' }, { first: 50 }))).toEqual(['Ef Abel', 'Ef Bea']);
      expect((await graphOf().engineersByIds(['ef-4']))[0]).toMatchObject({ status: 'left', leftOn: '2026-10-15', teamId: 'ef-a' });
    });

    it('applies nothing before its day: the joiner is not there yet, the mover and the leaver are where they were', async () => {
      await dayComes('2026-11-30T23:59:59.999Z');
      const [abel, bea, cal] = await graphOf().engineersByIds(['ef-1', 'ef-2', 'ef-3']);
      expect(abel).toMatchObject({ teamId: 'ef-a', title: 'Engineer', status: 'active' });
      expect(bea).toMatchObject({ status: 'active' });
      expect(bea?.leftOn ?? null).toBeNull();
      expect(cal).toBeNull();
      expect(await team('ef-b', true)).toEqual([]);
      expect(await byTeam()).toEqual([['ef-a', 1]]);
    });

    it('applies a joiner on their first day', async () => {
      await dayComes('2026-12-01T00:00:00.000Z');
      expect((await graphOf().engineersByIds(['ef-3']))[0]).toMatchObject({ name: 'Ef Cal', teamId: 'ef-b', status: 'active', joinedOn: '2026-12-01' });
      expect(await team('ef-b')).toEqual(['Ef Cal']);
      expect(await team('ef-a')).toEqual(['Ef Abel', 'Ef Bea']);
    });

    it('moves a mover on the day of the move, with their levels counted in the new team', async () => {
      await dayComes('2026-12-14T23:00:00.000Z');
      expect(await byTeam()).toEqual([['ef-a', 1]]);
      await dayComes('2026-12-15T08:00:00.000Z');
      expect((await graphOf().engineersByIds(['ef-1']))[0]).toMatchObject({ teamId: 'ef-b', title: 'Senior Engineer' });
      expect(await team('ef-b')).toEqual(['Ef Abel', 'Ef Cal']);
      expect(await byTeam()).toEqual([['ef-b', 1]]);
      expect((await graphOf().teamsByIds(['ef-a', 'ef-b'])).map((t) => t?.memberCount)).toEqual([1, 2]);
    });

    it('lets a leaver go on their leaving day; their team still finds them with includeLeavers', async () => {
      await dayComes('2026-12-20T00:00:00.000Z');
      expect((await graphOf().engineersByIds(['ef-2']))[0]).toMatchObject({ status: 'left', leftOn: '2026-12-20', teamId: 'ef-a' });
      expect(await team('ef-a')).toEqual([]);
      expect(await team('ef-a', true)).toEqual(['Ef Bea', 'Ef Dov']);
    });

    it('keeps the erasure of someone erased before their first day', async () => {
      await dayComes('2027-01-04T00:00:00.000Z');
      expect((await graphOf().engineersByIds(['ef-6']))[0]).toMatchObject({ name: 'Erased engineer', email: null, erased: true, teamId: 'ef-b', status: 'active' });
    });

    it('applies a change held until a day before the next event recorded on or after that day, whatever the clock says', async () => {
      clock.set('2027-01-04T00:00:00.000Z');
      const graph = graphOf();
      const at = (event: RecordedEvent, recordedAt: string): RecordedEvent => ({ ...event, recordedAt });
      const [move, leave] = recordedEvents(
        [
          { type: 'EngineerMoved', data: { engineerId: 'ef-3', teamId: 'ef-a', teamName: 'EF-A', managerId: null, title: 'Engineer', movedOn: '2027-02-01' } },
          { type: 'EngineerLeft', data: { engineerId: 'ef-3', leftOn: '2027-03-01' } },
        ],
        await graph.checkpoint(),
      );
      // Recorded on 2027-01-05 for 2027-02-01, then a leaver recorded on 2027-02-02 (the clock lags behind).
      await graph.applyEvents([at(move!, '2027-01-05T09:00:00.000Z')]);
      expect((await graph.engineersByIds(['ef-3']))[0]).toMatchObject({ teamId: 'ef-b' });
      await graph.applyEvents([at(leave!, '2027-02-02T09:00:00.000Z')]);
      expect((await graph.engineersByIds(['ef-3']))[0]).toMatchObject({ teamId: 'ef-a', status: 'active' });
      await dayComes('2027-03-01T00:00:00.000Z');
      expect((await graph.engineersByIds(['ef-3']))[0]).toMatchObject({ teamId: 'ef-a', status: 'left', leftOn: '2027-03-01' });
    });
  });
}
