import type { RecordedEvent } from '@skills-graph/domain';

/**
 * Old events are upcast on read, never rewritten. An upcaster lifts one event type from schema version
 * n to n+1; they chain, so a version-1 event passes through every step up to the current version.
 */
export type Upcaster = (data: unknown) => unknown;
/** key: `${eventType}@${fromVersion}` */
export type Upcasters = ReadonlyMap<string, Upcaster>;

export function upcasterKey(eventType: string, fromVersion: number): string {
  return `${eventType}@${fromVersion}`;
}

export function upcastEvent(event: RecordedEvent, upcasters: Upcasters | undefined): RecordedEvent {
  if (!upcasters || upcasters.size === 0) return event;
  let { data, schemaVersion } = event;
  for (let step = upcasters.get(upcasterKey(event.type, schemaVersion)); step; step = upcasters.get(upcasterKey(event.type, schemaVersion))) {
    data = step(data);
    schemaVersion += 1;
  }
  return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
}
