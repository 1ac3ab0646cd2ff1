import { CloudEvent } from 'cloudevents';
import type { RecordedEvent, SkillsGraphEvent } from '@skills-graph/domain';
import { integrationEventContracts, type IntegrationEventType } from './integration-event-contracts.js';

export interface OutgoingMessage {
  topic: string;
  /** Kafka key: the engineer id (or framework id), so one engineer's events stay in order. */
  key: string;
  /** The CloudEvent in structured JSON mode. */
  value: string;
  headers: Record<string, string>;
}

export interface TranslatorSnapshot {
  submissions: [string, SubmissionDetails][];
  versionNames: [string, string][];
}

interface SubmissionDetails {
  kind: string;
  date: string;
  skillIds: string[];
  behaviourIds: string[];
}

/**
 * Turns internal events into integration messages. It folds what later events need (an evidence
 * submission's details for its approval, a version's name for its publication), so feed it every event
 * of the log in order, from the start (or from a snapshot()); `translate` returns null for events that are not HRIS news.
 * The CloudEvent id is the internal event's id, so consumers can deduplicate whatever retries happen.
 */
export class IntegrationEventTranslator {
  private readonly submissions = new Map<string, SubmissionDetails>();
  private readonly versionNames = new Map<string, string>();

  /** What it folded so far, as plain JSON: stored beside the relay's checkpoint. */
  snapshot(): TranslatorSnapshot {
    return { submissions: [...this.submissions], versionNames: [...this.versionNames] };
  }

  static fromSnapshot(snapshot: TranslatorSnapshot): IntegrationEventTranslator {
    const translator = new IntegrationEventTranslator();
    for (const [id, details] of snapshot.submissions) translator.submissions.set(id, details);
    for (const [key, name] of snapshot.versionNames) translator.versionNames.set(key, name);
    return translator;
  }

  translate(recorded: RecordedEvent): OutgoingMessage | null {
    const event = { type: recorded.type, data: recorded.data } as SkillsGraphEvent;
    switch (event.type) {
      case 'EvidenceSubmitted': {
        const { kind, date, skillIds, behaviourIds } = event.data;
        this.submissions.set(event.data.evidenceId, { kind, date, skillIds, behaviourIds });
        return null;
      }
      case 'EvidenceAmended': {
        const before = this.submissions.get(event.data.evidenceId);
        if (before) this.submissions.set(event.data.evidenceId, { ...before, ...pick(event.data.changes) });
        return null;
      }
      case 'EvidenceApproved': {
        const details = this.submissions.get(event.data.evidenceId);
        if (!details) return null;
        return message(recorded, 'io.skillsgraph.evidence.approved.v1', event.data.engineerId, {
          evidenceId: event.data.evidenceId,
          engineerId: event.data.engineerId,
          ...details,
          approvedAt: event.data.approvedAt,
        });
      }
      case 'FrameworkVersionImported':
        this.versionNames.set(`${event.data.frameworkId}@${event.data.version}`, event.data.content.name);
        return null;
      case 'FrameworkVersionPublished':
        return message(recorded, 'io.skillsgraph.framework.published.v1', event.data.frameworkId, {
          frameworkId: event.data.frameworkId,
          version: event.data.version,
          name: this.versionNames.get(`${event.data.frameworkId}@${event.data.version}`) ?? event.data.frameworkId,
          publishedAt: event.data.publishedAt,
        });
      case 'DemonstratedLevelRecorded': {
        const d = event.data;
        if (d.level === d.previousLevel) return null; // provenance changed, the level did not: not HRIS news
        return message(recorded, 'io.skillsgraph.level.demonstrated.v1', d.engineerId, {
          engineerId: d.engineerId,
          frameworkId: d.frameworkId,
          frameworkVersion: d.frameworkVersion,
          competencyId: d.competencyId,
          skillId: d.skillId,
          level: d.level,
          previousLevel: d.previousLevel,
          evidenceCount: d.evidenceIds.length,
          demonstratedAt: d.computedAt,
          ...(d.reason !== undefined && { reason: d.reason }),
        });
      }
      case 'LevelCalibrated':
        return message(recorded, 'io.skillsgraph.level.calibrated.v1', event.data.engineerId, {
          engineerId: event.data.engineerId,
          competencyId: event.data.competencyId,
          level: event.data.level,
          calibratedAt: event.data.calibratedAt,
        });
      default:
        return null;
    }
  }
}

function pick(changes: Partial<SubmissionDetails & Record<string, unknown>>): Partial<SubmissionDetails> {
  return {
    ...(changes.kind !== undefined && { kind: changes.kind }),
    ...(changes.date !== undefined && { date: changes.date }),
    ...(changes.skillIds !== undefined && { skillIds: changes.skillIds }),
    ...(changes.behaviourIds !== undefined && { behaviourIds: changes.behaviourIds }),
  };
}

function message(recorded: RecordedEvent, type: IntegrationEventType, subject: string, data: Record<string, unknown>): OutgoingMessage {
  const contract = integrationEventContracts[type];
  const parsed = contract.data.parse(data);
  const cloudEvent = new CloudEvent({
    specversion: '1.0',
    id: recorded.id,
    source: '/skills-graph',
    type,
    subject,
    time: new Date(recorded.metadata.occurredAt).toISOString(),
    datacontenttype: 'application/json',
    data: parsed,
  });
  return {
    topic: contract.topic,
    key: subject,
    value: JSON.stringify(cloudEvent.toJSON()),
    headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8', 'ce-type': type, 'ce-id': recorded.id },
  };
}
