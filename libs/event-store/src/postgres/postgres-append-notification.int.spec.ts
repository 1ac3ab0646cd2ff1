import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { newEvent } from '../testing/event-store.contract.js';
import { createTestDatabase, type TestDatabase } from '../testing/postgres-test-database.js';
import { openPostgresClient } from './postgres-sql-client.js';

// Appends notify other processes after they commit, outside their transaction (a NOTIFY inside it would
// make concurrent appends commit one at a time): a second client on the same database hears about
// appends it did not make, including the last of a burst of concurrent ones.
describe('append notifications on PostgreSQL', () => {
  let database: TestDatabase;
  let writer: SqlEventStore;
  let reader: SqlEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    writer = await SqlEventStore.open(openPostgresClient(database.url, { maxConnections: 10 }));
    // Polling every ten minutes: within the test, only a notification can wake this store's subscribers.
    reader = await SqlEventStore.open(openPostgresClient(database.url, { maxConnections: 2 }), { pollIntervalMs: 600_000 });
  });

  afterAll(async () => {
    await reader?.close();
    await writer?.close();
    await database?.drop();
  });

  it('wakes a subscriber in another client, which then receives every event of a burst of concurrent appends', async () => {
    const start = await writer.headPosition();
    let wakes = 0;
    await reader.sqlClient.onAppended!(() => (wakes += 1));
    const seen: bigint[] = [];
    const subscription = reader.subscribeToAll({ after: start, onEvents: async (events) => void seen.push(...events.map((e) => e.globalPosition)) });

    await Promise.all(Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 10; i += 1) await writer.appendToStream(`burst-${w}`, [newEvent('Burst', { w, i })]);
    }));
    const head = await writer.headPosition();
    expect(head).toBe(start + 80n);

    // A transaction elsewhere on this shared server may keep the newest events unreadable for a moment
    // after the last notification: the subscriber then looks again soon (it sees it is behind the head).
    await subscription.caughtUp();
    await subscription.stop();
    expect(wakes).toBeGreaterThan(0);
    expect(seen).toEqual(Array.from({ length: 80 }, (_, i) => start + BigInt(i + 1)));
  }, 120_000);
});
