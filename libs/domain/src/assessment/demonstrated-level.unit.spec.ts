import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { BehaviourDefinition, FrameworkContent } from '../framework/framework-content.js';
import { demonstratedLevel, demonstratedLevels, nextLevelChangeAt, type ApprovedEvidence } from './demonstrated-level.js';

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

  describe('the window boundary (30 days; evidence dated 2026-06-01)', () => {
    const windowed = { ...framework, policy: { ...framework.policy, recencyWindowDays: 30 } };
    const evidence = [ev('e1', ['m1a'], ['go'], '2026-06-01')];
    const levelAt = (asOf: string) => demonstratedLevel(windowed, evidence, 'mastery', null, asOf).level;
    it('counts evidence N − 1 days old, to the last millisecond', () => {
      expect(levelAt('2026-06-30T00:00:00.000Z')).toBe(1);
      expect(levelAt('2026-06-30T23:59:59.999Z')).toBe(1);
    });
    it('does not count evidence exactly N days old', () => {
      expect(levelAt('2026-07-01T00:00:00.000Z')).toBe(0);
    });
    it('does not count evidence N + 1 days old', () => {
      expect(levelAt('2026-07-02T00:00:00.000Z')).toBe(0);
    });
    it('does not count evidence before its own date', () => {
      expect(levelAt('2026-05-31T23:59:59.999Z')).toBe(0);
      expect(levelAt('2026-06-01T00:00:00.000Z')).toBe(1);
    });
  });

  describe('nextLevelChangeAt', () => {
    const windowed = { ...framework, policy: { ...framework.policy, recencyWindowDays: 30 } };
    it('is when the earliest counted evidence leaves the window', () => {
      const evidence = [ev('e1', ['m1a'], ['go'], '2026-06-01'), ev('e2', ['m1b'], ['go'], '2026-06-10')];
      expect(nextLevelChangeAt(windowed, evidence, '2026-06-15T12:00:00.000Z')).toBe('2026-07-01T00:00:00.000Z');
      expect(nextLevelChangeAt(windowed, evidence, '2026-07-01T00:00:00.000Z')).toBe('2026-07-10T00:00:00.000Z');
      expect(nextLevelChangeAt(windowed, evidence, '2026-07-10T00:00:00.000Z')).toBeNull();
    });
    it('is when evidence dated ahead starts to count, with or without a window', () => {
      const evidence = [ev('e1', ['m1a'], ['go'], '2026-06-02')];
      expect(nextLevelChangeAt(framework, evidence, '2026-06-01T20:00:00.000Z')).toBe('2026-06-02T00:00:00.000Z');
      expect(nextLevelChangeAt(framework, evidence, '2026-06-02T00:00:00.000Z')).toBeNull();
    });
    it('is the instant at which the computed levels really change (property)', () => {
      const ids = framework.behaviours.map((b) => b.id);
      const day = fc.integer({ min: 0, max: 90 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
      const evidenceArb = fc.array(fc.record({ behaviourIds: fc.subarray(ids, { minLength: 1 }), date: day }), { maxLength: 8 });
      fc.assert(
        fc.property(evidenceArb, fc.integer({ min: 0, max: 120 * 24 }), (list, hours) => {
          const evidence = list.map((e, i) => ev(`e${i}`, e.behaviourIds, ['go'], e.date));
          const at = new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000).toISOString();
          const levels = (asOf: string) => JSON.stringify(demonstratedLevels(windowed, evidence, asOf));
          const next = nextLevelChangeAt(windowed, evidence, at);
          // Nothing changes before the instant it names (checked just before it, or far ahead when it names none).
          const justBefore = next === null ? '2027-06-01T00:00:00.000Z' : new Date(Date.parse(next) - 1).toISOString();
          expect(levels(justBefore)).toBe(levels(at));
        }),
      );
    });
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
