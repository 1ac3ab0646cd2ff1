import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../events/event-envelope.js';
import { auditAction, auditReason, auditStreamsOf, auditSummary, toAuditEntry } from './audit-entry.js';

const recorded = (type: string, data: Record<string, unknown>, metadata: Partial<RecordedEvent['metadata']> = {}): RecordedEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: 'eng-1', correlationId: 'c-1', causationId: null, occurredAt: '2026-10-20T10:00:00.000Z', ...metadata },
  streamName: 'evidence-ev-1',
  streamRevision: 0n,
  globalPosition: 9_007_199_254_740_993n,
  recordedAt: '2026-10-20T10:00:00.123Z',
});

describe('audit entries', () => {
  it('reads every event type as words, including types added later', () => {
    expect(auditAction('EvidenceRejected')).toBe('Evidence rejected');
    expect(auditAction('FrameworkVersionPublished')).toBe('Framework version published');
    expect(auditAction('EngineerErased')).toBe('Engineer erased');
  });

  it('takes the reason each event carries', () => {
    expect(auditReason('EvidenceRejected', { reason: 'Wrong link' })).toBe('Wrong link');
    expect(auditReason('EvidenceEndorsed', { comment: null })).toBeNull();
    expect(auditReason('LevelCalibrated', { rationale: 'Panel of 2026-11' })).toBe('Panel of 2026-11');
    expect(auditReason('DemonstratedLevelRecorded', { reason: 'time-passed' })).toBe('Time passed (evidence left its window)');
    expect(auditReason('DemonstratedLevelRecorded', {})).toMatch(/recorded before level changes carried a reason/);
    expect(auditReason('FrameworkVersionPublished', { confirmRetirements: true })).toBe('Retirements confirmed by the publisher');
    expect(auditReason('FrameworkVersionPublished', { confirmRetirements: false })).toBeNull();
    expect(auditReason('EvidenceApproved', {})).toBeNull();
  });

  it('summarises without personal data', () => {
    expect(auditSummary('EvidenceAmended', { changes: { title: 'secret title', date: '2026-01-01' } })).toBe('Changed: date, title');
    expect(auditSummary('DemonstratedLevelRecorded', { competencyId: 'mastery', skillId: 'go', previousLevel: 2, level: 3 })).toBe('Competency mastery / skill go: level 2 → 3');
    expect(auditSummary('EvidenceSubmitted', { evidenceId: 'ev-1', kind: 'design', engineerId: 'eng-1', title: 'secret title' })).not.toMatch(/secret/);
  });

  it('keeps the position exact, and roles as recorded (null when the event has none)', () => {
    expect(toAuditEntry(recorded('EvidenceApproved', {}, { actorRoles: ['admin'] }))).toMatchObject({
      position: '9007199254740993',
      actorId: 'eng-1',
      actorRoles: ['admin'],
      action: 'Evidence approved',
      correlationId: 'c-1',
      causationId: null,
    });
    expect(toAuditEntry(recorded('EvidenceApproved', {})).actorRoles).toBeNull();
  });

  it("names a subject's streams", () => {
    expect(auditStreamsOf({ kind: 'engineer', id: 'e1' })).toEqual(['engineer-e1', 'assessment-e1']);
    expect(auditStreamsOf({ kind: 'evidence', id: 'v1' })).toEqual(['evidence-v1']);
    expect(auditStreamsOf({ kind: 'framework', id: 'f1' })).toEqual(['framework-f1']);
  });
});
