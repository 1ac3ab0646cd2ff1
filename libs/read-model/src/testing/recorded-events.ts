import type { RecordedEvent, SkillsGraphEvent } from '@skills-graph/domain';
import { currentSchemaVersions } from '@skills-graph/domain';

/**
 * Turns domain events into recorded ones with consecutive global positions, for read-model tests, recorded
 * at `recordedAt` (a joiner, mover or leaver dated after that day is held until its day: effective-dates.ts).
 */
export function recordedEvents(events: SkillsGraphEvent[], startAfter = 0n, recordedAt = '2026-11-01T00:00:00.000Z'): RecordedEvent[] {
  return events.map((event, i) => {
    const position = startAfter + BigInt(i + 1);
    return {
      id: `00000000-0000-4000-8000-${position.toString(16).padStart(12, '0')}`,
      type: event.type,
      schemaVersion: currentSchemaVersions[event.type],
      data: event.data,
      metadata: { correlationId: 'test', causationId: null, actor: 'test', occurredAt: '2026-11-01T00:00:00.000Z' },
      streamName: `test-${i}`,
      streamRevision: 0n,
      globalPosition: position,
      recordedAt,
    };
  });
}
