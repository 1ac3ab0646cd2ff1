import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@skills-graph/domain';
import pg from 'pg';
import { AllStreamSubscriptions } from '../all-stream-subscription.js';
import type { EventStore, ReadAllOptions } from '../event-store.port.js';
import { openPgliteClient } from '../pglite/pglite-sql-client.js';
import { openPostgresClient } from '../postgres/postgres-sql-client.js';
import { newEvent } from '../testing/event-store.contract.js';
import { createTestDatabase, type TestDatabase } from '../testing/postgres-test-database.js';
import * as sql from './event-store.sql.js';
import type { SqlClient } from './sql-client.js';
import { SqlEventStore } from './sql-event-store.js';

/**
 * The gap problem: positions come from a sequence and writers commit concurrently, so a writer can take
 * position N, another N+1 and commit first. A reader that then saw N+1 would move its checkpoint past N
 * and never see N when it commits. The store prevents it by reading only events of transactions older
 * than the oldest one still running (sql.readableGuard), positions being handed out in transaction-id
 * order. Here eight writers append concurrently while a subscriber follows, and a trigger makes each
 * insert linger before commit to widen that window. Every event must reach the subscriber exactly
 * once, and the positions it sees must have no holes (no append fails here, so none is left unused).
 */
const variants: [string, () => Promise<{ client: SqlClient; cleanup(): Promise<void> }>][] = [
  ['PostgreSQL', async () => {
    const database: TestDatabase = await createTestDatabase();
    return { client: openPostgresClient(database.url, { maxConnections: 10 }), cleanup: () => database.drop() };
  }],
  ['embedded PGlite', async () => ({ client: await openPgliteClient(), cleanup: async () => {} })],
];

describe.each(variants)('global order under concurrent writers: %s', (_name, open) => {
  let store: SqlEventStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    store = await SqlEventStore.open(opened.client);
    await store.sqlClient.exec(`
      CREATE OR REPLACE FUNCTION sg_test_linger() RETURNS trigger AS $$
      BEGIN PERFORM pg_sleep(random() * 0.01); RETURN NULL; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER sg_test_linger AFTER INSERT ON sg_events FOR EACH STATEMENT EXECUTE FUNCTION sg_test_linger();`);
  });

  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it('delivers every event exactly once, with consecutive positions, while writers race', async () => {
    const start = await store.headPosition();
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: start, batchSize: 5, onEvents: async (events) => void seen.push(...events) });

    const writers = Array.from({ length: 8 }, async (_, writer) => {
      for (let i = 0; i < 25; i += 1) {
        await store.appendToStream(`race-${writer}`, Array.from({ length: 1 + (i % 3) }, () => newEvent('Raced', { writer, i })));
      }
    });
    await Promise.all(writers);
    await subscription.caughtUp();
    await subscription.stop();

    const stored = await store.readAll({ after: start, maxCount: 10_000 });
    expect(stored).toHaveLength(8 * (9 * 1 + 8 * 2 + 8 * 3));
    expect(seen.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    expect(seen.map((e) => e.globalPosition)).toEqual(seen.map((_, i) => start + BigInt(i + 1)));
  }, 120_000);
});

/**
 * The same race made certain, on PostgreSQL (PGlite runs one transaction at a time, so it cannot
 * arise there): a transaction takes a position and stays open while a later append commits the next
 * one. The store's reader waits for the older transaction; a reader without the guard, the store's
 * own query with the guard taken out, shows what the guard prevents: it delivers the later event,
 * moves past the earlier one, and never delivers it.
 */
describe('a late commit on PostgreSQL: the guarded reader waits, an unguarded one skips', () => {
  let database: TestDatabase;
  let store: SqlEventStore;
  let late: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await SqlEventStore.open(openPostgresClient(database.url, { maxConnections: 4 }), { pollIntervalMs: 20 });
    late = new pg.Client({ connectionString: database.url });
    await late.connect();
  });

  afterAll(async () => {
    await late.end();
    await store.close();
    await database.drop();
  });

  /** Reads the log with the store's query minus the guard; only ids and positions are needed here. */
  const unguarded = (client: SqlClient): Pick<EventStore, 'readAll' | 'headPosition'> => {
    const unguardedSql = sql.readAllSql.replace(sql.readableGuard, 'TRUE');
    expect(unguardedSql).not.toBe(sql.readAllSql);
    return {
      async readAll(options: ReadAllOptions = {}) {
        const { rows } = await client.query<sql.EventRow>(unguardedSql, [String(options.after ?? 0n), options.maxCount ?? 1_000]);
        return rows.map((row) => ({ id: row.event_id, globalPosition: BigInt(row.global_position) }) as RecordedEvent);
      },
      headPosition: () => store.headPosition(),
    };
  };

  it('delivers the late event before the later one, where the unguarded reader loses it', async () => {
    const start = await store.headPosition();
    const first = newEvent('Late', { n: 1 });
    const second = newEvent('Early', { n: 2 });

    // The first append takes position start+1 and does not commit yet.
    await late.query('BEGIN');
    const taken = await late.query<{ status: string; last_position: string }>(sql.appendSql, [
      'late-stream', 'no_stream', [first.id], [first.type], [1], [JSON.stringify(first.data)], [JSON.stringify(first.metadata)], true,
    ]);
    expect(taken.rows[0]).toMatchObject({ status: 'appended', last_position: String(start + 1n) });
    // The second takes start+2 and commits.
    expect((await store.appendToStream('early-stream', [second], 'no_stream')).lastPosition).toBe(start + 2n);
    // The store's reader reads nothing yet: an older transaction is still running.
    expect(await store.readAll({ after: start })).toEqual([]);

    const guardedSeen: RecordedEvent[] = [];
    const unguardedSeen: RecordedEvent[] = [];
    const guardedSubscription = store.subscribeToAll({ after: start, onEvents: async (events) => void guardedSeen.push(...events) });
    const unguardedSubscriptions = new AllStreamSubscriptions(unguarded(store.sqlClient), 20);
    const unguardedSubscription = unguardedSubscriptions.subscribe({ after: start, onEvents: async (events) => void unguardedSeen.push(...events) });

    // The unguarded reader hands over the committed later event and moves its position past the open one.
    const deadline = Date.now() + 30_000;
    while (unguardedSubscription.position < start + 2n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unguardedSeen.map((e) => e.id)).toEqual([second.id]);
    // Meanwhile the guarded subscription has delivered nothing.
    expect(await store.readAll({ after: start })).toEqual([]);
    expect(guardedSeen).toEqual([]);

    await late.query('COMMIT');
    await guardedSubscription.caughtUp();
    await unguardedSubscription.caughtUp();
    await unguardedSubscriptions.stopAll();

    expect(guardedSeen.map((e) => [e.id, e.globalPosition])).toEqual([[first.id, start + 1n], [second.id, start + 2n]]);
    expect(unguardedSeen.map((e) => e.id)).toEqual([second.id]);
  }, 60_000);

  it('refuses to append in a transaction that has already written, whose id would predate its positions', async () => {
    const event = newEvent('TooLate', {});
    await late.query('BEGIN');
    try {
      await late.query(`SELECT pg_current_xact_id()`);
      await expect(
        late.query(sql.appendSql, ['refused-stream', 'any', [event.id], [event.type], [1], [JSON.stringify(event.data)], [JSON.stringify(event.metadata)], false]),
      ).rejects.toMatchObject({ code: sql.appendNotFirstWriteErrorCode });
    } finally {
      await late.query('ROLLBACK');
    }
    expect(await store.readStream('refused-stream')).toEqual([]);
  });
});
