import type { AssessmentEvent } from '../assessment/assessment.decider.js';
import type { EngineerEvent } from '../engineer/engineer.decider.js';
import type { EvidenceEvent } from '../evidence/evidence.decider.js';
import type { FrameworkEvent } from '../framework/framework.decider.js';
import type { SkillEvent } from '../skill/skill.decider.js';

/** Every event the platform stores. Projections switch over this union exhaustively. */
export type SkillsGraphEvent = FrameworkEvent | EngineerEvent | EvidenceEvent | SkillEvent | AssessmentEvent;

/** Current schema version of each event type; bump it and add an upcaster when a payload changes shape. */
export const currentSchemaVersions: Record<SkillsGraphEvent['type'], number> = {
  FrameworkVersionImported: 1,
  BehaviourReworded: 1,
  BehaviourMoved: 1,
  BehaviourRetired: 1,
  FrameworkVersionPublished: 1,
  EngineerJoined: 1,
  EngineerMoved: 1,
  EngineerLeft: 1,
  EngineerErased: 1,
  ApprovalsDelegated: 1,
  ApprovalDelegationRevoked: 1,
  EvidenceSubmitted: 1,
  EvidenceEndorsed: 1,
  EvidenceApproved: 1,
  EvidenceRejected: 1,
  EvidenceWithdrawn: 1,
  EvidenceAmended: 1,
  SkillRegistered: 1,
  SkillAliasAdded: 1,
  DemonstratedLevelRecorded: 1,
  LevelCalibrated: 1,
};

export const skillsGraphEventTypes = Object.keys(currentSchemaVersions) as SkillsGraphEvent['type'][];
