import type { RecordedEvent } from '../events/event-envelope.js';

/** Whose history the audit trail shows: one engineer, one evidence item or one framework. */
export type AuditSubject = { kind: 'engineer'; id: string } | { kind: 'evidence'; id: string } | { kind: 'framework'; id: string };

/** One stored event as the audit trail shows it: who did what, when and why. */
export interface AuditEntry {
  /** Global position in the log (a decimal string: positions are 64-bit). */
  position: string;
  eventId: string;
  streamName: string;
  /** The stored event type, e.g. EvidenceRejected. */
  eventType: string;
  /** The event type as words, e.g. "Evidence rejected". */
  action: string;
  /** Facts of the event that are not personal data (versions, levels, teams, changed fields), or null. */
  summary: string | null;
  /** Why, when the event says: a rejection reason, a calibration rationale, a level change reason, an endorsement comment, confirmed retirements. */
  reason: string | null;
  /** An engineer id, `system:<name>` or `hris:<source>`. */
  actorId: string;
  /** The actor's roles when they acted; null for events recorded before roles were (or by the platform itself). */
  actorRoles: string[] | null;
  /** When it happened (the command's time), and when the log stored it. */
  occurredAt: string;
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
}

/** The streams that hold a subject's history (an engineer's evidence streams are found separately: they are named by evidence id). */
export function auditStreamsOf(subject: AuditSubject): string[] {
  switch (subject.kind) {
    case 'engineer':
      return [`engineer-${subject.id}`, `assessment-${subject.id}`];
    case 'evidence':
      return [`evidence-${subject.id}`];
    case 'framework':
      return [`framework-${subject.id}`];
  }
}

type Data = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const levelReasons: Record<string, string> = {
  'evidence-changed': 'Evidence changed (approved, withdrawn, amended or rejected)',
  'framework-changed': 'The framework changed (a version was published)',
  'time-passed': 'Time passed (evidence left its window)',
};

/** "EvidenceRejected" → "Evidence rejected". Any event type reads, including ones added later. */
export function auditAction(eventType: string): string {
  const words = eventType.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Why an event happened, when it carries a reason. */
export function auditReason(eventType: string, data: Data): string | null {
  switch (eventType) {
    case 'EvidenceRejected':
      return text(data['reason']);
    case 'EvidenceEndorsed':
      return text(data['comment']);
    case 'LevelCalibrated':
      return text(data['rationale']);
    case 'DemonstratedLevelRecorded': {
      const reason = text(data['reason']);
      return reason === null ? 'Evidence or framework changed (recorded before level changes carried a reason)' : (levelReasons[reason] ?? reason);
    }
    case 'FrameworkVersionPublished':
      return data['confirmRetirements'] === true ? 'Retirements confirmed by the publisher' : null;
    default:
      return text(data['reason']) ?? text(data['rationale']);
  }
}

/** Facts of the event that are not personal data. */
export function auditSummary(eventType: string, data: Data): string | null {
  const skill = data['skillId'] ? ` / skill ${String(data['skillId'])}` : '';
  switch (eventType) {
    case 'FrameworkVersionImported':
    case 'FrameworkVersionPublished':
      return `Framework ${String(data['frameworkId'])} version ${String(data['version'])}`;
    case 'BehaviourReworded':
    case 'BehaviourRetired':
    case 'BehaviourMoved':
      return `Behaviour ${String(data['behaviourId'])} in version ${String(data['version'])}`;
    case 'EngineerJoined':
    case 'EngineerMoved':
      return `Team ${String(data['teamId'])}, manager ${data['managerId'] ? String(data['managerId']) : 'none'}`;
    case 'EngineerLeft':
      return `Left on ${String(data['leftOn'])}`;
    case 'EvidenceSubmitted':
      return `Evidence ${String(data['evidenceId'])} (${String(data['kind'])}) of engineer ${String(data['engineerId'])}`;
    case 'EvidenceWithdrawn':
      return data['wasApproved'] === true ? 'It had been approved' : null;
    case 'EvidenceAmended': {
      const changes = data['changes'];
      return changes && typeof changes === 'object' ? `Changed: ${Object.keys(changes).sort().join(', ')}` : null;
    }
    case 'DemonstratedLevelRecorded':
      return `Competency ${String(data['competencyId'])}${skill}: level ${String(data['previousLevel'])} → ${String(data['level'])}`;
    case 'LevelCalibrated':
      return `Competency ${String(data['competencyId'])} calibrated to level ${String(data['level'])} by ${Array.isArray(data['panel']) ? data['panel'].join(', ') : 'the panel'}`;
    default:
      return null;
  }
}

/** A recorded event as an audit entry. */
export function toAuditEntry(event: RecordedEvent): AuditEntry {
  const data = (event.data ?? {}) as Data;
  const roles = event.metadata.actorRoles;
  return {
    position: String(event.globalPosition),
    eventId: event.id,
    streamName: event.streamName,
    eventType: event.type,
    action: auditAction(event.type),
    summary: auditSummary(event.type, data),
    reason: auditReason(event.type, data),
    actorId: event.metadata.actor,
    actorRoles: Array.isArray(roles) ? roles.map(String) : null,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
  };
}
