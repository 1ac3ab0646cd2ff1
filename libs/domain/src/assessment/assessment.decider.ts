import { DomainError, assertNever, type Decider } from '../decider.js';
import type { DomainEvent } from '../events/event-envelope.js';
import type { DemonstratedLevel } from './demonstrated-level.js';

// One assessment stream per engineer: the levels derived from evidence (with provenance) and the levels
// a promotion panel calibrated. Both stay visible.

/**
 * Why levels were recomputed: approved evidence changed, the current framework version changed, or time
 * passed (evidence left the recency window, or evidence dated ahead began to count).
 */
export const levelChangeReasons = ['evidence-changed', 'framework-changed', 'time-passed'] as const;
export type LevelChangeReason = (typeof levelChangeReasons)[number];

export interface RecordDemonstratedLevels {
  type: 'RecordDemonstratedLevels';
  data: {
    engineerId: string;
    frameworkId: string;
    frameworkVersion: number;
    /** The complete, freshly computed set for this framework (level-0 results may be omitted). */
    levels: DemonstratedLevel[];
    computedAt: string;
    reason: LevelChangeReason;
  };
}
export interface CalibrateLevel {
  type: 'CalibrateLevel';
  data: { engineerId: string; competencyId: string; level: number; rationale: string; panel: string[]; calibratedAt: string; maxLevel: number };
}
export type AssessmentCommand = RecordDemonstratedLevels | CalibrateLevel;

export type DemonstratedLevelRecorded = DomainEvent<
  'DemonstratedLevelRecorded',
  DemonstratedLevel & {
    engineerId: string;
    previousLevel: number;
    frameworkId: string;
    frameworkVersion: number;
    computedAt: string;
    /** Absent on levels recorded before reasons were (read: 'evidence-changed' or 'framework-changed'). */
    reason?: LevelChangeReason;
  }
>;
export type LevelCalibrated = DomainEvent<
  'LevelCalibrated',
  { engineerId: string; competencyId: string; level: number; rationale: string; panel: string[]; calibratedAt: string }
>;
export type AssessmentEvent = DemonstratedLevelRecorded | LevelCalibrated;

export interface FrameworkLevel extends DemonstratedLevel {
  frameworkId: string;
}

export interface AssessmentState {
  /** key: levelKey(frameworkId, competencyId, skillId) */
  demonstrated: Map<string, FrameworkLevel>;
  calibrated: Map<string, number>;
}

export const assessmentStream = (engineerId: string) => `assessment-${engineerId}`;
/** Levels are per framework (an engineer may have evidence against several), competency and skill. */
export const levelKey = (frameworkId: string, competencyId: string, skillId: string | null) => `${frameworkId}|${competencyId}|${skillId ?? ''}`;

export function initialAssessmentState(): AssessmentState {
  return { demonstrated: new Map(), calibrated: new Map() };
}

export function evolveAssessment(state: AssessmentState, event: AssessmentEvent): AssessmentState {
  switch (event.type) {
    case 'DemonstratedLevelRecorded': {
      const { frameworkId, competencyId, skillId, level, evidenceIds } = event.data;
      const key = levelKey(frameworkId, competencyId, skillId);
      const demonstrated = new Map(state.demonstrated);
      if (level === 0) demonstrated.delete(key);
      else demonstrated.set(key, { frameworkId, competencyId, skillId, level, evidenceIds });
      return { ...state, demonstrated };
    }
    case 'LevelCalibrated':
      return { ...state, calibrated: new Map(state.calibrated).set(event.data.competencyId, event.data.level) };
    default:
      return assertNever(event);
  }
}

export function decideAssessment(command: AssessmentCommand, state: AssessmentState): AssessmentEvent[] {
  switch (command.type) {
    case 'RecordDemonstratedLevels': {
      const { engineerId, frameworkId, frameworkVersion, computedAt, reason } = command.data;
      const computed = new Map(command.data.levels.filter((l) => l.level > 0).map((l) => [levelKey(frameworkId, l.competencyId, l.skillId), l]));
      const known = [...state.demonstrated.values()].filter((l) => l.frameworkId === frameworkId).map((l) => levelKey(frameworkId, l.competencyId, l.skillId));
      const keys = [...new Set([...known, ...computed.keys()])].sort();
      const events: AssessmentEvent[] = [];
      for (const key of keys) {
        const before = state.demonstrated.get(key);
        const after = computed.get(key);
        if (before && after && before.level === after.level && sameIds(before.evidenceIds, after.evidenceIds)) continue;
        const subject = (after ?? before)!;
        events.push({
          type: 'DemonstratedLevelRecorded',
          data: {
            engineerId,
            competencyId: subject.competencyId,
            skillId: subject.skillId,
            level: after?.level ?? 0,
            evidenceIds: after?.evidenceIds ?? [],
            previousLevel: before?.level ?? 0,
            frameworkId,
            frameworkVersion,
            computedAt,
            reason,
          },
        });
      }
      return events;
    }
    case 'CalibrateLevel': {
      const d = command.data;
      if (!Number.isInteger(d.level) || d.level < 1 || d.level > d.maxLevel) {
        throw new DomainError('VALIDATION_FAILED', `A calibrated level must be between 1 and ${d.maxLevel}`, 'level');
      }
      if (!d.rationale.trim()) throw new DomainError('VALIDATION_FAILED', 'A calibration needs a rationale', 'rationale');
      if (d.panel.length === 0) throw new DomainError('VALIDATION_FAILED', 'A calibration names its panel', 'panel');
      const { maxLevel: _maxLevel, ...data } = d;
      return [{ type: 'LevelCalibrated', data }];
    }
    default:
      return assertNever(command);
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The assessment decider as one value, for command handlers and tests. */
export const assessmentDecider: Decider<AssessmentCommand, AssessmentEvent, AssessmentState> = { decide: decideAssessment, evolve: evolveAssessment, initialState: initialAssessmentState };
