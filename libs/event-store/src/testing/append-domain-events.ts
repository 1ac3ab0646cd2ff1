import { randomUUID } from 'node:crypto';
import { currentSchemaVersions, type NewEvent, type SkillsGraphEvent } from '@skills-graph/domain';
import type { EventStore } from '../event-store.port.js';

/** Domain events as new events with fresh ids and test metadata. */
export function newEventsFrom(events: readonly SkillsGraphEvent[], correlationId = 'test'): NewEvent[] {
  return events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    schemaVersion: currentSchemaVersions[e.type],
    data: e.data,
    metadata: { correlationId, causationId: null, actor: 'test', occurredAt: '2026-11-01T00:00:00.000Z' },
  }));
}

/** Appends domain events in order, 500 to a stream (`<prefix>-0`, `<prefix>-1`, ...): a quick way to fill a log. */
export async function appendInChunks(store: EventStore, events: readonly SkillsGraphEvent[], prefix = 'synthetic'): Promise<void> {
  for (let i = 0; i < events.length; i += 500) await store.appendToStream(`${prefix}-${i / 500}`, newEventsFrom(events.slice(i, i + 500), prefix), 'no_stream');
}
