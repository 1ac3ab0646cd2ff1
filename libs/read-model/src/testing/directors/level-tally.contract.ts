import { beforeAll, describe, expect, it } from '@jest/globals';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import type { SkillsGraphReadModel } from '../../read-model.port.js';
import type { LevelDistributionView, SkillCoverageView } from '../../directors/level-aggregates.js';
import { recordedEvents } from '../recorded-events.js';

// Today's levelDistribution and skillCoverage as people move, leave and lose levels: both read models keep
// these counts as events are applied (in memory and as LevelTally nodes on Neo4j), so the answers are checked
// part-way and at the end, with the events applied in three calls split inside a person's story. A crew of
// its own (competencies `tally` and `tally-x`, skills tl-go and tl-sql, teams tl-a and tl-b), asked last.
const joined = (engineerId: string, teamId: string, managerId: string | null): SkillsGraphEvent => ({
  type: 'EngineerJoined',
  data: { engineerId, name: `Tally ${engineerId}`, email: `${engineerId}@example.test`, title: 'Engineer', teamId, teamName: teamId.toUpperCase(), managerId, joinedOn: '2025-01-01' },
});
const moved = (engineerId: string, teamId: string, managerId: string | null): SkillsGraphEvent => ({
  type: 'EngineerMoved',
  data: { engineerId, teamId, teamName: teamId.toUpperCase(), managerId, title: 'Engineer', movedOn: '2026-06-01' },
});
const level = (engineerId: string, skillId: string | null, lvl: number, frameworkId = 'fw', competencyId = 'tally'): SkillsGraphEvent => ({
  type: 'DemonstratedLevelRecorded',
  data: { engineerId, competencyId, skillId, level: lvl, previousLevel: 0, evidenceIds: lvl > 0 ? [`${engineerId}-ev`] : [], frameworkId, frameworkVersion: 1, computedAt: '2026-10-01T00:00:00.000Z' },
});

// t1 leads; t2 and t3 report to t1, t4 to t3.
const start: SkillsGraphEvent[] = [
  { type: 'SkillRegistered', data: { skillId: 'tl-go', name: 'Tally Go', aliases: [] } },
  { type: 'SkillRegistered', data: { skillId: 'tl-sql', name: 'Tally SQL', aliases: [] } },
  joined('t1', 'tl-a', null),
  joined('t2', 'tl-a', 't1'),
  joined('t3', 'tl-b', 't1'),
  level('t1', 'tl-go', 4),
  level('t2', 'tl-go', 2),
  level('t2', 'tl-go', 3, 'fw2'), // two frameworks: the highest counts
  level('t3', 'tl-sql', 3),
  level('t3', null, 2),
  joined('t4', 'tl-b', 't3'), // split here: t4's levels come in the next call
];
const middle: SkillsGraphEvent[] = [
  level('t4', 'tl-go', 1),
  level('t4', 'tl-go', 5, 'fw', 'tally-x'), // another competency within the skill
  moved('t2', 'tl-b', 't3'), // another team and another manager
  moved('t4', 'tl-b', 't1'), // another manager, same team
  level('t3', 'tl-sql', 0), // t3's level went away
];
const end: SkillsGraphEvent[] = [
  level('t2', 'tl-go', 0, 'fw2'), // dropped in one framework: the other's level 2 stays
  { type: 'EngineerLeft', data: { engineerId: 't1', leftOn: '2026-10-01' } },
  level('t5', 'tl-sql', 4), // recorded before t5 joins, in the same call
  joined('t5', 'tl-a', 't3'),
];

const counts = (view: LevelDistributionView) => view.groups.map((g) => [g.groupId, g.counts.map((c) => `L${c.level}×${c.count}`).join(' '), g.total, g.median]);
const mine = (view: SkillCoverageView) => ({
  organisation: view.organisation.filter((e) => e.skillId.startsWith('tl-')).map((e) => [e.skillId, e.holders, e.soleHolderId, e.atRisk]),
  teams: view.teams.filter((e) => e.skillId.startsWith('tl-')).map((e) => [e.teamId, e.skillId, e.holders, e.soleHolderId]),
});

export function describeLevelTally(graphOf: () => SkillsGraphReadModel): void {
  describe("directors' aggregates of today's levels as people move, leave and lose levels", () => {
    const apply = async (events: SkillsGraphEvent[]) => {
      const graph = graphOf();
      await graph.applyEvents(recordedEvents(events, await graph.checkpoint()));
    };

    beforeAll(async () => apply(start), 60_000);

    it('counts the crew as it starts, the two frameworks at their highest', async () => {
      const graph = graphOf();
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'TEAM' }))).toEqual([['tl-a', 'L3×1 L4×1', 2, 3.5]]);
      // One framework asked for: its own levels where another framework has levels too (t2 is L2 in fw), the same
      // counts as across frameworks where it is the only one with levels (tl-sql).
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'TEAM', frameworkId: 'fw' }))).toEqual([['tl-a', 'L2×1 L4×1', 2, 3]]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'TEAM', frameworkId: 'fw2' }))).toEqual([['tl-a', 'L3×1', 1, 3]]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-sql', groupBy: 'TEAM', frameworkId: 'fw' }))).toEqual(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-sql', groupBy: 'TEAM' })));
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-sql', groupBy: 'NONE', frameworkId: 'fw' }))).toEqual([[null, 'L3×1', 1, 3]]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-sql', groupBy: 'TEAM', frameworkId: 'fw2' }))).toEqual([]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'MANAGER' }))).toEqual([
        [null, 'L4×1', 1, 4],
        ['t1', 'L3×1', 1, 3],
      ]);
      expect(mine(await graph.skillCoverage({ minLevel: 3, competencyId: 'tally' }))).toEqual({
        organisation: [
          ['tl-go', 2, null, false],
          ['tl-sql', 1, 't3', true],
        ],
        teams: [
          ['tl-a', 'tl-go', 2, null],
          ['tl-b', 'tl-sql', 1, 't3'],
        ],
      });
    });

    it('follows moves between teams, manager changes and a level dropped to 0', async () => {
      await apply(middle);
      const graph = graphOf();
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'TEAM' }))).toEqual([
        ['tl-a', 'L4×1', 1, 4],
        ['tl-b', 'L1×1 L3×1', 2, 2],
      ]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'MANAGER' }))).toEqual([
        [null, 'L4×1', 1, 4],
        ['t1', 'L1×1', 1, 1],
        ['t3', 'L3×1', 1, 3],
      ]);
      expect(mine(await graph.skillCoverage({ minLevel: 3, competencyId: 'tally' }))).toEqual({
        organisation: [
          ['tl-go', 2, null, false],
          ['tl-sql', 0, null, true],
        ],
        teams: [
          ['tl-a', 'tl-go', 1, 't1'],
          ['tl-b', 'tl-go', 1, 't2'],
        ],
      });
    });

    it('leaves out leavers, counts a joiner with the levels recorded before they joined', async () => {
      await apply(end);
      const graph = graphOf();
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'TEAM' }))).toEqual([['tl-b', 'L1×1 L2×1', 2, 1.5]]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'MANAGER' }))).toEqual([
        ['t1', 'L1×1', 1, 1],
        ['t3', 'L2×1', 1, 2],
      ]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'NONE' }))).toEqual([[null, 'L1×1 L2×1', 2, 1.5]]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', groupBy: 'TEAM' }))).toEqual([['tl-b', 'L2×1', 1, 2]]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-sql', groupBy: 'MANAGER' }))).toEqual([['t3', 'L4×1', 1, 4]]);
      expect(mine(await graph.skillCoverage({ minLevel: 2, competencyId: 'tally' }))).toEqual({
        organisation: [
          ['tl-go', 1, 't2', true],
          ['tl-sql', 1, 't5', true],
        ],
        teams: [
          ['tl-a', 'tl-sql', 1, 't5'],
          ['tl-b', 'tl-go', 1, 't2'],
        ],
      });
      // Any competency within the skill: t4's 5 on tally-x counts for tl-go.
      expect(mine(await graph.skillCoverage({ minLevel: 1 }))).toEqual({
        organisation: [
          ['tl-go', 2, null, false],
          ['tl-sql', 1, 't5', true],
        ],
        teams: [
          ['tl-a', 'tl-sql', 1, 't5'],
          ['tl-b', 'tl-go', 2, null],
        ],
      });
      expect(mine(await graph.skillCoverage({ minLevel: 5 })).organisation).toEqual([
        ['tl-go', 1, 't4', true],
        ['tl-sql', 0, null, true],
      ]);
    });

    it('narrows today\'s counts to a team', async () => {
      const graph = graphOf();
      expect(mine(await graph.skillCoverage({ minLevel: 1, teamId: 'tl-b' }))).toEqual({
        organisation: [
          ['tl-go', 2, null, false],
          ['tl-sql', 0, null, true],
        ],
        teams: [['tl-b', 'tl-go', 2, null]],
      });
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'TEAM', teamId: 'tl-b' }))).toEqual([['tl-b', 'L1×1 L2×1', 2, 1.5]]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'NONE', teamId: 'tl-a' }))).toEqual([[null, '', 0, null]]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'TEAM', teamId: 'tl-a' }))).toEqual([]);
      expect(counts(await graph.levelDistribution({ competencyId: 'tally', skillId: 'tl-go', groupBy: 'MANAGER', teamId: 'tl-b' }))).toEqual([
        ['t1', 'L1×1', 1, 1],
        ['t3', 'L2×1', 1, 2],
      ]);
    });
  });
}
