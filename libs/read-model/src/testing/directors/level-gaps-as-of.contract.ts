import { beforeAll, describe, expect, it } from '@jest/globals';
import type { FrameworkContent, SkillsGraphEvent } from '@skills-graph/domain';
import { InvalidQueryError, type SkillsGraphReadModel } from '../../read-model.port.js';
import type { LevelGapQuery, PromotionReadinessFilter } from '../../directors/level-gaps.js';
import { recordedEvents } from '../recorded-events.js';

// gapToNextLevel and promotionReadiness with asOf, on an organisation of their own (framework `aoffw`,
// competency `craft`, Amy's line) so the other cases' data cannot change these answers. The events go in
// three batches, so on Neo4j evidence changes are written both folded into their submission's row and as
// changes of evidence submitted in an earlier batch.

const framework: FrameworkContent = {
  name: 'As-of framework',
  levels: [1, 2, 3].map((level) => ({ level })),
  competencies: [{ id: 'craft', name: 'Craft' }],
  behaviours: [
    ...['k1a', 'k1b'].map((id) => ({ id, level: 1, competencyId: 'craft', text: id, notes: [], examples: [] })),
    ...['k2a', 'k2b', 'k2c', 'k2d'].map((id) => ({ id, level: 2, competencyId: 'craft', text: id, notes: [], examples: [] })),
    ...['k3a', 'k3b'].map((id) => ({ id, level: 3, competencyId: 'craft', text: id, notes: [], examples: [] })),
  ],
  policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: 365 },
};

/** Now, for the read model: the instant the gateway would pass as `at`. */
const at = '2026-11-01T00:00:00.000Z';
/** The instant the directors ask about. */
const asOf = '2026-04-01T00:00:00.000Z';

const person = (engineerId: string, name: string, managerId: string | null, joinedOn = '2025-01-01'): SkillsGraphEvent => ({
  type: 'EngineerJoined',
  data: { engineerId, name, email: `${engineerId}@example.test`, title: 'Engineer', teamId: 'aof-team', teamName: 'AOF', managerId, joinedOn },
});
const submitted = (evidenceId: string, engineerId: string, behaviourIds: string[], date: string): SkillsGraphEvent => ({
  type: 'EvidenceSubmitted',
  data: { evidenceId, engineerId, kind: 'pull-request', title: evidenceId, url: null, date, projectId: null, skillIds: ['go'], behaviourIds, frameworkId: 'aoffw', submittedBy: engineerId, submittedAt: `${date}T09:00:00.000Z` },
});
const approved = (evidenceId: string, engineerId: string, approvedAt: string): SkillsGraphEvent => ({ type: 'EvidenceApproved', data: { evidenceId, engineerId, approverId: 'aof-boss', approvedAt } });
const withdrawn = (evidenceId: string, engineerId: string, withdrawnAt: string): SkillsGraphEvent => ({ type: 'EvidenceWithdrawn', data: { evidenceId, engineerId, withdrawnBy: engineerId, withdrawnAt, wasApproved: true } });
const amended = (evidenceId: string, engineerId: string, amendedAt: string): SkillsGraphEvent => ({
  type: 'EvidenceAmended',
  data: { evidenceId, engineerId, changes: { title: `${evidenceId}, corrected` }, amendedBy: engineerId, amendedAt },
});
const calibrated = (engineerId: string, level: number, calibratedAt: string): SkillsGraphEvent => ({
  type: 'LevelCalibrated',
  data: { engineerId, competencyId: 'craft', level, rationale: 'Panel', panel: ['aof-amy'], calibratedAt },
});

// Amy: a1 counts throughout; a3 was approved before asOf and withdrawn after it; a2 was approved after asOf;
// a4 was approved, amended back to review before asOf and approved again after it.
// Bob: b1 is dated more than a year before now but not before asOf; b2 came after asOf.
// Cleo joined after asOf; Dev was there at asOf and has left since; a panel calibrated him after asOf.
const before: SkillsGraphEvent[] = [
  { type: 'FrameworkVersionImported', data: { frameworkId: 'aoffw', version: 1, contentHash: 'aof1', sourceFormat: 'json', content: framework, changes: { added: framework.behaviours.map((b) => b.id), removed: [], reworded: [], moved: [] }, warnings: [], importedAt: '2025-01-01T00:00:00.000Z' } },
  { type: 'FrameworkVersionPublished', data: { frameworkId: 'aoffw', version: 1, publishedAt: '2025-01-01T01:00:00.000Z' } },
  person('aof-amy', 'Aof Amy', null),
  person('aof-bob', 'Aof Bob', 'aof-amy'),
  person('aof-dev', 'Aof Dev', 'aof-amy'),
  submitted('aof-b1', 'aof-bob', ['k1a'], '2025-05-01'),
  approved('aof-b1', 'aof-bob', '2025-05-02T10:00:00.000Z'),
  calibrated('aof-bob', 1, '2026-01-05T10:00:00.000Z'),
  submitted('aof-a1', 'aof-amy', ['k1a'], '2026-01-10'),
  approved('aof-a1', 'aof-amy', '2026-01-15T10:00:00.000Z'),
  submitted('aof-a3', 'aof-amy', ['k1b', 'k2c'], '2026-01-20'),
  approved('aof-a3', 'aof-amy', '2026-01-25T10:00:00.000Z'),
  submitted('aof-a2', 'aof-amy', ['k2a'], '2026-02-01'),
  submitted('aof-a4', 'aof-amy', ['k2b'], '2026-02-10'),
  approved('aof-a4', 'aof-amy', '2026-02-15T10:00:00.000Z'),
  calibrated('aof-amy', 1, '2026-03-01T10:00:00.000Z'),
  amended('aof-a4', 'aof-amy', '2026-03-20T10:00:00.000Z'),
];
const after: SkillsGraphEvent[] = [
  approved('aof-a4', 'aof-amy', '2026-04-10T10:00:00.000Z'),
  calibrated('aof-dev', 2, '2026-05-01T10:00:00.000Z'),
  person('aof-cleo', 'Aof Cleo', 'aof-amy', '2026-05-01'),
  approved('aof-a2', 'aof-amy', '2026-06-01T10:00:00.000Z'),
  withdrawn('aof-a3', 'aof-amy', '2026-07-01T10:00:00.000Z'),
];
const later: SkillsGraphEvent[] = [
  submitted('aof-b2', 'aof-bob', ['k1b', 'k2a'], '2026-06-01'),
  approved('aof-b2', 'aof-bob', '2026-06-02T10:00:00.000Z'),
  submitted('aof-c1', 'aof-cleo', ['k1a', 'k2a'], '2026-05-10'),
  approved('aof-c1', 'aof-cleo', '2026-05-11T10:00:00.000Z'),
  // Submitted, approved and withdrawn within one batch: approved only in between.
  submitted('aof-a5', 'aof-amy', ['k2d'], '2026-07-02'),
  approved('aof-a5', 'aof-amy', '2026-07-03T10:00:00.000Z'),
  withdrawn('aof-a5', 'aof-amy', '2026-07-04T10:00:00.000Z'),
  { type: 'EngineerLeft', data: { engineerId: 'aof-dev', leftOn: '2026-08-01' } },
];

export function describeLevelGapsAsOf(graphOf: () => SkillsGraphReadModel): void {
  describe('directors: gapToNextLevel and promotionReadiness as of an instant', () => {
    let graph: SkillsGraphReadModel;
    const gap = (engineerId: string, when: Partial<Pick<LevelGapQuery, 'asOf' | 'skillId'>> = {}) =>
      graph.gapToNextLevel({ engineerId, frameworkId: 'aoffw', competencyId: 'craft', skillId: null, at, ...when });
    const readiness = async (filter: Omit<PromotionReadinessFilter, 'at' | 'frameworkId'>) =>
      (await graph.promotionReadiness({ frameworkId: 'aoffw', at, ...filter })).map((c) => [c.engineerId, c.demonstratedLevel, c.calibratedLevel, c.reasons]);

    beforeAll(async () => {
      graph = graphOf();
      for (const batch of [before, after, later]) await graph.applyEvents(recordedEvents(batch, await graph.checkpoint()));
    }, 60_000);

    it('counts the evidence approved at asOf: not what was approved later, still what was withdrawn later, not what was in review then', async () => {
      expect(await gap('aof-amy', { asOf })).toEqual({
        engineerId: 'aof-amy',
        frameworkId: 'aoffw',
        frameworkVersion: 1,
        competencyId: 'craft',
        skillId: null,
        level: 1,
        evidenceIds: ['aof-a1', 'aof-a3'],
        nextLevel: 2,
        policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: 365 },
        behaviours: [
          { behaviourId: 'k2a', evidenceIds: [] },
          { behaviourId: 'k2b', evidenceIds: [] },
          { behaviourId: 'k2c', evidenceIds: ['aof-a3'] },
          { behaviourId: 'k2d', evidenceIds: [] },
        ],
        missingBehaviourIds: ['k2a', 'k2b', 'k2d'],
        behavioursRequired: 2,
        behavioursCovered: 1,
        behavioursStillNeeded: 1,
        evidenceCounted: 1,
        evidenceRequired: 1,
        evidenceStillNeeded: 0,
        oneBehaviourAway: true,
      });
      // Today: a3 withdrawn, a2 and a4 (again) approved; a5 was approved for a day only.
      expect(await gap('aof-amy')).toMatchObject({ level: 2, evidenceIds: ['aof-a1', 'aof-a2', 'aof-a4'], nextLevel: 3, missingBehaviourIds: ['k3a', 'k3b'] });
      expect(await gap('aof-amy', { asOf: '2026-07-03T12:00:00.000Z' })).toMatchObject({ level: 2, evidenceIds: ['aof-a1', 'aof-a2', 'aof-a4', 'aof-a5'] });
      // Within a skill, the same evidence as it stood.
      expect(await gap('aof-amy', { asOf, skillId: 'go' })).toMatchObject({ level: 1, evidenceIds: ['aof-a1', 'aof-a3'] });
    }, 30_000);

    it('starts an approval at its instant and ends a withdrawal or an amendment at theirs, whatever the offset asOf is written with', async () => {
      const proofs = async (when: string) => (await gap('aof-amy', { asOf: when }))!.evidenceIds;
      expect(await proofs('2026-06-01T09:59:59.999Z')).toEqual(['aof-a1', 'aof-a3', 'aof-a4']);
      expect(await proofs('2026-06-01T10:00:00.000Z')).toEqual(['aof-a1', 'aof-a2', 'aof-a3', 'aof-a4']);
      expect(await proofs('2026-07-01T09:59:59.999Z')).toEqual(['aof-a1', 'aof-a2', 'aof-a3', 'aof-a4']);
      expect(await proofs('2026-07-01T10:00:00.000Z')).toEqual(['aof-a1', 'aof-a2', 'aof-a4']);
      // Amended (back to review) on 20 March, approved again on 10 April.
      expect(await proofs('2026-03-20T09:59:59.999Z')).toEqual(['aof-a1', 'aof-a3', 'aof-a4']);
      expect(await proofs('2026-03-20T10:00:00.000Z')).toEqual(['aof-a1', 'aof-a3']);
      expect(await proofs('2026-04-10T10:00:00.000Z')).toEqual(['aof-a1', 'aof-a3', 'aof-a4']);
      expect(await gap('aof-amy', { asOf: '2026-04-01T02:00:00+02:00' })).toEqual(await gap('aof-amy', { asOf }));
      // What both graphs keep: when each item was approved.
      expect((await graph.evidenceByIds(['aof-a4', 'aof-a5', 'aof-a2', 'aof-a3'])).map((e) => [e!.status, e!.approvedPeriods])).toEqual([
        [
          'approved',
          [
            { from: '2026-02-15T10:00:00.000Z', to: '2026-03-20T10:00:00.000Z' },
            { from: '2026-04-10T10:00:00.000Z', to: null },
          ],
        ],
        ['withdrawn', [{ from: '2026-07-03T10:00:00.000Z', to: '2026-07-04T10:00:00.000Z' }]],
        ['approved', [{ from: '2026-06-01T10:00:00.000Z', to: null }]],
        ['withdrawn', [{ from: '2026-01-25T10:00:00.000Z', to: '2026-07-01T10:00:00.000Z' }]],
      ]);
      // Before anything was approved: nothing counts.
      expect(await gap('aof-amy', { asOf: '2026-01-01T00:00:00.000Z' })).toMatchObject({ level: 0, evidenceIds: [], nextLevel: 1 });
    }, 30_000);

    it('judges the recency window at asOf', async () => {
      expect(await gap('aof-bob', { asOf })).toMatchObject({ level: 1, evidenceIds: ['aof-b1'] });
      expect(await gap('aof-bob')).toMatchObject({ level: 1, evidenceIds: ['aof-b2'] });
      expect(await gap('aof-bob', { asOf: '2026-05-02T00:00:00.000Z' })).toMatchObject({ level: 0, evidenceIds: [] });
    }, 30_000);

    it('lists readiness as it stood: the engineers there then, the calibrations recorded by then, the evidence approved then', async () => {
      expect(await readiness({ withinLineOf: 'aof-amy', asOf })).toEqual([
        ['aof-amy', 1, 1, ['one-behaviour-away']],
        ['aof-dev', 0, null, ['one-behaviour-away']],
      ]);
      expect(await readiness({ withinLineOf: 'aof-amy' })).toEqual([
        ['aof-amy', 2, 1, ['above-calibration', 'one-behaviour-away']],
        ['aof-bob', 1, 1, ['one-behaviour-away']],
        ['aof-cleo', 1, null, ['one-behaviour-away']],
      ]);
      expect(await readiness({ withinLineOf: 'aof-amy', competencyId: 'craft', asOf: '2026-07-15T00:00:00.000Z' })).toEqual([
        ['aof-amy', 2, 1, ['above-calibration', 'one-behaviour-away']],
        ['aof-bob', 1, 1, ['one-behaviour-away']],
        ['aof-cleo', 1, null, ['one-behaviour-away']],
        ['aof-dev', 0, 2, ['one-behaviour-away']],
      ]);
      const [amy] = await graph.promotionReadiness({ frameworkId: 'aoffw', at, withinLineOf: 'aof-amy', asOf });
      expect(amy!.gap).toEqual(await gap('aof-amy', { asOf }));
      // Teams are today's: Dev left the team with the company.
      expect((await readiness({ teamId: 'aof-team', asOf })).map(([id]) => id)).toEqual(['aof-amy']);
    }, 30_000);

    it('refuses an asOf after now, or that is no instant, naming asOf', async () => {
      const field = async (ask: () => Promise<unknown>) => {
        const error = await ask().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InvalidQueryError);
        return (error as InvalidQueryError).field;
      };
      expect(await field(() => gap('aof-amy', { asOf: '2026-11-01T00:00:00.001Z' }))).toBe('asOf');
      expect(await field(() => gap('aof-amy', { asOf: 'last tuesday' }))).toBe('asOf');
      expect(await field(() => graph.promotionReadiness({ frameworkId: 'aoffw', at, asOf: '2027-01-01T00:00:00.000Z' }))).toBe('asOf');
      expect(await gap('aof-amy', { asOf: at })).toEqual(await gap('aof-amy'));
    }, 30_000);
  });
}
