import { beforeAll, describe, expect, it } from '@jest/globals';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import { InvalidQueryError, type SkillsGraphReadModel } from '../../read-model.port.js';
import { recordedEvents } from '../recorded-events.js';

// The staffing search and organisation-wide asOf, on a crew of their own (competency `delivery`, team
// `crew`) so the other cases' data cannot change these answers.
const joined = (engineerId: string, name: string, teamId: string, managerId: string | null = null, joinedOn = '2025-01-01'): SkillsGraphEvent => ({
  type: 'EngineerJoined',
  data: { engineerId, name, email: `${engineerId}@example.test`, title: 'Engineer', teamId, teamName: teamId.toUpperCase(), managerId, joinedOn },
});
const level = (engineerId: string, skillId: string | null, lvl: number, evidenceIds: string[], computedAt = '2026-11-01T00:00:00.000Z', frameworkId = 'fw', previousLevel = 0): SkillsGraphEvent => ({
  type: 'DemonstratedLevelRecorded',
  data: { engineerId, competencyId: 'delivery', skillId, level: lvl, previousLevel, evidenceIds, frameworkId, frameworkVersion: 1, computedAt },
});

const crewEvents: SkillsGraphEvent[] = [
  joined('c-hal', 'Hal', 'crew'),
  joined('c-ivy', 'Ivy', 'crew'),
  joined('c-jo', 'Jo', 'crew', 'c-hal'),
  joined('c-kit', 'Kit', 'crew'),
  joined('c-lu', 'Lu', 'ops'),
  joined('c-mo', 'Mo', 'crew'),
  level('c-kit', 'zig', 3, ['k1'], '2026-02-01T00:00:00.000Z'),
  level('c-ivy', 'zig', 4, ['i1'], '2026-02-15T00:00:00.000Z'),
  level('c-hal', 'zig', 5, ['h1'], '2026-03-01T00:00:00.000Z'),
  level('c-jo', 'zig', 4, ['j1'], '2026-04-01T00:00:00.000Z'),
  level('c-kit', 'zig', 5, ['k1', 'k2'], '2026-05-01T00:00:00.000Z', 'fw', 3),
  level('c-jo', 'zig', 0, [], '2026-06-01T00:00:00.000Z', 'fw', 4),
  { type: 'EngineerLeft', data: { engineerId: 'c-kit', leftOn: '2026-08-01' } },
  level('c-ivy', 'zig', 6, ['i2', 'i3'], '2026-10-01T00:00:00.000Z', 'data-track'),
  level('c-jo', 'zig', 4, ['j1', 'j2'], '2026-10-01T00:00:00.000Z'),
  joined('c-nell', 'Nell', 'crew', null, '2026-10-01'),
  level('c-hal', 'nats', 3, ['h2']),
  level('c-hal', null, 2, ['h1', 'h2']),
  level('c-ivy', 'nats', 4, ['i4']),
  level('c-jo', 'nats', 3, ['j3']),
  level('c-kit', 'nats', 4, ['k3']),
  level('c-lu', 'zig', 6, ['l1']),
  level('c-lu', 'nats', 5, ['l2']),
  level('c-mo', 'zig', 5, ['m1']),
];

const zigAndNats = [
  { competencyId: 'delivery', skillId: 'zig', levelAtLeast: 4 },
  { competencyId: 'delivery', skillId: 'nats', levelAtLeast: 3 },
];
const names = (page: { items: { name: string }[] }) => page.items.map((e) => e.name);
const ranked = (page: { items: { engineer: { name: string }; margin: number }[] }) => page.items.map((m) => [m.engineer.name, m.margin]);

export function describeStaffingAndAsOf(graphOf: () => SkillsGraphReadModel): void {
  describe('directors: staffing search and organisation-wide asOf', () => {
    let graph: SkillsGraphReadModel;
    beforeAll(async () => {
      graph = graphOf();
      await graph.applyEvents(recordedEvents(crewEvents, await graph.checkpoint()));
    }, 60_000);

    it('finds the engineers meeting every requirement, ranked by margin then name, leavers left out', async () => {
      expect(ranked(await graph.staffingSearch({ requirements: zigAndNats, teamId: 'crew' }, { first: 10 }))).toEqual([
        ['Ivy', 3],
        ['Hal', 1],
        ['Jo', 0],
      ]);
      const all = await graph.staffingSearch({ requirements: zigAndNats }, { first: 10 });
      expect(ranked(all).slice(0, 4)).toEqual([
        ['Lu', 4],
        ['Ivy', 3],
        ['Hal', 1],
        ['Jo', 0],
      ]);
    });

    it('proves each requirement with the best level (any framework) and its evidence, in the order asked', async () => {
      const page = await graph.staffingSearch({ requirements: zigAndNats, teamId: 'crew' }, { first: 1 });
      expect(page.items[0]).toMatchObject({ engineer: { id: 'c-ivy', name: 'Ivy', teamId: 'crew' }, margin: 3 });
      expect(page.items[0]!.proofs).toEqual([
        { competencyId: 'delivery', skillId: 'zig', levelAtLeast: 4, level: 6, frameworkId: 'data-track', evidenceIds: ['i2', 'i3'] },
        { competencyId: 'delivery', skillId: 'nats', levelAtLeast: 3, level: 4, frameworkId: 'fw', evidenceIds: ['i4'] },
      ]);
    });

    it('pages with a cursor, and a requirement on the overall level uses skill null', async () => {
      const first = await graph.staffingSearch({ requirements: zigAndNats, teamId: 'crew' }, { first: 2 });
      expect([names({ items: first.items.map((m) => m.engineer) }), first.totalCount, first.hasNextPage]).toEqual([['Ivy', 'Hal'], 3, true]);
      const second = await graph.staffingSearch({ requirements: zigAndNats, teamId: 'crew' }, { first: 2, after: first.endCursor! });
      expect([second.items.map((m) => m.engineer.name), second.totalCount, second.hasNextPage]).toEqual([['Jo'], 3, false]);
      const overall = await graph.staffingSearch({ requirements: [{ competencyId: 'delivery', skillId: null, levelAtLeast: 2 }, { competencyId: 'delivery', skillId: 'zig', levelAtLeast: 5 }] }, { first: 10 });
      expect(overall.items.map((m) => [m.engineer.name, m.margin, m.proofs[0]!.evidenceIds])).toEqual([['Hal', 0, ['h1', 'h2']]]);
    });

    it('limits the search to a reporting line, and finds nobody when a requirement is unmet', async () => {
      expect(ranked(await graph.staffingSearch({ requirements: zigAndNats, withinLineOf: 'c-hal' }, { first: 10 }))).toEqual([
        ['Hal', 1],
        ['Jo', 0],
      ]);
      const none = await graph.staffingSearch({ requirements: [...zigAndNats, { competencyId: 'delivery', skillId: 'zig', levelAtLeast: 7 }] }, { first: 10 });
      expect([none.items, none.totalCount, none.endCursor, none.hasNextPage]).toEqual([[], 0, null, false]);
    });

    it('refuses no or too many requirements, a level below 1 and a cursor it did not give', async () => {
      const req = zigAndNats[0]!;
      await expect(graph.staffingSearch({ requirements: [] }, { first: 10 })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(graph.staffingSearch({ requirements: Array.from({ length: 11 }, () => req) }, { first: 10 })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(graph.staffingSearch({ requirements: [{ ...req, levelAtLeast: 0 }] }, { first: 10 })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(graph.staffingSearch({ requirements: [req] }, { first: 10, after: 'nonsense' })).rejects.toBeInstanceOf(InvalidQueryError);
    });

    it('answers "who was at least L4 on Delivery in Zig" as the levels stood then, leavers who were there included', async () => {
      const zig = { competencyId: 'delivery', skillId: 'zig' };
      expect(names(await graph.findEngineers({ ...zig, levelAtLeast: 1, asOf: '2026-03-15T00:00:00.000Z' }, { first: 10 }))).toEqual(['Hal', 'Ivy', 'Kit']);
      expect(names(await graph.findEngineers({ ...zig, level: 5, asOf: '2026-03-15T00:00:00.000Z' }, { first: 10 }))).toEqual(['Hal']);
      expect(names(await graph.findEngineers({ ...zig, levelAtLeast: 4, asOf: '2026-07-01T00:00:00.000Z' }, { first: 10 }))).toEqual(['Hal', 'Ivy', 'Kit']);
      expect(names(await graph.findEngineers({ ...zig, levelAtLeast: 4, asOf: '2026-09-01T00:00:00.000Z' }, { first: 10 }))).toEqual(['Hal', 'Ivy']);
      expect(names(await graph.findEngineers({ ...zig, levelAtLeast: 4, asOf: '2026-09-01T00:00:00.000Z', includeLeavers: true }, { first: 10 }))).toEqual(['Hal', 'Ivy', 'Kit']);
      expect(names(await graph.findEngineers({ ...zig, levelAtLeast: 4 }, { first: 10 }))).toEqual(['Hal', 'Ivy', 'Jo', 'Lu', 'Mo']);
      expect(names(await graph.findEngineers({ ...zig, levelAtLeast: 1, asOf: '2026-01-01T00:00:00.000Z' }, { first: 10 }))).toEqual([]);
    });

    it('applies asOf per framework, to a skill alone, and to who was in the team then', async () => {
      const zig = { competencyId: 'delivery', skillId: 'zig' };
      expect(names(await graph.findEngineers({ ...zig, levelAtLeast: 1, frameworkId: 'data-track', asOf: '2026-09-01T00:00:00.000Z' }, { first: 10 }))).toEqual([]);
      expect(names(await graph.findEngineers({ ...zig, levelAtLeast: 6, frameworkId: 'data-track', asOf: '2026-10-15T00:00:00.000Z' }, { first: 10 }))).toEqual(['Ivy']);
      expect(names(await graph.findEngineers({ skillId: 'nats', teamId: 'crew', asOf: '2026-10-15T00:00:00.000Z' }, { first: 10 }))).toEqual([]);
      expect(names(await graph.findEngineers({ skillId: 'nats', teamId: 'crew', asOf: '2026-11-02T00:00:00.000Z' }, { first: 10 }))).toEqual(['Hal', 'Ivy', 'Jo']);
      expect(names(await graph.findEngineers({ teamId: 'crew', asOf: '2026-09-01T00:00:00.000Z' }, { first: 10 }))).toEqual(['Hal', 'Ivy', 'Jo', 'Mo']);
      expect(names(await graph.findEngineers({ teamId: 'crew' }, { first: 10 }))).toEqual(['Hal', 'Ivy', 'Jo', 'Mo', 'Nell']);
      await expect(graph.findEngineers({ ...zig, levelAtLeast: 1, asOf: 'last tuesday' }, { first: 10 })).rejects.toBeInstanceOf(InvalidQueryError);
    });
  });
}
