import { afterEach, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@skills-graph/domain';
import { SqlEventStore, openPgliteClient } from '@skills-graph/event-store';
import { newEventsFrom } from '@skills-graph/event-store/testing';
import { InMemorySkillsGraph, syntheticOrganisationEvents } from '@skills-graph/read-model';
import { recordedEvents } from '@skills-graph/read-model/testing';
import { GraphProjector } from './graph-projector.js';

// The projector against a real (embedded) event store and a read model that behaves like a remote one.
//
// Read-your-writes: a mutation waits until the projector has applied its position. On Neo4j, reading
// the read model's checkpoint is a round trip, during which a batch may finish; the wait must still end
// as soon as the position is applied, not at its timeout.

/** A gate that holds callers until opened; a new one can be set up for each step of the test. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** An in-memory graph whose writes and checkpoint reads wait at gates the test opens, like a remote one. */
class RemoteLikeGraph extends InMemorySkillsGraph {
  applyGate: { wait: Promise<void>; open: () => void } | undefined;
  checkpointGate: { wait: Promise<void>; open: () => void } | undefined;
  applying = gate();

  override async applyEvents(events: readonly RecordedEvent[]): Promise<void> {
    this.applying.open();
    await this.applyGate?.wait;
    await super.applyEvents(events);
  }

  /** Reads the checkpoint at once but answers when its gate opens: the answer may be stale by then. */
  override async checkpoint(): Promise<bigint> {
    const seen = await super.checkpoint();
    await this.checkpointGate?.wait;
    return seen;
  }
}

let store: SqlEventStore | undefined;
let projector: GraphProjector | undefined;

afterEach(async () => {
  await projector?.onApplicationShutdown();
  await store?.close();
  projector = undefined;
  store = undefined;
});

describe('GraphProjector.waitForPosition', () => {
  it('ends when the position is applied, even when a batch finishes while the wait is starting', async () => {
    store = await SqlEventStore.open(await openPgliteClient());
    const graph = new RemoteLikeGraph();
    projector = new GraphProjector(store, graph);
    await projector.start();
    await projector.caughtUp();

    // A write arrives; the projector starts applying it and is held there.
    graph.applyGate = gate();
    const { lastPosition: position } = await store.appendToStream('engineers-3', newEventsFrom(syntheticOrganisationEvents({ engineers: 3, evidencePerEngineer: 1, levelRecordsPerEngineer: 1 })));
    await graph.applying.wait;

    // The mutation starts waiting for it; a checkpoint read started now would answer only later.
    graph.checkpointGate = gate();
    const waited = projector.waitForPosition(position, 5_000);

    // The batch finishes first, then any checkpoint read answers (with what it saw before).
    graph.applyGate.open();
    await projector.caughtUp();
    graph.checkpointGate.open();

    await expect(waited).resolves.toBe(true); // false would mean it waited out its 5 s timeout
    expect(projector.appliedPosition()).toBe(position);
  }, 30_000);
});

describe('GraphProjector.start', () => {
  it('refuses a graph that is ahead of the event store (built from another one), saying what to do', async () => {
    store = await SqlEventStore.open(await openPgliteClient());
    const graph = new InMemorySkillsGraph();
    await graph.applyEvents(recordedEvents(syntheticOrganisationEvents({ engineers: 2, evidencePerEngineer: 1, levelRecordsPerEngineer: 1 })));
    await store.appendToStream('engineer-1', newEventsFrom(syntheticOrganisationEvents({ engineers: 1, evidencePerEngineer: 0, levelRecordsPerEngineer: 0 }).slice(0, 1)));

    const stale = new GraphProjector(store, graph);
    await expect(stale.start()).rejects.toThrow(/applied events up to position \d+, but the event store ends at 1: .*rebuild it/);
  });
});
