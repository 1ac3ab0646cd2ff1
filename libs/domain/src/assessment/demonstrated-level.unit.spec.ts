import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { BehaviourDefinition, FrameworkContent } from '../framework/framework-content.js';
import { demonstratedLevel, demonstratedLevels, type ApprovedEvidence } from './demonstrated-level.js';

const behaviour = (id: string, level: number, competencyId = 'mastery'): BehaviourDefinition => ({ id, level, competencyId, text: id, notes: [], examples: [] });

// Mastery: two behaviours at levels 1-3, none at 4, one at 5. Leadership only from level 3.
const framework: FrameworkContent = {
  name: 'Test',
  levels: [1, 2, 3, 4, 5].map((level) => ({ level })),
  competencies: [
    { id: 'mastery', name: 'Mastery' },
    { id: 'leadership', name: 'Leadership' },
  ],
  behaviours: [
    behaviour('m1a', 1), behaviour('m1b', 1),
    behaviour('m2a', 2), behaviour('m2b', 2),
    behaviour('m3a', 3), behaviour('m3b', 3),
    behaviour('m5a', 5),
    behaviour('l3a', 3, 'leadership'),
  ],
  policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: null },
};

const ev = (evidenceId: string, behaviourIds: string[], skillIds: string[] = ['go'], date = '2026-06-01'): ApprovedEvidence => ({ evidenceId, date, skillIds, behaviourIds });

describe('demonstratedLevel', () => {
  it('is 0 without evidence', () => {
    expect(demonstratedLevel(framework, [], 'mastery', null, '2026-11-01')).toEqual({ competencyId: 'mastery', skillId: null, level: 0, evidenceIds: [] });
  });

  it('climbs while every level with behaviours is covered to the policy share, skipping empty levels', () => {
    const evidence = [ev('e1', ['m1a']), ev('e2', ['m2b']), ev('e3', ['m3a']), ev('e5', ['m5a'])];
    expect(demonstratedLevel(framework, evidence, 'mastery', null, '2026-11-01')).toEqual({
      competencyId: 'mastery', skillId: null, level: 5, evidenceIds: ['e1', 'e2', 'e3', 'e5'],
    });
  });

  it('stops at the first level whose coverage is short, even if higher levels are covered', () => {
    const evidence = [ev('e1', ['m1a']), ev('e3', ['m3a', 'm3b'])];
    expect(demonstratedLevel(framework, evidence, 'mastery', null, '2026-11-01').level).toBe(1);
  });

  it('counts only evidence tagged with the skill when a skill is given', () => {
    const evidence = [ev('e1', ['m1a'], ['go']), ev('e2', ['m2a'], ['kafka'])];
    expect(demonstratedLevel(framework, evidence, 'mastery', 'go', '2026-11-01')).toMatchObject({ level: 1, evidenceIds: ['e1'] });
    expect(demonstratedLevel(framework, evidence, 'mastery', null, '2026-11-01')).toMatchObject({ level: 2, evidenceIds: ['e1', 'e2'] });
  });

  it('needs the minimum number of distinct evidence items per level', () => {
    const strict = { ...framework, policy: { ...framework.policy, minimumEvidence: 2 } };
    expect(demonstratedLevel(strict, [ev('e1', ['m1a', 'm1b'])], 'mastery', null, '2026-11-01').level).toBe(0);
    expect(demonstratedLevel(strict, [ev('e1', ['m1a']), ev('e2', ['m1b'])], 'mastery', null, '2026-11-01').level).toBe(1);
  });

  it('ignores evidence older than the recency window', () => {
    const windowed = { ...framework, policy: { ...framework.policy, recencyWindowDays: 365 } };
    const evidence = [ev('old', ['m1a'], ['go'], '2024-01-01')];
    expect(demonstratedLevel(windowed, evidence, 'mastery', null, '2026-11-01').level).toBe(0);
    expect(demonstratedLevel(windowed, evidence, 'mastery', null, '2024-06-01').level).toBe(1);
  });

  it('lets a competency start at a later level (leadership has none at 1 and 2)', () => {
    expect(demonstratedLevel(framework, [ev('e1', ['l3a'])], 'leadership', null, '2026-11-01').level).toBe(3);
    expect(demonstratedLevel(framework, [], 'leadership', null, '2026-11-01').level).toBe(0);
  });

  it('lists levels per competency overall and per skill, leaving out level 0', () => {
    const levels = demonstratedLevels(framework, [ev('e1', ['m1a'], ['go', 'kafka'])], '2026-11-01');
    expect(levels.map((l) => `${l.competencyId}/${l.skillId ?? '*'}=${l.level}`)).toEqual(['mastery/*=1', 'mastery/go=1', 'mastery/kafka=1']);
  });

  it('never goes down when more approved evidence is added (property)', () => {
    const ids = framework.behaviours.map((b) => b.id);
    const evidenceArb = fc.array(fc.record({ behaviourIds: fc.subarray(ids, { minLength: 1 }) }), { maxLength: 12 });
    fc.assert(
      fc.property(evidenceArb, evidenceArb, (first, extra) => {
        const toEvidence = (list: { behaviourIds: string[] }[], prefix: string) => list.map((e, i) => ev(`${prefix}${i}`, e.behaviourIds));
        const before = demonstratedLevel(framework, toEvidence(first, 'a'), 'mastery', null, '2026-11-01');
        const after = demonstratedLevel(framework, [...toEvidence(first, 'a'), ...toEvidence(extra, 'b')], 'mastery', null, '2026-11-01');
        expect(after.level).toBeGreaterThanOrEqual(before.level);
      }),
    );
  });
});
