import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@skills-graph/domain';
import { openPgliteClient } from '../pglite/pglite-sql-client.js';
import { openPostgresClient } from '../postgres/postgres-sql-client.js';
import { newEvent } from '../testing/event-store.contract.js';
import { createTestDatabase, type TestDatabase } from '../testing/postgres-test-database.js';
import type { SqlClient } from './sql-client.js';
import { SqlEventStore } from './sql-event-store.js';

/**
 * The gap problem: if positions were handed out by a sequence, a writer could take position N, another
 * N+1 and commit first; a reader would see N+1, move its checkpoint past N, and never see N when it
 * commits. Here eight writers append concurrently while a subscriber follows, and a trigger makes each
 * insert linger before commit to widen that window. Every event must reach the subscriber exactly
 * once, and the positions it sees must have no holes.
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
