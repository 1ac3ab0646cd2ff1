// Domain events as the log would hand them to a projector: ids, positions and metadata of one synthetic stream.
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
