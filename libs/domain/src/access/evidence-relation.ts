import { activeDelegation, type EngineerState } from '../engineer/engineer.decider.js';
import type { ActorRelation } from '../evidence/evidence.decider.js';
import { isCurrentAt } from './access-policy.js';

/** What the evidence rules need to know about who acts, read by the handler from the engineer streams. */
export interface EvidenceRelationFacts {
  actorId: string;
  /** When the command is issued (ISO instant): leaving dates and delegations are judged at this time. */
  at: string;
  /** The actor's own engineer record (unknown for service principals and unknown ids). */
  actorRecord: EngineerState;
  /** The record of the engineer the evidence is about. */
  engineer: EngineerState;
  /** The record of that engineer's current manager, when they have one (holds the manager's delegations). */
  manager: EngineerState;
}

/**
 * How the actor stands to the evidence's engineer. Roles play no part: admins manage frameworks and people,
 * not others' evidence. Someone who is not a current engineer at `at` (a service principal, an unknown id,
 * a leaver from their leaving date) is an outsider and may do nothing with evidence.
 * - self: the engineer themselves;
 * - manager: the engineer's current manager (by the reporting line now), still employed;
 * - delegate: named by that manager with a delegation that holds at `at` (and covers this engineer);
 * - peer: any other current engineer (may endorse only).
 */
export function evidenceRelation(facts: EvidenceRelationFacts): ActorRelation {
  const { actorId, at, actorRecord, engineer, manager } = facts;
  if (!isCurrentAt(actorRecord.status === 'unknown' ? null : actorRecord, at)) return 'outsider';
  if (engineer.status === 'unknown') return 'peer';
  if (actorId === engineer.engineerId) return 'self';
  if (engineer.managerId === null) return 'peer';
  if (engineer.managerId === actorId) return 'manager';
  const managerCurrent = isCurrentAt(manager.status === 'unknown' ? null : manager, at);
  if (managerCurrent && activeDelegation(manager, actorId, engineer.engineerId, at)) return 'delegate';
  return 'peer';
}
