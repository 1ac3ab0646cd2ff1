/**
 * Event envelopes shared by every aggregate.
 *
 * A domain event is a plain `{ type, data }` object. When it is stored it gains an id (the idempotency
 * key), a schema version and metadata; when it is read back it also carries its stream revision and its
 * position in the global log.
 */

export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  /** Who caused the event: an engineer id, `system:<name>` or `hris:<source>`. */
  actor: string;
  /** ISO-8601 instant. */
  occurredAt: string;
  /** The actor's roles when the command was sent (recorded for the audit trail; absent on older events and on the platform's own). */
  actorRoles?: string[];
}

export interface NewEvent<E extends DomainEvent = DomainEvent> {
  id: string;
  type: E['type'];
  schemaVersion: number;
  data: E['data'];
  metadata: EventMetadata;
}

export interface RecordedEvent<E extends DomainEvent = DomainEvent> extends NewEvent<E> {
  streamName: string;
  /** 0-based revision of this event in its stream. */
  streamRevision: bigint;
  /** 1-based position of this event in the global log. */
  globalPosition: bigint;
  recordedAt: string;
}
