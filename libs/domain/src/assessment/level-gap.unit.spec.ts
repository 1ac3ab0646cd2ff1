import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { BehaviourDefinition, FrameworkContent } from '../framework/framework-content.js';
import { demonstratedLevel, type ApprovedEvidence } from './demonstrated-level.js';
import { levelGap } from './level-gap.js';

const behaviour = (id: string, level: number, competencyId = 'mastery'): BehaviourDefinition => ({ id, level, competencyId, text: id, notes: [], examples: [] });

// Mastery: two behaviours at level 1, four at 2, none at 3, two at 4. Two evidence items per level, a year's window.
const framework: FrameworkContent = {
  name: 'Test',
  levels: [1, 2, 3, 4].map((level) => ({ level })),
  competencies: [
    { id: 'mastery', name: 'Mastery' },
    { id: 'impact', name: 'Impact' },
  ],
  behaviours: [
    behaviour('m1a', 1), behaviour('m1b', 1),
    behaviour('m2a', 2), behaviour('m2b', 2), behaviour('m2c', 2), behaviour('m2d', 2),
    behaviour('m4a', 4), behaviour('m4b', 4),
  ],
  policy: { coverageShare: 0.75, minimumEvidence: 2, recencyWindowDays: 365 },
};

const ev = (evidenceId: string, behaviourIds: string[], skillIds: string[] = ['go'], date = '2026-06-01'): ApprovedEvidence => ({ evidenceId, date, skillIds, behaviourIds });
const asOf = '2026-11-01T00:00:00.000Z';

describe('levelGap', () => {
  it('names the first level with behaviours, the policy and every behaviour missing when nothing counts yet', () => {
    expect(levelGap(framework, [], 'mastery', null, asOf)).toEqual({
      competencyId: 'mastery',
      skillId: null,
      level: 0,
      evidenceIds: [],
      nextLevel: 1,
      policy: { coverageShare: 0.75, minimumEvidence: 2, recencyWindowDays: 365 },
      behaviours: [
        { behaviourId: 'm1a', evidenceIds: [] },
        { behaviourId: 'm1b', evidenceIds: [] },
      ],
      missingBehaviourIds: ['m1a', 'm1b'],
      behavioursRequired: 2,
      behavioursCovered: 0,
      behavioursStillNeeded: 2,
      evidenceCounted: 0,
      evidenceRequired: 2,
      evidenceStillNeeded: 2,
      oneBehaviourAway: false,
    });
  });

  it('shows what already counts at the next level and what is still missing, by the same rule as the level', () => {
    const evidence = [ev('e1', ['m1a']), ev('e2', ['m1b']), ev('e3', ['m2a', 'm2b']), ev('e4', ['m2b'])];
    const gap = levelGap(framework, evidence, 'mastery', null, asOf);
    expect(gap).toMatchObject({
      level: 1,
      evidenceIds: ['e1', 'e2'],
      nextLevel: 2,
      behaviours: [
        { behaviourId: 'm2a', evidenceIds: ['e3'] },
        { behaviourId: 'm2b', evidenceIds: ['e3', 'e4'] },
        { behaviourId: 'm2c', evidenceIds: [] },
        { behaviourId: 'm2d', evidenceIds: [] },
      ],
      missingBehaviourIds: ['m2c', 'm2d'],
      behavioursRequired: 3, // 3 / 4 ≥ 0.75
      behavioursCovered: 2,
      behavioursStillNeeded: 1,
      evidenceCounted: 2,
      evidenceStillNeeded: 0,
      oneBehaviourAway: true,
    });
    expect(gap.level).toBe(demonstratedLevel(framework, evidence, 'mastery', null, asOf).level);
  });

  it('skips levels without behaviours: after level 2 the next is 4, and at the top there is none', () => {
    const toTwo = [ev('e1', ['m1a']), ev('e2', ['m1b']), ev('e3', ['m2a', 'm2b']), ev('e4', ['m2c'])];
    expect(levelGap(framework, toTwo, 'mastery', null, asOf)).toMatchObject({ level: 2, nextLevel: 4, missingBehaviourIds: ['m4a', 'm4b'], behavioursRequired: 2 });
    const top = [...toTwo, ev('e5', ['m4a']), ev('e6', ['m4b'])];
    expect(levelGap(framework, top, 'mastery', null, asOf)).toMatchObject({ level: 4, nextLevel: null, behaviours: [], missingBehaviourIds: [], oneBehaviourAway: false });
  });

  it('counts only evidence in the recency window and within the skill asked', () => {
    const evidence = [ev('old', ['m1a'], ['go'], '2025-06-01'), ev('k', ['m1b'], ['kafka'])];
    expect(levelGap(framework, evidence, 'mastery', null, asOf).behaviours).toEqual([
      { behaviourId: 'm1a', evidenceIds: [] },
      { behaviourId: 'm1b', evidenceIds: ['k'] },
    ]);
    expect(levelGap(framework, evidence, 'mastery', 'go', asOf).missingBehaviourIds).toEqual(['m1a', 'm1b']);
  });

  it('is one behaviour away only when one more item would do: all behaviours covered but too few items is not', () => {
    const oneItem = [ev('e1', ['m1a', 'm1b'])];
    expect(levelGap(framework, oneItem, 'mastery', null, asOf)).toMatchObject({ level: 0, behavioursStillNeeded: 0, evidenceStillNeeded: 1, oneBehaviourAway: false });
    expect(levelGap(framework, [], 'impact', null, asOf)).toMatchObject({ level: 0, nextLevel: null, oneBehaviourAway: false });
  });

  it('property: one more item claiming a missing behaviour lifts the level to the next exactly when oneBehaviourAway says so', () => {
    const ids = ['m1a', 'm1b', 'm2a', 'm2b', 'm2c', 'm2d', 'm4a', 'm4b'];
    const item = fc.record({ behaviourIds: fc.subarray(ids, { minLength: 1 }), date: fc.constantFrom('2025-01-01', '2026-01-01', '2026-06-01') });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), (items) => {
        const evidence = items.map((i, n) => ev(`e${n}`, i.behaviourIds, ['go'], i.date));
        const gap = levelGap(framework, evidence, 'mastery', null, asOf);
        expect(gap.level).toBe(demonstratedLevel(framework, evidence, 'mastery', null, asOf).level);
        if (gap.nextLevel === null) return;
        const missing = gap.missingBehaviourIds[0];
        if (missing === undefined) return;
        const after = demonstratedLevel(framework, [...evidence, ev('extra', [missing])], 'mastery', null, asOf).level;
        if (gap.oneBehaviourAway) expect(after).toBeGreaterThanOrEqual(gap.nextLevel);
        if (gap.behavioursStillNeeded > 1 || gap.evidenceStillNeeded > 1) expect(after).toBe(gap.level);
      }),
    );
  });
});
