import { describe, expect, it } from '@jest/globals';
import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { newEvent } from '../testing/event-store.contract.js';
import { fromEsdbRecorded, toEventData, toReadPosition, toStreamState } from './eventstoredb-mapping.js';

describe('EventStoreDB mapping', () => {
  it('maps our expected revision onto stream states', () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(toStreamState(41n)).toBe(41n);
  });

  it('writes JSON events with our id as EventStoreDB id and the schema version in metadata, and reads them back', () => {
    const event = { ...newEvent('EvidenceApproved', { evidenceId: 'ev-1' }), schemaVersion: 2 };
    const data = toEventData(event, { data: JSON.stringify(event.data) });
    expect(data).toMatchObject({ id: event.id, type: 'EvidenceApproved', contentType: 'application/json', data: { evidenceId: 'ev-1' } });
    expect(data.metadata).toEqual({ ...event.metadata, schemaVersion: 2 });

    const created = new Date('2026-11-01T10:00:00.000Z');
    const recorded = fromEsdbRecorded({
      streamId: 'evidence-ev-1',
      id: event.id,
      revision: 3n,
      type: 'EvidenceApproved',
      created,
      data: data.data,
      metadata: data.metadata,
      isJson: true,
      position: { commit: 9_000n, prepare: 9_000n },
    });
    expect(recorded).toEqual({
      id: event.id,
      type: 'EvidenceApproved',
      schemaVersion: 2,
      data: { evidenceId: 'ev-1' },
      metadata: event.metadata,
      streamName: 'evidence-ev-1',
      streamRevision: 3n,
      globalPosition: 9_000n,
      recordedAt: '2026-11-01T10:00:00.000Z',
    });
  });

  it('reads events written without a schema version as version 1, and refuses binary events', () => {
    const base = { streamId: 's-1', id: 'id', revision: 0n, type: 'T', created: new Date(0), data: {}, position: { commit: 1n, prepare: 1n } };
    expect(fromEsdbRecorded({ ...base, metadata: { actor: 'x' }, isJson: true }).schemaVersion).toBe(1);
    expect(() => fromEsdbRecorded({ ...base, metadata: undefined, isJson: false })).toThrow(/not JSON/);
  });

  it('reads $all from a commit position', () => {
    expect(toReadPosition(77n)).toEqual({ commit: 77n, prepare: 77n });
  });
});
