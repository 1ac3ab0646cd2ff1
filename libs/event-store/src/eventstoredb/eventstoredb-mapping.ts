import { ANY, NO_STREAM, STREAM_EXISTS, jsonEvent, type AppendStreamState, type JSONEventData } from '@kurrent/kurrentdb-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '@skills-graph/domain';
import type { ExpectedRevision } from '../event-store.port.js';

/** Our metadata as stored in EventStoreDB: the envelope's metadata plus the schema version. */
export interface StoredMetadata extends EventMetadata {
  schemaVersion: number;
}

export function toEventData(event: NewEvent, payload: { data: string }): JSONEventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: JSON.parse(payload.data) as Record<string, unknown>,
    metadata: { ...event.metadata, schemaVersion: event.schemaVersion } satisfies StoredMetadata,
  });
}

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** The fields of an EventStoreDB recorded event that we read. */
export interface EsdbRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  isJson: boolean;
  position?: { commit: bigint; prepare: bigint } | undefined;
}

/** EventStoreDB's commit position is our global position: increasing, not contiguous. */
export function fromEsdbRecorded(recorded: EsdbRecorded): RecordedEvent {
  if (!recorded.isJson) throw new Error(`Event ${recorded.id} in ${recorded.streamId} is not JSON`);
  const { schemaVersion, ...metadata } = (recorded.metadata ?? {}) as Partial<StoredMetadata>;
  return {
    id: recorded.id,
    type: recorded.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data: recorded.data,
    metadata: metadata as EventMetadata,
    streamName: recorded.streamId,
    streamRevision: recorded.revision,
    globalPosition: recorded.position?.commit ?? 0n,
    recordedAt: recorded.created.toISOString(),
  };
}

/** EventStoreDB reports its positions as {commit, prepare}; we keep the commit position and read from it. */
export function toReadPosition(after: bigint): { commit: bigint; prepare: bigint } {
  return { commit: after, prepare: after };
}
