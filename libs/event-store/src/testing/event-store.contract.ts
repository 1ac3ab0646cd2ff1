import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@skills-graph/domain';
import { InvalidAppendError, WrongExpectedRevisionError, type EventStore } from '../event-store.port.js';

export interface EventStoreFixture {
  store: EventStore;
  /** The SQL stores refuse an event id stored in any stream; EventStoreDB's idempotency is per stream. */
  globallyUniqueEventIds?: boolean;
  /** Closes the store and opens it again on the same storage, when the adapter persists. */
  reopen?: () => Promise<EventStore>;
  dispose(): Promise<void>;
}

export function newEvent(type = 'ThingHappened', data: Record<string, unknown> = { n: 1 }): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { correlationId: randomUUID(), causationId: null, actor: 'test', occurredAt: new Date().toISOString() },
  };
}

const uniqueStream = (prefix = 'thing') => `${prefix}-${randomUUID()}`;

export function expectStrictlyIncreasing(positions: bigint[]): void {
  positions.forEach((p, i) => {
    if (i > 0 && p <= positions[i - 1]!) throw new Error(`position ${p} at index ${i} does not follow ${positions[i - 1]}`);
  });
}

/** The behaviour every event-store adapter must share. */
export function describeEventStoreContract(adapterName: string, createFixture: () => Promise<EventStoreFixture>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    // Opening a store (PGlite compiles its WebAssembly; PostgreSQL migrates) can take seconds on a loaded machine.
    beforeAll(async () => {
      fixture = await createFixture();
      store = fixture.store;
    }, 120_000);
    afterAll(async () => fixture?.dispose(), 60_000);

    it('appends to a new stream and reads the events back in order with their envelope', async () => {
      const stream = uniqueStream();
      const events = [newEvent('A', { a: 1 }), newEvent('B', { b: 'two' })];
      const result = await store.appendToStream(stream, events, 'no_stream');
      expect(result).toMatchObject({ nextExpectedRevision: 1n, appended: true });
      const read = await store.readStream(stream);
      expect(read.map((e) => [e.id, e.type, e.data, e.streamRevision])).toEqual([
        [events[0]!.id, 'A', { a: 1 }, 0n],
        [events[1]!.id, 'B', { b: 'two' }, 1n],
      ]);
      expect(read[1]!.metadata).toEqual(events[1]!.metadata);
      expect(read[1]!.globalPosition).toBe(result.lastPosition);
      expect(read[0]!.globalPosition).toBeLessThan(result.lastPosition);
    });

    it('reads an unknown stream as empty', async () => {
      expect(await store.readStream(uniqueStream())).toEqual([]);
    });

    it('refuses a stale expected revision and stores nothing', async () => {
      const stream = uniqueStream();
      await store.appendToStream(stream, [newEvent()], 'no_stream');
      await expect(store.appendToStream(stream, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.appendToStream(stream, [newEvent()], 5n)).rejects.toThrow(/expected revision 5/);
      await expect(store.appendToStream(uniqueStream(), [newEvent()], 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(stream)).toHaveLength(1);
      const next = await store.appendToStream(stream, [newEvent()], 0n);
      expect(next.nextExpectedRevision).toBe(1n);
    });

    it('lets exactly one of several concurrent appends with the same expected revision win', async () => {
      const stream = uniqueStream();
      await store.appendToStream(stream, [newEvent()], 'no_stream');
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => store.appendToStream(stream, [newEvent()], 0n)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(failures).toHaveLength(7);
      failures.forEach((f) => expect(f.reason).toBeInstanceOf(WrongExpectedRevisionError));
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('treats a replayed append (same event ids) as already done, even with a now-stale revision', async () => {
      const stream = uniqueStream();
      const events = [newEvent(), newEvent()];
      const first = await store.appendToStream(stream, events, 'no_stream');
      const head = await store.headPosition();
      const replay = await store.appendToStream(stream, events, 'no_stream');
      expect(replay).toEqual({ ...first, appended: false });
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('refuses an append that reuses some stored event ids with new ones', async () => {
      const stream = uniqueStream();
      const stored = newEvent();
      await store.appendToStream(stream, [stored]);
      await expect(store.appendToStream(stream, [stored, newEvent()])).rejects.toBeInstanceOf(InvalidAppendError);
      if (fixture.globallyUniqueEventIds) await expect(store.appendToStream(uniqueStream(), [stored])).rejects.toThrow(/already stored in stream/);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('refuses bad input with an error that names the field, and stores nothing', async () => {
      const head = await store.headPosition();
      const cases: [string, NewEvent[], RegExp][] = [
        ['', [newEvent()], /stream name/],
        ['has space', [newEvent()], /stream name/],
        [uniqueStream(), [], /at least one event/],
        [uniqueStream(), [{ ...newEvent(), id: 'not-a-uuid' }], /events\[0\]\.id must be a UUID/],
        [uniqueStream(), [{ ...newEvent(), type: '' }], /events\[0\]\.type/],
        [uniqueStream(), [{ ...newEvent(), data: 'text' as unknown as object }], /events\[0\]\.data must be a JSON object/],
        [uniqueStream(), [newEvent('Big', { blob: 'x'.repeat(1_100_000) })], /bytes; the limit is/],
        [uniqueStream(), [newEvent('Bad', { n: Number.NaN })], /non-finite/],
      ];
      for (const [stream, events, message] of cases) {
        const attempt = store.appendToStream(stream, events);
        await expect(attempt).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.appendToStream(stream, events)).rejects.toThrow(message);
      }
      expect(await store.headPosition()).toBe(head);
    });

    it('reads all events in global order, in pages after a position', async () => {
      const start = await store.headPosition();
      const a = uniqueStream('a');
      const b = uniqueStream('b');
      await store.appendToStream(a, [newEvent('A1')]);
      await store.appendToStream(b, [newEvent('B1'), newEvent('B2')]);
      await store.appendToStream(a, [newEvent('A2')]);
      const page1 = await store.readAll({ after: start, maxCount: 3 });
      const page2 = await store.readAll({ after: page1.at(-1)!.globalPosition, maxCount: 3 });
      const all = [...page1, ...page2].filter((e) => e.streamName === a || e.streamName === b);
      expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
      const positions = all.map((e) => e.globalPosition);
      expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
      expect(new Set(positions).size).toBe(4);
    });

    it('orders by number, not by text, past single digits', async () => {
      const stream = uniqueStream();
      const before = await store.headPosition();
      for (let i = 0; i < 3; i += 1) await store.appendToStream(stream, Array.from({ length: 5 }, (_, j) => newEvent('N', { i: i * 5 + j })));
      const read = await store.readStream(stream);
      expect(read.map((e) => Number(e.streamRevision))).toEqual(Array.from({ length: 15 }, (_, i) => i));
      const all = await store.readAll({ after: before });
      expect(all.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 15 }, (_, i) => i));
      expectStrictlyIncreasing(all.map((e) => e.globalPosition));
    });

    it('reads a stream from a revision with a page size', async () => {
      const stream = uniqueStream();
      await store.appendToStream(stream, Array.from({ length: 10 }, (_, i) => newEvent('N', { i })));
      const page = await store.readStream(stream, { fromRevision: 4n, maxCount: 3 });
      expect(page.map((e) => (e.data as { i: number }).i)).toEqual([4, 5, 6]);
    });

    it('delivers events to a subscription from a checkpoint, in order, then new ones as they come', async () => {
      const stream = uniqueStream();
      await store.appendToStream(stream, [newEvent('Before')]);
      const checkpoint = await store.headPosition();
      await store.appendToStream(stream, [newEvent('After1'), newEvent('After2')]);
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ after: checkpoint, batchSize: 1, onEvents: async (events) => void seen.push(...events) });
      await subscription.caughtUp();
      await store.appendToStream(stream, [newEvent('Later')]);
      await subscription.caughtUp();
      await subscription.stop();
      expect(seen.filter((e) => e.streamName === stream).map((e) => e.type)).toEqual(['After1', 'After2', 'Later']);
      expect(subscription.position).toBe(await store.headPosition());
    });

    it('retries a batch whose handler failed, so nothing is skipped', async () => {
      const stream = uniqueStream();
      const after = await store.headPosition();
      await store.appendToStream(stream, [newEvent('One'), newEvent('Two')]);
      const seen: string[] = [];
      let failures = 0;
      const subscription = store.subscribeToAll({
        after,
        onEvents: async (events) => {
          if (failures < 2) {
            failures += 1;
            throw new Error('projection down');
          }
          seen.push(...events.map((e) => e.type));
        },
      });
      await subscription.caughtUp();
      await subscription.stop();
      expect(failures).toBe(2);
      expect(seen).toEqual(['One', 'Two']);
    });

    it('resumes a subscription from its checkpoint after a restart, without loss or duplication', async () => {
      const stream = uniqueStream();
      const start = await store.headPosition();
      await store.appendToStream(stream, Array.from({ length: 30 }, (_, i) => newEvent('Numbered', { i })));
      const handled: number[] = [];
      let checkpoint = start;
      const first = store.subscribeToAll({
        after: start,
        batchSize: 7,
        onEvents: async (events) => {
          for (const e of events) if (e.streamName === stream) handled.push((e.data as { i: number }).i);
          checkpoint = events.at(-1)!.globalPosition; // the consumer stores its checkpoint after handling
        },
      });
      while (handled.length < 14) await new Promise((r) => setTimeout(r, 5));
      await first.stop();
      await store.appendToStream(stream, Array.from({ length: 10 }, (_, i) => newEvent('Numbered', { i: 30 + i })));
      if (fixture.reopen) store = await fixture.reopen();
      const second = store.subscribeToAll({
        after: checkpoint,
        batchSize: 7,
        onEvents: async (events) => {
          for (const e of events) if (e.streamName === stream) handled.push((e.data as { i: number }).i);
        },
      });
      await second.caughtUp();
      await second.stop();
      expect(handled).toEqual(Array.from({ length: 40 }, (_, i) => i));
    });

    it('reads a 100,000-event stream back in pages, complete and in order', async () => {
      const stream = uniqueStream('large');
      for (let batch = 0; batch < 100; batch += 1) {
        await store.appendToStream(stream, Array.from({ length: 1_000 }, (_, i) => newEvent('Bulk', { n: batch * 1_000 + i })), batch === 0 ? 'no_stream' : BigInt(batch * 1_000 - 1));
      }
      let next = 0;
      for (let from = 0n; ; from += 5_000n) {
        const page = await store.readStream(stream, { fromRevision: from, maxCount: 5_000 });
        if (page.length === 0) break;
        for (const e of page) {
          expect((e.data as { n: number }).n).toBe(next);
          next += 1;
        }
      }
      expect(next).toBe(100_000);
    }, 300_000);

    it('keeps its events when closed and opened again', async () => {
      if (!fixture.reopen) return; // in-memory variants have no storage to reopen
      const stream = uniqueStream();
      const event = newEvent('Durable', { kept: true });
      await store.appendToStream(stream, [event]);
      store = await fixture.reopen();
      expect((await store.readStream(stream)).map((e) => e.id)).toEqual([event.id]);
      await expect(store.appendToStream(stream, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    });
  });
}
