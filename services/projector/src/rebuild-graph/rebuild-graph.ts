import type { EventStore } from '@skills-graph/event-store';
import type { SkillsGraphReadModel } from '@skills-graph/read-model';
import { projectorBatchSize } from '../graph-projector.js';

export interface RebuildProgress {
  position: bigint;
  head: bigint;
  events: number;
  eventsPerSecond: number;
}

export interface RebuildResult {
  events: number;
  seconds: number;
  position: bigint;
}

/**
 * Projects the whole log, from position zero, into a fresh read model (another Neo4j database or
 * server) while the current one keeps serving. When it returns, the target has caught up with the head
 * it saw; point the service at it and its projector follows on from the target's own checkpoint.
 */
export async function rebuildGraph(
  store: EventStore,
  target: SkillsGraphReadModel,
  options: { batchSize?: number; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildResult> {
  const batchSize = options.batchSize ?? projectorBatchSize;
  const started = performance.now();
  const head = await store.headPosition();
  let position = await target.checkpoint();
  let events = 0;
  while (position < head) {
    const batch = await store.readAll({ after: position, maxCount: batchSize });
    if (batch.length === 0) break;
    await target.applyEvents(batch);
    position = batch.at(-1)!.globalPosition;
    events += batch.length;
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({ position, head, events, eventsPerSecond: Math.round(events / Math.max(seconds, 0.001)) });
  }
  return { events, seconds: (performance.now() - started) / 1000, position };
}
