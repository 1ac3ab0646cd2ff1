// Domain events as the log would hand them to a projector: ids, positions and metadata of one synthetic stream.
import { randomUUID } from 'node:crypto';
import { currentSchemaVersions } from '@skills-graph/domain';

export const asRecorded = (events) =>
  events.map((e, i) => ({
    id: `00000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
    type: e.type,
    schemaVersion: currentSchemaVersions[e.type],
    data: e.data,
    metadata: { correlationId: 'bench', causationId: null, actor: 'bench', occurredAt: '2026-11-01T00:00:00.000Z' },
    streamName: 'bench',
    streamRevision: BigInt(i),
    globalPosition: BigInt(i + 1),
    recordedAt: '2026-11-01T00:00:00.000Z',
  }));

/**
 * The reference set's shape for syntheticOrganisationEvents (docs/benchmarks.md: 10,000 engineers in teams of 50, 50
 * skills, about 100 events per engineer), at any size; every benchmark on the reference set uses it.
 */
export const referenceShape = (engineers, seed = 7) => ({ engineers, teams: Math.max(1, Math.round(engineers / 50)), skills: 50, evidencePerEngineer: 40, levelRecordsPerEngineer: 20, seed });

/**
 * Appends domain events in order as new events with fresh ids, `chunkSize` to a stream (`<prefix>-0`, `<prefix>-1`,
 * ...): how a benchmark fills a log. `onProgress(appended)` every 100,000 events.
 */
export async function appendInChunks(store, events, { chunkSize, prefix = 'bench', correlationId = 'bench', onProgress = () => {} }) {
  for (let i = 0; i < events.length; i += chunkSize) {
    if (i > 0 && i % 100_000 === 0) onProgress(i);
    const chunk = events.slice(i, i + chunkSize).map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: currentSchemaVersions[e.type], data: e.data, metadata: { correlationId, causationId: null, actor: 'bench', occurredAt: '2026-11-01T00:00:00.000Z' } }));
    await store.appendToStream(`${prefix}-${i / chunkSize}`, chunk, 'no_stream');
  }
}
