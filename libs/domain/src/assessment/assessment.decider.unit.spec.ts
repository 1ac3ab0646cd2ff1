import { describe, it } from '@jest/globals';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  type AssessmentEvent,
  type LevelChangeReason,
  type RecordDemonstratedLevels,
  assessmentDecider,
} from './assessment.decider.js';

const spec = deciderSpecification(assessmentDecider);

const record = (levels: RecordDemonstratedLevels['data']['levels'], reason: LevelChangeReason = 'evidence-changed'): RecordDemonstratedLevels => ({
  type: 'RecordDemonstratedLevels',
  data: { engineerId: 'eng-1', frameworkId: 'demo', frameworkVersion: 1, levels, computedAt: 't', reason },
});
const recorded = (competencyId: string, skillId: string | null, level: number, previousLevel: number, evidenceIds: string[], reason: LevelChangeReason = 'evidence-changed'): AssessmentEvent => ({
  type: 'DemonstratedLevelRecorded',
  data: { engineerId: 'eng-1', competencyId, skillId, level, previousLevel, evidenceIds, frameworkId: 'demo', frameworkVersion: 1, computedAt: 't', reason },
});

describe('assessment decider', () => {
  it('records a newly demonstrated level with its provenance', () => {
    spec.given([]).when(record([{ competencyId: 'mastery', skillId: 'go', level: 3, evidenceIds: ['e1'] }])).then([recorded('mastery', 'go', 3, 0, ['e1'])]);
  });

  it('records nothing when the recomputation agrees with what is known', () => {
    spec.given([recorded('mastery', 'go', 3, 0, ['e1'])]).when(record([{ competencyId: 'mastery', skillId: 'go', level: 3, evidenceIds: ['e1'] }])).thenNothingHappens();
  });

  it('records a drop to 0 when the evidence behind a level is gone', () => {
    spec.given([recorded('mastery', null, 2, 0, ['e1'])]).when(record([])).then([recorded('mastery', null, 0, 2, [])]);
  });

  it('records a drop with the reason when time passed and the proof left the window', () => {
    spec.given([recorded('mastery', 'go', 3, 0, ['e1'])]).when(record([], 'time-passed')).then([recorded('mastery', 'go', 0, 3, [], 'time-passed')]);
  });

  it('records changed provenance at the same level', () => {
    spec.given([recorded('impact', null, 2, 0, ['e1'])]).when(record([{ competencyId: 'impact', skillId: null, level: 2, evidenceIds: ['e1', 'e2'] }])).then([recorded('impact', null, 2, 2, ['e1', 'e2'])]);
  });

  it('keeps levels of another framework out of a recomputation', () => {
    const otherFramework: AssessmentEvent = { type: 'DemonstratedLevelRecorded', data: { ...(recorded('mastery', null, 4, 0, ['x1']).data as object), frameworkId: 'other' } as never };
    spec.given([otherFramework]).when(record([])).thenNothingHappens();
    spec.given([otherFramework]).when(record([{ competencyId: 'mastery', skillId: null, level: 2, evidenceIds: ['e1'] }])).then([recorded('mastery', null, 2, 0, ['e1'])]);
  });

  it('calibrates a level with a rationale and a panel, within the framework', () => {
    const calibrate = { type: 'CalibrateLevel' as const, data: { engineerId: 'eng-1', competencyId: 'mastery', level: 4, rationale: 'Panel review Q3', panel: ['eng-9'], calibratedAt: 't', maxLevel: 6 } };
    spec.given([]).when(calibrate).then([{ type: 'LevelCalibrated', data: { engineerId: 'eng-1', competencyId: 'mastery', level: 4, rationale: 'Panel review Q3', panel: ['eng-9'], calibratedAt: 't' } }]);
    spec.given([]).when({ ...calibrate, data: { ...calibrate.data, level: 7 } }).thenThrows('VALIDATION_FAILED', /between 1 and 6/, 'level');
    spec.given([]).when({ ...calibrate, data: { ...calibrate.data, rationale: ' ' } }).thenThrows('VALIDATION_FAILED', /rationale/, 'rationale');
  });
});
