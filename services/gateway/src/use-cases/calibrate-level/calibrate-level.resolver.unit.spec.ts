import { describe, expect, it } from '@jest/globals';
import type { CalibratedLevelView, DemonstratedLevelView } from '@skills-graph/read-model';
import { GatewayError } from '../../errors/gateway-error.js';
import { parseInput } from '../../resolvers/mutation-inputs.js';
import { calibrateLevelInput, competencyLevels } from './calibrate-level.resolver.js';

const level = (competencyId: string, skillId: string | null, lvl: number, frameworkId = 'fw'): DemonstratedLevelView => ({
  engineerId: 'e1', competencyId, skillId, level: lvl, evidenceIds: ['ev'], frameworkId, frameworkVersion: 1, computedAt: 't',
});
const calibration = (competencyId: string, lvl: number, rationale: string): CalibratedLevelView => ({
  engineerId: 'e1', competencyId, level: lvl, rationale, panel: ['p1'], calibratedBy: 'p1', calibratedAt: 't',
});

describe('competencyLevels: demonstrated beside calibrated', () => {
  it('pairs the overall demonstrated level (the highest across frameworks) with the latest calibration, per competency', () => {
    const paired = competencyLevels(
      [level('mastery', 'go', 6), level('mastery', null, 3), level('mastery', null, 4, 'other'), level('impact', null, 2)],
      [calibration('mastery', 5, 'first'), calibration('leadership', 2, 'only calibrated'), calibration('mastery', 4, 'second')],
    );
    expect(paired.map((c) => [c.competencyId, c.demonstrated?.level ?? null, c.demonstrated?.frameworkId ?? null, c.calibrated?.rationale ?? null])).toEqual([
      ['impact', 2, 'fw', null],
      ['leadership', null, null, 'only calibrated'],
      ['mastery', 4, 'other', 'second'],
    ]);
  });

  it('has nothing for an engineer with neither', () => {
    expect(competencyLevels([level('mastery', 'go', 3)], [])).toEqual([]);
  });
});

describe('calibrateLevel input', () => {
  const valid = { engineerId: 'e1', competency: 'Mastery', level: 4, rationale: '  Strong record  ', panel: ['p1', 'p2'] };
  const fieldOf = (input: Record<string, unknown>) => {
    try {
      parseInput(calibrateLevelInput, input, 'input');
    } catch (error) {
      return (error as GatewayError).field;
    }
    return null;
  };

  it('accepts a valid calibration and trims the rationale', () => {
    expect(parseInput(calibrateLevelInput, valid, 'input')).toMatchObject({ rationale: 'Strong record', level: 4, panel: ['p1', 'p2'] });
  });

  it('names the field at fault', () => {
    expect(fieldOf({ ...valid, rationale: ' ' })).toBe('input.rationale');
    expect(fieldOf({ ...valid, rationale: 'x'.repeat(2_001) })).toBe('input.rationale');
    expect(fieldOf({ ...valid, level: 0 })).toBe('input.level');
    expect(fieldOf({ ...valid, level: 2.5 })).toBe('input.level');
    expect(fieldOf({ ...valid, panel: [] })).toBe('input.panel');
    expect(fieldOf({ ...valid, panel: ['p1', ' '] })).toBe('input.panel[1]');
    expect(fieldOf({ ...valid, panel: Array.from({ length: 21 }, (_, i) => `p${i}`) })).toBe('input.panel');
    expect(fieldOf({ ...valid, competency: '' })).toBe('input.competency');
    expect(fieldOf({ ...valid, engineerId: '' })).toBe('input.engineerId');
    expect(fieldOf(valid)).toBeNull();
  });
});
