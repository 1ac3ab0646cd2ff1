import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FrameworkContent, SkillsGraphEvent } from '@skills-graph/domain';
import { InvalidQueryError, type SkillsGraphReadModel } from '../read-model.port.js';
import { evidenceSources, type PromotionReadinessFilter } from '../directors/level-gaps.js';
import { recordedEvents } from './recorded-events.js';
import { describeStaffingAndAsOf } from './directors/staffing-and-as-of.contract.js';
import { describeLevelGapsAsOf } from './directors/level-gaps-as-of.contract.js';
import { describeLevelTally } from './directors/level-tally.contract.js';
import { describeEffectiveDates, SettableReadClock } from './effective-dates.contract.js';
import type { ReadClock } from '../effective-dates.js';

export interface ReadModelFixture {
  readModel: SkillsGraphReadModel;
  dispose(): Promise<void>;
}

const content: FrameworkContent = {
  name: 'Contract framework',
  levels: [1, 2, 3, 4, 5, 6].map((level) => ({ level, name: `L${level}` })),
  competencies: [
    { id: 'mastery', name: 'Mastery' },
    { id: 'impact', name: 'Impact' },
  ],
  behaviours: [
    { id: 'm5', level: 5, competencyId: 'mastery', text: 'Shapes the platform others build on', notes: [], examples: [] },
    { id: 'm3', level: 3, competencyId: 'mastery', text: 'Designs services end to end', notes: [], examples: [] },
  ],
  policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: null },
};

const joined = (engineerId: string, name: string, teamId: string): SkillsGraphEvent => ({
  type: 'EngineerJoined',
  data: { engineerId, name, email: `${engineerId}@example.test`, title: 'Engineer', teamId, teamName: teamId.toUpperCase(), managerId: null, joinedOn: '2025-01-01' },
});
const level = (engineerId: string, competencyId: string, skillId: string | null, lvl: number, evidenceIds: string[], previousLevel = 0, frameworkId = 'fw'): SkillsGraphEvent => ({
  type: 'DemonstratedLevelRecorded',
  data: { engineerId, competencyId, skillId, level: lvl, previousLevel, evidenceIds, frameworkId, frameworkVersion: 1, computedAt: '2026-11-01T00:00:00.000Z' },
});
const evidence = (evidenceId: string, engineerId: string, skillIds: string[]): SkillsGraphEvent[] => [
  {
    type: 'EvidenceSubmitted',
    data: { evidenceId, engineerId, kind: 'design', title: `Design ${evidenceId}`, url: null, date: '2026-05-01', projectId: 'ledger', skillIds, behaviourIds: ['m5'], frameworkId: 'fw', submittedBy: engineerId, submittedAt: '2026-05-02T00:00:00.000Z' },
  },
  { type: 'EvidenceApproved', data: { evidenceId, engineerId, approverId: 'boss', approvedAt: '2026-05-03T00:00:00.000Z' } },
];

/** Who recorded each calibration: the actor in the event's metadata (other events are recorded by 'test'). */
const calibrators = new WeakMap<SkillsGraphEvent, string>();
const calibrated = (engineerId: string, competencyId: string, lvl: number, rationale: string, panel: string[], by: string, calibratedAt: string): SkillsGraphEvent => {
  const event: SkillsGraphEvent = { type: 'LevelCalibrated', data: { engineerId, competencyId, level: lvl, rationale, panel, calibratedAt } };
  calibrators.set(event, by);
  return event;
};

const rollbackV1: FrameworkContent = {
  ...content,
  name: 'Rollback framework',
  behaviours: [
    { id: 'r1', level: 1, competencyId: 'mastery', text: 'Writes tests first', notes: [], examples: [] },
    { id: 'r2', level: 2, competencyId: 'mastery', text: 'Designs schemas', notes: [], examples: [] },
  ],
};
const rollbackV2: FrameworkContent = {
  ...rollbackV1,
  behaviours: [
    { id: 'r1', level: 1, competencyId: 'mastery', text: 'writes tests first.', notes: [], examples: [] },
    { id: 'r2', level: 2, competencyId: 'mastery', text: 'Designs schemas', notes: [], examples: [] },
    { id: 'r3', level: 3, competencyId: 'mastery', text: 'Runs migrations without downtime', notes: [], examples: [] },
  ],
};
const rollbackFramework: SkillsGraphEvent[] = [
  { type: 'FrameworkVersionImported', data: { frameworkId: 'rb', version: 1, contentHash: 'r1', sourceFormat: 'json', content: rollbackV1, changes: { added: ['r1', 'r2'], removed: [], reworded: [], moved: [] }, warnings: [], importedAt: '2026-01-03T00:00:00.000Z' } },
  { type: 'FrameworkVersionPublished', data: { frameworkId: 'rb', version: 1, publishedAt: '2026-01-03T01:00:00.000Z' } },
  {
    type: 'FrameworkVersionImported',
    data: { frameworkId: 'rb', version: 2, contentHash: 'r2', sourceFormat: 'json', content: rollbackV2, changes: { added: ['r3'], removed: [], reworded: [{ id: 'r1', from: 'Writes tests first', to: 'writes tests first.', kind: 'case-or-punctuation' }], moved: [] }, warnings: [], importedAt: '2026-01-04T00:00:00.000Z' },
  },
  { type: 'FrameworkVersionPublished', data: { frameworkId: 'rb', version: 2, publishedAt: '2026-01-04T01:00:00.000Z' } },
  { type: 'FrameworkVersionPublished', data: { frameworkId: 'rb', version: 1, publishedAt: '2026-01-05T00:00:00.000Z' } },
];

/** The events every adapter is fed, and the answers every adapter must give. */
export const contractEvents: SkillsGraphEvent[] = [
  { type: 'FrameworkVersionImported', data: { frameworkId: 'fw', version: 1, contentHash: 'h1', sourceFormat: 'json', content, changes: { added: ['m5', 'm3'], removed: [], reworded: [], moved: [] }, warnings: [], importedAt: '2026-01-01T00:00:00.000Z' } },
  { type: 'FrameworkVersionPublished', data: { frameworkId: 'fw', version: 1, publishedAt: '2026-01-02T00:00:00.000Z' } },
  // A second framework: version 2 is published, then version 1 again, which makes it current again.
  ...rollbackFramework,
  { type: 'SkillRegistered', data: { skillId: 'go', name: 'Go', aliases: ['golang'] } },
  { type: 'SkillRegistered', data: { skillId: 'kafka', name: 'Kafka', aliases: [] } },
  { type: 'SkillAliasAdded', data: { skillId: 'kafka', alias: 'apache kafka' } },
  joined('e1', 'Ada', 'payments'),
  joined('e2', 'Bo', 'payments'),
  joined('e3', 'Cy', 'lending'),
  joined('e4', 'Di', 'lending'),
  joined('e5', 'Ed', 'platform'),
  ...evidence('ev1', 'e1', ['go']),
  ...evidence('ev2', 'e2', ['go', 'kafka']),
  ...evidence('ev3', 'e3', ['go']),
  level('e1', 'mastery', 'go', 5, ['ev1']),
  level('e1', 'mastery', null, 5, ['ev1']),
  level('e2', 'mastery', 'go', 5, ['ev2']),
  level('e2', 'mastery', 'kafka', 3, ['ev2']),
  level('e3', 'mastery', 'go', 6, ['ev3']),
  level('e4', 'mastery', 'go', 4, ['ev9']),
  level('e4', 'mastery', 'go', 0, [], 4), // e4's level went away again
  level('e5', 'impact', null, 2, ['ev5']),
  level('e4', 'mastery', 'kafka', 2, ['ev8'], 0, 'data-track'), // a second framework for e4
  level('e4', 'mastery', 'kafka', 2, ['ev8'], 0, 'fw'),
  level('e4', 'mastery', 'kafka', 0, [], 2, 'fw'), // dropping it in one framework keeps the other
  { type: 'EngineerMoved', data: { engineerId: 'e2', teamId: 'lending', teamName: 'LENDING', managerId: 'e3', title: 'Senior Engineer', movedOn: '2026-06-01' } },
  { type: 'EngineerLeft', data: { engineerId: 'e5', leftOn: '2026-07-01' } },
  { type: 'EvidenceEndorsed', data: { evidenceId: 'ev1', engineerId: 'e1', endorserId: 'e2', comment: null, endorsedAt: '2026-05-02T12:00:00.000Z' } },
  // Fay's levels over time, for "as of" questions; she has left since.
  joined('e6', 'Fay', 'platform'),
  { ...level('e6', 'mastery', 'go', 2, ['ev61']), data: { ...(level('e6', 'mastery', 'go', 2, ['ev61']).data as object), computedAt: '2026-01-10T09:00:00.000Z' } } as SkillsGraphEvent,
  { ...level('e6', 'mastery', null, 2, ['ev61']), data: { ...(level('e6', 'mastery', null, 2, ['ev61']).data as object), computedAt: '2026-01-10T09:00:00.000Z' } } as SkillsGraphEvent,
  { ...level('e6', 'mastery', 'go', 4, ['ev61', 'ev62'], 2), data: { ...(level('e6', 'mastery', 'go', 4, ['ev61', 'ev62'], 2).data as object), computedAt: '2026-06-01T09:00:00.000Z' } } as SkillsGraphEvent,
  { ...level('e6', 'mastery', 'go', 0, [], 4), data: { ...(level('e6', 'mastery', 'go', 0, [], 4).data as object), computedAt: '2026-09-01T09:00:00.000Z' } } as SkillsGraphEvent,
  { type: 'EngineerLeft', data: { engineerId: 'e6', leftOn: '2026-09-30' } },
  // A panel calibrates Cy twice on Mastery (the second, at the same instant, is the current one) and once on Impact.
  calibrated('e3', 'mastery', 5, 'Strong design record, but the migration is still in flight', ['e1', 'e2'], 'e1', '2026-10-01T10:00:00.000Z'),
  calibrated('e3', 'impact', 3, 'Led the lending rewrite', ['e1'], 'e2', '2026-10-01T10:00:00.000Z'),
  calibrated('e3', 'mastery', 6, 'Migration landed; the panel agrees with the evidence', ['e1', 'e2', 'e4'], 'e4', '2026-10-01T10:00:00.000Z'),
  // Cy corrects approved evidence: it goes back to review, without its endorsements and earlier review.
  { type: 'EvidenceEndorsed', data: { evidenceId: 'ev3', engineerId: 'e3', endorserId: 'e4', comment: null, endorsedAt: '2026-10-02T00:00:00.000Z' } },
  { type: 'EvidenceAmended', data: { evidenceId: 'ev3', engineerId: 'e3', changes: { title: 'Design ev3, corrected', date: '2026-04-30', skillIds: ['go', 'kafka'], behaviourIds: ['m3', 'm5'], url: 'https://git.example.test/ev3' }, amendedBy: 'e3', amendedAt: '2026-10-03T00:00:00.000Z' } },
];

const names = (page: { items: { name: string }[] }) => page.items.map((e) => e.name);

/** createFixture gets the clock the read model must read "today" from (effective dates); the suite moves it. */
export function describeReadModelContract(adapterName: string, createFixture: (clock: ReadClock) => Promise<ReadModelFixture>): void {
  describe(`read-model contract: ${adapterName}`, () => {
    let fixture: ReadModelFixture;
    let graph: SkillsGraphReadModel;
    const clock = new SettableReadClock('2026-11-01T12:00:00.000Z');

    beforeAll(async () => {
      fixture = await createFixture(clock);
      graph = fixture.readModel;
      const events = recordedEvents(contractEvents).map((recorded, i) => {
        const actor = calibrators.get(contractEvents[i]!);
        return actor ? { ...recorded, metadata: { ...recorded.metadata, actor } } : recorded;
      });
      await graph.applyEvents(events.slice(0, 10));
      await graph.applyEvents(events); // overlapping replay: already-applied events are skipped
    }, 180_000);
    afterAll(async () => fixture?.dispose(), 60_000);

    it('records the position of the last applied event', async () => {
      expect(await graph.checkpoint()).toBe(BigInt(contractEvents.length));
    });

    it('answers "who is L5 on Mastery in Go" exactly, and with levelAtLeast', async () => {
      expect(names(await graph.findEngineers({ competencyId: 'mastery', skillId: 'go', level: 5 }, { first: 10 }))).toEqual(['Ada', 'Bo']);
      expect(names(await graph.findEngineers({ competencyId: 'mastery', skillId: 'go', levelAtLeast: 5 }, { first: 10 }))).toEqual(['Ada', 'Bo', 'Cy']);
    });

    it('forgets a level that dropped to 0', async () => {
      expect(names(await graph.findEngineers({ competencyId: 'mastery', skillId: 'go', levelAtLeast: 1 }, { first: 10 }))).not.toContain('Di');
    });

    it('filters by team, using the team after a move', async () => {
      expect(names(await graph.findEngineers({ teamId: 'lending' }, { first: 10 }))).toEqual(['Bo', 'Cy', 'Di']);
      expect(names(await graph.findEngineers({ competencyId: 'mastery', skillId: 'go', level: 5, teamId: 'payments' }, { first: 10 }))).toEqual(['Ada']);
    });

    it('filters by skill alone: anyone with a level within the skill', async () => {
      expect(names(await graph.findEngineers({ skillId: 'kafka' }, { first: 10 }))).toEqual(['Bo', 'Di']);
    });

    it('keeps levels per framework, and can filter by framework', async () => {
      expect(names(await graph.findEngineers({ competencyId: 'mastery', skillId: 'kafka', levelAtLeast: 2 }, { first: 10 }))).toEqual(['Bo', 'Di']);
      expect(names(await graph.findEngineers({ competencyId: 'mastery', skillId: 'kafka', levelAtLeast: 2, frameworkId: 'fw' }, { first: 10 }))).toEqual(['Bo']);
      expect(names(await graph.findEngineers({ skillId: 'kafka', frameworkId: 'data-track' }, { first: 10 }))).toEqual(['Di']);
      const [levels] = await graph.levelsOfEngineers(['e4']);
      expect(levels!.map((l) => [l.frameworkId, l.competencyId, l.skillId, l.level])).toEqual([['data-track', 'mastery', 'kafka', 2]]);
    });

    it('leaves leavers out unless asked', async () => {
      expect(names(await graph.findEngineers({ competencyId: 'impact', levelAtLeast: 1 }, { first: 10 }))).toEqual([]);
      expect(names(await graph.findEngineers({ competencyId: 'impact', levelAtLeast: 1, includeLeavers: true }, { first: 10 }))).toEqual(['Ed']);
    });

    it('limits a search to one engineer and everyone below them in the reporting line (Bo reports to Cy)', async () => {
      expect(names(await graph.findEngineers({ competencyId: 'mastery', skillId: 'go', levelAtLeast: 1, withinLineOf: 'e3' }, { first: 10 }))).toEqual(['Bo', 'Cy']);
      expect(names(await graph.findEngineers({ withinLineOf: 'e1' }, { first: 10 }))).toEqual(['Ada']);
      expect((await graph.findEngineers({ withinLineOf: 'nobody' }, { first: 10 })).totalCount).toBe(0);
    });

    it('keeps the leaving date of a leaver', async () => {
      const [ed, ada] = await graph.engineersByIds(['e5', 'e1']);
      expect(ed).toMatchObject({ status: 'left', leftOn: '2026-07-01' });
      expect(ada?.leftOn ?? null).toBeNull();
    });

    it('pages with cursors, in name order, with a total count', async () => {
      const first = await graph.findEngineers({}, { first: 2 });
      expect(names(first)).toEqual(['Ada', 'Bo']);
      expect(first).toMatchObject({ totalCount: 4, hasNextPage: true });
      const second = await graph.findEngineers({}, { first: 2, after: first.endCursor! });
      expect(names(second)).toEqual(['Cy', 'Di']);
      expect(second.hasNextPage).toBe(false);
    });

    it('refuses a malformed query with the field at fault', async () => {
      await expect(graph.findEngineers({ level: 5 }, { first: 10 })).rejects.toMatchObject({ field: 'filter.competency' });
      await expect(graph.findEngineers({}, { first: 0 })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(graph.findEngineers({}, { first: 5, after: 'garbage' })).rejects.toMatchObject({ field: 'after' });
    });

    it("gives an engineer's profile: levels with provenance, evidence with status and endorsements", async () => {
      const [bo] = await graph.engineersByIds(['e2']);
      expect(bo).toMatchObject({ name: 'Bo', teamId: 'lending', managerId: 'e3', title: 'Senior Engineer', status: 'active' });
      const [levels] = await graph.levelsOfEngineers(['e2']);
      expect(levels!.map((l) => [l.competencyId, l.skillId, l.level, l.evidenceIds])).toEqual([
        ['mastery', 'go', 5, ['ev2']],
        ['mastery', 'kafka', 3, ['ev2']],
      ]);
      const [adaEvidence] = await graph.evidenceOfEngineers(['e1']);
      expect(adaEvidence!.map((e) => [e.id, e.status, e.endorserIds, e.reviewerId])).toEqual([['ev1', 'approved', ['e2'], 'boss']]);
      expect(await graph.engineersByIds(['nobody'])).toEqual([null]);
    });

    it('keeps every calibration with its rationale, panel and who recorded it, in the order recorded', async () => {
      const [cy, ada] = await graph.calibrationsOfEngineers(['e3', 'e1']);
      expect(cy).toEqual([
        { engineerId: 'e3', competencyId: 'mastery', level: 5, rationale: 'Strong design record, but the migration is still in flight', panel: ['e1', 'e2'], calibratedBy: 'e1', calibratedAt: '2026-10-01T10:00:00.000Z' },
        { engineerId: 'e3', competencyId: 'impact', level: 3, rationale: 'Led the lending rewrite', panel: ['e1'], calibratedBy: 'e2', calibratedAt: '2026-10-01T10:00:00.000Z' },
        { engineerId: 'e3', competencyId: 'mastery', level: 6, rationale: 'Migration landed; the panel agrees with the evidence', panel: ['e1', 'e2', 'e4'], calibratedBy: 'e4', calibratedAt: '2026-10-01T10:00:00.000Z' },
      ]);
      expect(ada).toEqual([]);
      // The demonstrated level stays as the evidence says, beside the calibration.
      expect((await graph.levelsOfEngineers(['e3']))[0]!.map((l) => [l.competencyId, l.skillId, l.level])).toEqual([['mastery', 'go', 6]]);
    });

    it('sends amended approved evidence back to review with its new details', async () => {
      const [ev3] = await graph.evidenceByIds(['ev3']);
      expect(ev3).toMatchObject({
        id: 'ev3',
        title: 'Design ev3, corrected',
        date: '2026-04-30',
        url: 'https://git.example.test/ev3',
        projectId: 'ledger',
        skillIds: ['go', 'kafka'],
        behaviourIds: ['m3', 'm5'],
        status: 'submitted',
        endorserIds: [],
        reviewerId: null,
        rejectionReason: null,
      });
      expect((await graph.evidenceOfEngineers(['e3']))[0]).toEqual([ev3]);
    });

    it('gives levels as they stood at a past instant', async () => {
      const at = async (asOf: string) => (await graph.levelsOfEngineers(['e6'], asOf))[0]!.map((l) => `${l.skillId ?? '*'}=${l.level}`);
      expect(await at('2025-12-31T23:59:59.999Z')).toEqual([]);
      expect(await at('2026-03-01T00:00:00.000Z')).toEqual(['*=2', 'go=2']);
      expect(await at('2026-06-01T09:00:00.000Z')).toEqual(['*=2', 'go=4']);
      expect(await at('2026-10-01T00:00:00.000Z')).toEqual(['*=2']);
      expect((await graph.levelsOfEngineers(['e6']))[0]!.map((l) => `${l.skillId ?? '*'}=${l.level}`)).toEqual(['*=2']);
    });

    it('resolves skills by id, name or alias, case-insensitively', async () => {
      expect((await graph.resolveSkill('GoLang'))?.id).toBe('go');
      expect((await graph.resolveSkill('Apache Kafka'))?.id).toBe('kafka');
      expect(await graph.resolveSkill('cobol')).toBeNull();
      expect((await graph.skills()).map((s) => s.name)).toEqual(['Go', 'Kafka']);
    });

    it('serves frameworks, versions and behaviours', async () => {
      expect(await graph.frameworks()).toEqual([
        { frameworkId: 'fw', name: 'Contract framework', latestVersion: 1, publishedVersion: 1 },
        { frameworkId: 'rb', name: 'Rollback framework', latestVersion: 2, publishedVersion: 1 },
      ]);
      const version = await graph.frameworkVersion('fw');
      expect(version).toMatchObject({ version: 1, published: true, current: true, name: 'Contract framework' });
      expect(version!.behaviours.map((b) => b.id).sort()).toEqual(['m3', 'm5']);
      expect((await graph.behavioursByIds(['m3', 'x'])).map((b) => b?.text ?? null)).toEqual(['Designs services end to end', null]);
      expect(await graph.frameworkVersion('fw', 2)).toBeNull();
    });

    it('makes an older version current again when it is published again: exactly one version is current', async () => {
      const current = await graph.frameworkVersion('rb');
      expect(current).toMatchObject({ version: 1, published: true, current: true });
      expect(current!.behaviours.map((b) => [b.id, b.text, b.current])).toEqual([
        ['r1', 'Writes tests first', true],
        ['r2', 'Designs schemas', true],
      ]);
      const newer = await graph.frameworkVersion('rb', 2);
      expect(newer).toMatchObject({ version: 2, published: true, current: false });
      expect(newer!.changes.reworded).toEqual([{ id: 'r1', from: 'Writes tests first', to: 'writes tests first.', kind: 'case-or-punctuation' }]);
      // r3 exists only in version 2, which is no longer current.
      expect((await graph.behavioursByIds(['r3', 'r2'])).map((b) => [b?.id, b?.current])).toEqual([
        ['r3', false],
        ['r2', true],
      ]);
    });

    it('lists the competencies of every framework', async () => {
      expect(await graph.competencies()).toEqual([
        { id: 'impact', name: 'Impact', description: null },
        { id: 'mastery', name: 'Mastery', description: null },
      ]);
    });

    it('lists teams with their current member counts', async () => {
      expect((await graph.teams()).map((t) => [t.id, t.name, t.memberCount])).toEqual([
        ['lending', 'LENDING', 3],
        ['payments', 'PAYMENTS', 1],
        ['platform', 'PLATFORM', 0],
      ]);
    });

    // Runs last: it appends events of its own.
    it("drops an erased engineer's personal fields at once, and keeps their levels, evidence ids and the counts", async () => {
      const whoIsL5 = async () => (await graph.findEngineers({ competencyId: 'mastery', skillId: 'go', level: 5 }, { first: 50 })).totalCount;
      const l5Before = await whoIsL5();
      const gil: SkillsGraphEvent[] = [
        joined('e7', 'Gil', 'payments'),
        ...evidence('ev71', 'e7', ['go']),
        { type: 'EvidenceSubmitted', data: { evidenceId: 'ev72', engineerId: 'e7', kind: 'rfc', title: 'Gil on-call notes', url: 'https://wiki.example.test/gil', date: '2026-05-05', projectId: null, skillIds: ['go'], behaviourIds: ['m3'], frameworkId: 'fw', submittedBy: 'e7', submittedAt: '2026-05-05T00:00:00.000Z' } },
        { type: 'EvidenceRejected', data: { evidenceId: 'ev72', engineerId: 'e7', reviewerId: 'boss', reason: 'Gil was on leave that week', rejectedAt: '2026-05-06T00:00:00.000Z' } },
        level('e7', 'mastery', 'go', 5, ['ev71']),
        calibrated('e7', 'mastery', 5, 'Gil carried the ledger migration', ['e1'], 'e1', '2026-10-04T00:00:00.000Z'),
      ];
      await graph.applyEvents(recordedEvents(gil, await graph.checkpoint()));
      expect(await whoIsL5()).toBe(l5Before + 1);
      expect((await graph.engineersByIds(['e7']))[0]).toMatchObject({ name: 'Gil', email: 'e7@example.test', erased: false });

      await graph.applyEvents(recordedEvents([{ type: 'EngineerErased', data: { engineerId: 'e7', erasedAt: '2026-11-02T00:00:00.000Z' } }], await graph.checkpoint()));

      const [erased, ada] = await graph.engineersByIds(['e7', 'e1']);
      expect(erased).toMatchObject({ id: 'e7', name: 'Erased engineer', email: null, erased: true, teamId: 'payments', status: 'active' });
      expect(ada).toMatchObject({ name: 'Ada', email: 'e1@example.test', erased: false });
      const [evidenceOfGil] = await graph.evidenceOfEngineers(['e7']);
      expect(evidenceOfGil!.map((e) => [e.id, e.title, e.url, e.status, e.rejectionReason, e.skillIds])).toEqual([
        ['ev72', '[erased]', null, 'rejected', '[erased]', ['go']],
        ['ev71', '[erased]', null, 'approved', null, ['go']],
      ]);
      expect((await graph.calibrationsOfEngineers(['e7']))[0]!.map((c) => [c.level, c.rationale, c.panel])).toEqual([[5, '[erased]', ['e1']]]);
      expect((await graph.levelsOfEngineers(['e7']))[0]!.map((l) => [l.competencyId, l.skillId, l.level, l.evidenceIds])).toEqual([['mastery', 'go', 5, ['ev71']]]);
      expect(await whoIsL5()).toBe(l5Before + 1);
      expect((await graph.evidenceByIds(['ev1']))[0]).toMatchObject({ title: 'Design ev1' });
    });

    describe("directors' level aggregates: levelDistribution, skillCoverage, progression", () => {
      // A small organisation of its own (competency `craft`, skills Rust and Elixir, teams dx-core and dx-edge):
      // Hana leads; Ivo and Jo report to her, Kim to Jo; Lu joins in March and leaves at the end of August.
      const person = (engineerId: string, name: string, teamId: string, managerId: string | null, joinedOn = '2025-06-01'): SkillsGraphEvent => ({
        type: 'EngineerJoined',
        data: { engineerId, name, email: `${engineerId}@example.test`, title: 'Engineer', teamId, teamName: teamId.toUpperCase(), managerId, joinedOn },
      });
      const craft = (engineerId: string, skillId: string | null, lvl: number, computedAt: string, frameworkId = 'fw', competencyId = 'craft'): SkillsGraphEvent => ({
        type: 'DemonstratedLevelRecorded',
        data: { engineerId, competencyId, skillId, level: lvl, previousLevel: 0, evidenceIds: lvl > 0 ? [`${engineerId}-ev`] : [], frameworkId, frameworkVersion: 1, computedAt },
      });
      const organisation: SkillsGraphEvent[] = [
        { type: 'SkillRegistered', data: { skillId: 'dx-rust', name: 'Rust', aliases: [] } },
        { type: 'SkillRegistered', data: { skillId: 'dx-elixir', name: 'Elixir', aliases: [] } },
        person('x1', 'Hana', 'dx-core', null),
        person('x2', 'Ivo', 'dx-core', 'x1'),
        person('x3', 'Jo', 'dx-edge', 'x1'),
        person('x4', 'Kim', 'dx-edge', 'x3'),
        person('x5', 'Lu', 'dx-edge', null, '2026-03-01'),
        craft('x1', 'dx-rust', 5, '2026-01-15T10:00:00.000Z'),
        craft('x1', null, 4, '2026-01-15T10:00:00.000Z'),
        craft('x2', 'dx-rust', 2, '2026-01-20T10:00:00.000Z'),
        craft('x2', null, 3, '2026-01-20T10:00:00.000Z'),
        craft('x2', 'dx-elixir', 3, '2026-02-01T10:00:00.000Z'),
        craft('x3', 'dx-rust', 3, '2026-02-01T10:00:00.000Z'),
        craft('x3', 'dx-elixir', 2, '2026-02-01T10:00:00.000Z', 'fw', 'other'),
        craft('x4', 'dx-rust', 2, '2026-02-10T10:00:00.000Z'),
        craft('x5', 'dx-rust', 4, '2026-03-05T10:00:00.000Z'),
        craft('x2', 'dx-rust', 3, '2026-04-10T10:00:00.000Z'),
        craft('x3', 'dx-rust', 4, '2026-05-01T10:00:00.000Z', 'fw2'), // a second framework: the highest level counts
        craft('x4', 'dx-rust', 0, '2026-06-15T10:00:00.000Z'), // Kim's level went away
        { type: 'EngineerLeft', data: { engineerId: 'x5', leftOn: '2026-08-31' } },
      ];
      const endOfMarch = '2026-03-31T23:59:59.999Z';
      const counts = (c: { level: number; count: number }[]) => c.map((x) => `L${x.level}×${x.count}`).join(' ');

      beforeAll(async () => {
        await graph.applyEvents(recordedEvents(organisation, await graph.checkpoint()));
      }, 60_000);

      it('counts engineers per level with the median: overall, per team and per manager, leavers left out', async () => {
        const none = await graph.levelDistribution({ competencyId: 'craft', skillId: 'dx-rust', groupBy: 'NONE' });
        expect(none.groups).toEqual([{ groupId: null, counts: [{ level: 3, count: 1 }, { level: 4, count: 1 }, { level: 5, count: 1 }], total: 3, median: 4 }]);
        const teams = await graph.levelDistribution({ competencyId: 'craft', skillId: 'dx-rust', groupBy: 'TEAM' });
        expect(teams.groups.map((g) => [g.groupId, counts(g.counts), g.total, g.median])).toEqual([
          ['dx-core', 'L3×1 L5×1', 2, 4],
          ['dx-edge', 'L4×1', 1, 4],
        ]);
        const managers = await graph.levelDistribution({ competencyId: 'craft', skillId: 'dx-rust', groupBy: 'MANAGER' });
        expect(managers.groups.map((g) => [g.groupId, counts(g.counts), g.median])).toEqual([
          [null, 'L5×1', 5],
          ['x1', 'L3×1 L4×1', 3.5],
        ]);
        const overall = await graph.levelDistribution({ competencyId: 'craft', groupBy: 'NONE' });
        expect(overall.groups.map((g) => [counts(g.counts), g.median])).toEqual([['L3×1 L4×1', 3.5]]);
      });

      it('narrows a distribution to a framework, a team or a reporting line, and answers an empty one', async () => {
        expect((await graph.levelDistribution({ competencyId: 'craft', skillId: 'dx-rust', groupBy: 'NONE', frameworkId: 'fw' })).groups[0]).toMatchObject({ total: 3, median: 3 });
        expect((await graph.levelDistribution({ competencyId: 'craft', skillId: 'dx-rust', groupBy: 'TEAM', teamId: 'dx-core' })).groups.map((g) => g.groupId)).toEqual(['dx-core']);
        expect((await graph.levelDistribution({ competencyId: 'craft', skillId: 'dx-rust', groupBy: 'NONE', withinLineOf: 'x3' })).groups).toEqual([{ groupId: null, counts: [{ level: 4, count: 1 }], total: 1, median: 4 }]);
        expect((await graph.levelDistribution({ competencyId: 'craft', skillId: 'cobol', groupBy: 'NONE' })).groups).toEqual([{ groupId: null, counts: [], total: 0, median: null }]);
        expect((await graph.levelDistribution({ competencyId: 'craft', skillId: 'cobol', groupBy: 'TEAM' })).groups).toEqual([]);
      });

      it('gives a distribution as it stood at a past instant, with those who were there then', async () => {
        const then = await graph.levelDistribution({ competencyId: 'craft', skillId: 'dx-rust', groupBy: 'NONE', asOf: endOfMarch });
        expect(then.groups.map((g) => [counts(g.counts), g.total, g.median])).toEqual([['L2×2 L3×1 L4×1 L5×1', 5, 3]]);
        const teamsThen = await graph.levelDistribution({ competencyId: 'craft', skillId: 'dx-rust', groupBy: 'TEAM', asOf: endOfMarch });
        expect(teamsThen.groups.map((g) => [g.groupId, counts(g.counts)])).toEqual([
          ['dx-core', 'L2×1 L5×1'],
          ['dx-edge', 'L2×1 L3×1 L4×1'],
        ]);
        const beforeAnyone = await graph.levelDistribution({ competencyId: 'craft', skillId: 'dx-rust', groupBy: 'NONE', asOf: '2025-12-31T00:00:00.000Z' });
        expect(beforeAnyone.groups[0]).toMatchObject({ total: 0, median: null });
      });

      it('finds skills held by fewer than two people, across the organisation and per team', async () => {
        const coverage = await graph.skillCoverage({ minLevel: 3, competencyId: 'craft' });
        expect(coverage.minLevel).toBe(3);
        const mine = coverage.organisation.filter((e) => e.skillId.startsWith('dx-'));
        expect(mine).toEqual([
          { skillId: 'dx-elixir', teamId: null, holders: 1, soleHolderId: 'x2', atRisk: true },
          { skillId: 'dx-rust', teamId: null, holders: 3, soleHolderId: null, atRisk: false },
        ]);
        expect(coverage.organisation.find((e) => e.skillId === 'go')).toEqual({ skillId: 'go', teamId: null, holders: 0, soleHolderId: null, atRisk: true });
        expect(coverage.teams).toEqual([
          { skillId: 'dx-elixir', teamId: 'dx-core', holders: 1, soleHolderId: 'x2', atRisk: true },
          { skillId: 'dx-rust', teamId: 'dx-core', holders: 2, soleHolderId: null, atRisk: false },
          { skillId: 'dx-rust', teamId: 'dx-edge', holders: 1, soleHolderId: 'x3', atRisk: true },
        ]);
      });

      it('counts any competency within a skill unless one is given, narrowed to a team or line, and as of a past instant', async () => {
        const edge = await graph.skillCoverage({ minLevel: 2, teamId: 'dx-edge' });
        expect(edge.teams.map((e) => [e.teamId, e.skillId, e.holders, e.soleHolderId])).toEqual([
          ['dx-edge', 'dx-elixir', 1, 'x3'],
          ['dx-edge', 'dx-rust', 1, 'x3'],
        ]);
        const line = await graph.skillCoverage({ minLevel: 1, competencyId: 'craft', withinLineOf: 'x1' });
        expect(line.organisation.filter((e) => e.skillId.startsWith('dx-')).map((e) => [e.skillId, e.holders])).toEqual([
          ['dx-elixir', 1],
          ['dx-rust', 3],
        ]);
        const then = await graph.skillCoverage({ minLevel: 3, competencyId: 'craft', asOf: endOfMarch });
        expect(then.teams.map((e) => [e.teamId, e.skillId, e.holders, e.atRisk])).toEqual([
          ['dx-core', 'dx-elixir', 1, true],
          ['dx-core', 'dx-rust', 1, true],
          ['dx-edge', 'dx-rust', 2, false],
        ]);
      });

      it('gives level counts at the end of each month or quarter, from the level history', async () => {
        const monthly = await graph.progression({ competencyId: 'craft', skillId: 'dx-rust', from: '2026-01-10', to: '2026-07-15', interval: 'MONTH' });
        expect(monthly.points.map((p) => [p.periodStart, p.asOf, counts(p.counts), p.total, p.median])).toEqual([
          ['2026-01-01', '2026-01-31T23:59:59.999Z', 'L2×1 L5×1', 2, 3.5],
          ['2026-02-01', '2026-02-28T23:59:59.999Z', 'L2×2 L3×1 L5×1', 4, 2.5],
          ['2026-03-01', '2026-03-31T23:59:59.999Z', 'L2×2 L3×1 L4×1 L5×1', 5, 3],
          ['2026-04-01', '2026-04-30T23:59:59.999Z', 'L2×1 L3×2 L4×1 L5×1', 5, 3],
          ['2026-05-01', '2026-05-31T23:59:59.999Z', 'L2×1 L3×1 L4×2 L5×1', 5, 4],
          ['2026-06-01', '2026-06-30T23:59:59.999Z', 'L3×1 L4×2 L5×1', 4, 4],
          ['2026-07-01', '2026-07-31T23:59:59.999Z', 'L3×1 L4×2 L5×1', 4, 4],
        ]);
        const quarterly = await graph.progression({ competencyId: 'craft', skillId: 'dx-rust', from: '2026-02-14', to: '2026-09-30', interval: 'QUARTER', teamId: 'dx-edge' });
        expect(quarterly.points.map((p) => [p.periodStart, p.asOf, counts(p.counts)])).toEqual([
          ['2026-01-01', '2026-03-31T23:59:59.999Z', 'L2×1 L3×1 L4×1'],
          ['2026-04-01', '2026-06-30T23:59:59.999Z', 'L4×2'],
          ['2026-07-01', '2026-09-30T23:59:59.999Z', 'L4×1'],
        ]);
      });

      it('refuses an unbounded or malformed aggregate with the field at fault', async () => {
        const refusal = async (run: () => Promise<unknown>) => {
          const error = await run().then(() => null, (e: unknown) => e);
          expect(error).toBeInstanceOf(InvalidQueryError);
          return (error as InvalidQueryError).field;
        };
        expect(await refusal(() => graph.progression({ competencyId: 'craft', from: '2021-01-01', to: '2026-01-01', interval: 'MONTH' }))).toBe('to');
        expect(await refusal(() => graph.progression({ competencyId: 'craft', from: '2026-05-01', to: '2026-01-01', interval: 'MONTH' }))).toBe('from');
        expect(await refusal(() => graph.progression({ competencyId: 'craft', from: '2026-02-30', to: '2026-03-01', interval: 'MONTH' }))).toBe('from');
        expect(await refusal(() => graph.skillCoverage({ minLevel: 0 }))).toBe('minLevel');
        expect(await refusal(() => graph.levelDistribution({ competencyId: '', groupBy: 'NONE' }))).toBe('competency');
        expect((await graph.progression({ competencyId: 'craft', from: '2021-01-01', to: '2035-12-31', interval: 'QUARTER' })).points).toHaveLength(60);
      });
    });

    describeStaffingAndAsOf(() => graph);

    describe('gapToNextLevel, promotionReadiness and the evidence-source mix (directors)', () => {
      const gapFramework: FrameworkContent = {
        name: 'Gap framework',
        levels: [1, 2, 3].map((l) => ({ level: l })),
        competencies: [
          { id: 'delivery', name: 'Delivery' },
          { id: 'care', name: 'Care' },
        ],
        behaviours: [
          ...['d1a', 'd1b'].map((id) => ({ id, level: 1, competencyId: 'delivery', text: id, notes: [], examples: [] })),
          ...['d2a', 'd2b', 'd2c', 'd2d'].map((id) => ({ id, level: 2, competencyId: 'delivery', text: id, notes: [], examples: [] })),
          ...['d3a', 'd3b'].map((id) => ({ id, level: 3, competencyId: 'delivery', text: id, notes: [], examples: [] })),
          { id: 'c2a', level: 2, competencyId: 'care', text: 'c2a', notes: [], examples: [] },
        ],
        policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: 365 },
      };
      const at = '2026-11-01T00:00:00.000Z';
      const member = (engineerId: string, name: string, managerId: string | null): SkillsGraphEvent => ({
        type: 'EngineerJoined',
        data: { engineerId, name, email: `${engineerId}@example.test`, title: 'Engineer', teamId: 'gap-team', teamName: 'GAP', managerId, joinedOn: '2025-01-01' },
      });
      const proof = (evidenceId: string, engineerId: string, behaviourIds: string[], options: { skillIds?: string[]; url?: string; date?: string; approved?: boolean } = {}): SkillsGraphEvent[] => [
        {
          type: 'EvidenceSubmitted',
          data: { evidenceId, engineerId, kind: 'pull-request', title: evidenceId, url: options.url ?? null, date: options.date ?? '2026-06-01', projectId: null, skillIds: options.skillIds ?? ['go'], behaviourIds, frameworkId: 'gapfw', submittedBy: engineerId, submittedAt: '2026-06-02T00:00:00.000Z' },
        },
        ...(options.approved === false ? [] : [{ type: 'EvidenceApproved', data: { evidenceId, engineerId, approverId: 'boss', approvedAt: '2026-06-03T00:00:00.000Z' } } as SkillsGraphEvent]),
      ];
      const gapEvents: SkillsGraphEvent[] = [
        { type: 'FrameworkVersionImported', data: { frameworkId: 'gapfw', version: 1, contentHash: 'g1', sourceFormat: 'json', content: gapFramework, changes: { added: gapFramework.behaviours.map((b) => b.id), removed: [], reworded: [], moved: [] }, warnings: [], importedAt: '2026-01-01T00:00:00.000Z' } },
        { type: 'FrameworkVersionPublished', data: { frameworkId: 'gapfw', version: 1, publishedAt: '2026-01-02T00:00:00.000Z' } },
        member('gp1', 'Gap Ann', null),
        member('gp2', 'Gap Ben', 'gp1'),
        member('gp3', 'Gap Cat', 'gp2'),
        member('gp4', 'Gap Dan', null),
        member('gp5', 'Gap Eve', 'gp1'),
        ...proof('g21', 'gp2', ['d1a'], { url: 'https://git.example.test/pr/21' }),
        ...proof('g22', 'gp2', ['d1b', 'd2a']),
        { type: 'EvidenceEndorsed', data: { evidenceId: 'g22', engineerId: 'gp2', endorserId: 'gp1', comment: null, endorsedAt: '2026-06-04T00:00:00.000Z' } },
        ...proof('g23', 'gp2', ['d2b'], { skillIds: ['kafka'] }),
        ...proof('g31', 'gp3', ['d1a']),
        ...proof('g32', 'gp3', ['d2a', 'd2b'], { date: '2024-01-01' }), // out of the 365-day window
        ...proof('g33', 'gp3', ['d2c', 'd2d'], { approved: false }), // still in review
        ...proof('g41', 'gp4', ['d1a']),
        calibrated('gp2', 'delivery', 3, 'First look', ['gp1'], 'gp1', '2026-09-01T00:00:00.000Z'),
        calibrated('gp2', 'delivery', 1, 'Corrected', ['gp1'], 'gp1', '2026-09-02T00:00:00.000Z'),
        calibrated('gp4', 'delivery', 3, 'Strong', ['gp1'], 'gp1', '2026-09-02T00:00:00.000Z'),
        { type: 'EngineerLeft', data: { engineerId: 'gp5', leftOn: '2026-08-01' } },
      ];
      const readiness = async (filter: Omit<PromotionReadinessFilter, 'at' | 'frameworkId'>) =>
        (await graph.promotionReadiness({ frameworkId: 'gapfw', at, ...filter })).map((c) => [c.engineerId, c.competencyId, c.demonstratedLevel, c.calibratedLevel, c.reasons]);

      beforeAll(async () => {
        await graph.applyEvents(recordedEvents(gapEvents, await graph.checkpoint()));
      }, 60_000);

      it('names the behaviours still missing at the next level, what already counts, and the policy', async () => {
        expect(await graph.gapToNextLevel({ engineerId: 'gp2', frameworkId: 'gapfw', competencyId: 'delivery', skillId: null, at })).toEqual({
          engineerId: 'gp2',
          frameworkId: 'gapfw',
          frameworkVersion: 1,
          competencyId: 'delivery',
          skillId: null,
          level: 2,
          evidenceIds: ['g21', 'g22', 'g23'],
          nextLevel: 3,
          policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: 365 },
          behaviours: [
            { behaviourId: 'd3a', evidenceIds: [] },
            { behaviourId: 'd3b', evidenceIds: [] },
          ],
          missingBehaviourIds: ['d3a', 'd3b'],
          behavioursRequired: 1,
          behavioursCovered: 0,
          behavioursStillNeeded: 1,
          evidenceCounted: 0,
          evidenceRequired: 1,
          evidenceStillNeeded: 1,
          oneBehaviourAway: true,
        });
      }, 30_000);

      it('judges the gap within a skill, leaves out evidence out of the window or not approved, and is null for the unknown', async () => {
        expect(await graph.gapToNextLevel({ engineerId: 'gp2', frameworkId: 'gapfw', competencyId: 'delivery', skillId: 'go', at })).toMatchObject({
          level: 1,
          nextLevel: 2,
          behaviours: [
            { behaviourId: 'd2a', evidenceIds: ['g22'] },
            { behaviourId: 'd2b', evidenceIds: [] },
            { behaviourId: 'd2c', evidenceIds: [] },
            { behaviourId: 'd2d', evidenceIds: [] },
          ],
          behavioursRequired: 2,
          behavioursStillNeeded: 1,
        });
        expect(await graph.gapToNextLevel({ engineerId: 'gp3', frameworkId: 'gapfw', competencyId: 'delivery', skillId: null, at })).toMatchObject({
          level: 1,
          evidenceIds: ['g31'],
          nextLevel: 2,
          missingBehaviourIds: ['d2a', 'd2b', 'd2c', 'd2d'],
          behavioursStillNeeded: 2,
          oneBehaviourAway: false,
        });
        // A year earlier g32 still counted (and g31, dated later, did not yet).
        expect(await graph.gapToNextLevel({ engineerId: 'gp3', frameworkId: 'gapfw', competencyId: 'delivery', skillId: null, at: '2024-06-01T00:00:00.000Z' })).toMatchObject({ level: 0, nextLevel: 1, missingBehaviourIds: ['d1a', 'd1b'] });
        expect(await graph.gapToNextLevel({ engineerId: 'nobody', frameworkId: 'gapfw', competencyId: 'delivery', skillId: null, at })).toBeNull();
        expect(await graph.gapToNextLevel({ engineerId: 'gp2', frameworkId: 'no-such-framework', competencyId: 'delivery', skillId: null, at })).toBeNull();
      }, 30_000);

      it('lists who demonstrates more than their calibration or is one behaviour from the next level, by team, line and competency', async () => {
        expect(await readiness({ teamId: 'gap-team', competencyId: 'delivery' })).toEqual([
          ['gp1', 'delivery', 0, null, ['one-behaviour-away']],
          ['gp2', 'delivery', 2, 1, ['above-calibration', 'one-behaviour-away']],
        ]);
        expect(await readiness({ withinLineOf: 'gp2' })).toEqual([
          ['gp2', 'care', 0, null, ['one-behaviour-away']],
          ['gp2', 'delivery', 2, 1, ['above-calibration', 'one-behaviour-away']],
          ['gp3', 'care', 0, null, ['one-behaviour-away']],
        ]);
        expect(await readiness({ teamId: 'gap-team', withinLineOf: 'gp1', competencyId: 'delivery' })).toEqual([
          ['gp1', 'delivery', 0, null, ['one-behaviour-away']],
          ['gp2', 'delivery', 2, 1, ['above-calibration', 'one-behaviour-away']],
        ]);
        const [candidate] = await graph.promotionReadiness({ frameworkId: 'gapfw', at, withinLineOf: 'gp2', competencyId: 'delivery' });
        expect(candidate!.gap).toMatchObject({ engineerId: 'gp2', level: 2, evidenceIds: ['g21', 'g22', 'g23'], nextLevel: 3 });
        expect(await graph.promotionReadiness({ frameworkId: 'no-such-framework', at })).toEqual([]);
      }, 30_000);

      it("gives what a level claim stands on: its proofs' URLs and endorsements as both graphs hold them", async () => {
        const gap = await graph.gapToNextLevel({ engineerId: 'gp2', frameworkId: 'gapfw', competencyId: 'delivery', skillId: null, at });
        const proofs = (await graph.evidenceByIds(gap!.evidenceIds)).filter((e) => e !== null);
        expect(evidenceSources(proofs)).toEqual({ selfReported: 1, withArtefact: 1, peerEndorsed: 1, total: 3 });
        const [ada] = await graph.levelsOfEngineers(['e1']);
        const adaProofs = (await graph.evidenceByIds(ada![0]!.evidenceIds)).filter((e) => e !== null);
        expect(evidenceSources(adaProofs)).toEqual({ selfReported: 0, withArtefact: 0, peerEndorsed: 1, total: 1 });
      }, 30_000);
    });

    describeLevelGapsAsOf(() => graph);
    describeLevelTally(() => graph);
    describeEffectiveDates(() => graph, clock);
  });
}
