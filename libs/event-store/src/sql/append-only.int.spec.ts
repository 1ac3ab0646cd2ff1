import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { SqlCheckpointStore } from '../checkpoint-store.js';
import { openPgliteClient } from '../pglite/pglite-sql-client.js';
import { openPostgresClient } from '../postgres/postgres-sql-client.js';
import { newEvent } from '../testing/event-store.contract.js';
import { createTestDatabase, postgresAdminUrl, runStatements, type TestDatabase } from '../testing/postgres-test-database.js';
import { appendOnlyErrorCode, migrations } from './event-store.sql.js';
import { writerGrants } from './least-privilege.sql.js';
import type { SqlClient } from './sql-client.js';
import { SqlEventStore } from './sql-event-store.js';

// The event log is append-only on PostgreSQL and on the embedded PGlite alike: UPDATE, DELETE and
// TRUNCATE of sg_events fail with a clear error and change nothing, while appends go on working. A
// database created before the triggers existed gets them when the store opens it.

interface Variant {
  /** A fresh, empty database; open() may be called several times (the same database each time). */
  open(): Promise<SqlClient>;
  cleanup(): Promise<void>;
}

const variants: [string, () => Promise<Variant>][] = [
  [
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase('sg_append_only');
      const opened: SqlClient[] = [];
      return {
        async open() {
          const client = openPostgresClient(database.url, { maxConnections: 2 });
          opened.push(client);
          return client;
        },
        cleanup: () => database.drop(),
      };
    },
  ],
  [
    'embedded PGlite',
    async () => {
      const client = await openPgliteClient();
      return { open: async () => ({ ...client, close: async () => {} }), cleanup: () => client.close() };
    },
  ],
];

const rawEvents = async (client: SqlClient) =>
  (await client.query<{ global_position: string; event_id: string; stream_name: string; data: unknown; metadata: unknown }>(
    'SELECT global_position::text AS global_position, event_id::text AS event_id, stream_name, data, metadata FROM sg_events ORDER BY global_position',
  )).rows;

const triggerNames = async (client: SqlClient) =>
  (await client.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'sg_events'::regclass AND NOT tgisinternal ORDER BY tgname`)).rows.map((r) => r.tgname);

const refusal = (operation: string) => expect.objectContaining({ message: `sg_events is append-only: ${operation} of stored events is refused`, code: appendOnlyErrorCode });

describe.each(variants)('the event log refuses changes to stored events: %s', (_name, setUp) => {
  let env: Variant;
  let store: SqlEventStore;

  beforeAll(async () => {
    env = await setUp();
    store = await SqlEventStore.open(await env.open());
    await store.appendToStream('parcel-1', [newEvent('ParcelShipped', { grams: 1200 }), newEvent('ParcelDelivered', { to: 'door' })]);
  }, 60_000);

  afterAll(async () => {
    await store.close();
    await env.cleanup();
  });

  it.each([
    ['UPDATE', `UPDATE sg_events SET data = '{"grams": 1}'::jsonb WHERE stream_name = 'parcel-1'`],
    ['UPDATE', `UPDATE sg_events SET metadata = metadata || '{"actor": "someone-else"}'::jsonb`],
    ['DELETE', `DELETE FROM sg_events WHERE stream_name = 'parcel-1'`],
    ['DELETE', `DELETE FROM sg_events WHERE stream_name = 'no-such-stream'`],
    ['TRUNCATE', `TRUNCATE sg_events`],
    ['TRUNCATE', `TRUNCATE sg_events CASCADE`],
  ])('refuses %s (%s) with a clear error and changes nothing', async (operation, statement) => {
    const before = await rawEvents(store.sqlClient);
    expect(before.length).toBeGreaterThanOrEqual(2);
    await expect(store.sqlClient.query(statement)).rejects.toEqual(refusal(operation));
    // Inside a transaction too: the refusal aborts it, and nothing of it is kept.
    await expect(
      store.sqlClient.transaction(async (tx) => {
        await tx.query(`SELECT 1`);
        await tx.query(statement);
      }),
    ).rejects.toEqual(refusal(operation));
    expect(await rawEvents(store.sqlClient)).toEqual(before);
  });

  it('still appends and reads after refusing changes', async () => {
    const before = await store.headPosition();
    const result = await store.appendToStream('parcel-1', [newEvent('ParcelReturned', { why: 'damaged' })], 1n);
    expect(result).toMatchObject({ appended: true, nextExpectedRevision: 2n, lastPosition: before + 1n });
    expect((await store.readStream('parcel-1')).map((e) => e.type)).toEqual(['ParcelShipped', 'ParcelDelivered', 'ParcelReturned']);
  });

  it('leaves the other tables writable: stream revisions and consumer checkpoints', async () => {
    const checkpoints = new SqlCheckpointStore(store.sqlClient);
    await checkpoints.store('audit-test', 2n);
    await checkpoints.store('audit-test', 3n);
    expect(await checkpoints.read('audit-test')).toBe(3n);
  });
});

describe.each(variants)('a database created before the append-only triggers gets them when opened: %s', (_name, setUp) => {
  let env: Variant;

  beforeAll(async () => {
    env = await setUp();
  }, 60_000);
  afterAll(async () => env.cleanup());

  it('adds the triggers to an existing log, keeps its events, and opening again changes nothing', async () => {
    // The schema as an earlier release left it: migrations 1 and 2 only, with events stored.
    const old = await env.open();
    await old.transaction(async (tx) => {
      await tx.query('CREATE TABLE sg_migrations (id integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const migration of migrations.filter((m) => m.id <= 2)) {
        for (const statement of migration.statements) await tx.query(statement);
        await tx.query('INSERT INTO sg_migrations (id) VALUES ($1)', [migration.id]);
      }
    });
    const event = newEvent('ParcelShipped', { grams: 500 });
    await old.query(`SELECT status FROM sg_append('parcel-old', 'no_stream', $1::uuid[], $2::text[], $3::integer[], $4::text[], $5::text[], false)`, [
      [event.id],
      [event.type],
      [1],
      [JSON.stringify(event.data)],
      [JSON.stringify(event.metadata)],
    ]);
    // Before: nothing stops an update (this is what the migration closes).
    expect(await triggerNames(old)).toEqual([]);
    await old.close();

    const store = await SqlEventStore.open(await env.open());
    expect(await triggerNames(store.sqlClient)).toEqual(['sg_events_no_truncate', 'sg_events_no_update_or_delete']);
    expect((await store.readStream('parcel-old')).map((e) => ({ id: e.id, data: e.data }))).toEqual([{ id: event.id, data: { grams: 500 } }]);
    await expect(store.sqlClient.query(`UPDATE sg_events SET data = '{}'::jsonb`)).rejects.toEqual(refusal('UPDATE'));
    const migrated = (await store.sqlClient.query<{ id: number }>('SELECT id FROM sg_migrations ORDER BY id')).rows.map((r) => Number(r.id));
    await store.close();

    // Opening again applies nothing twice; running the migration's statements again is harmless too.
    const again = await SqlEventStore.open(await env.open());
    expect((await again.sqlClient.query<{ id: number }>('SELECT id FROM sg_migrations ORDER BY id')).rows.map((r) => Number(r.id))).toEqual(migrated);
    await again.sqlClient.transaction(async (tx) => {
      for (const statement of migrations.find((m) => m.id === 3)!.statements) await tx.query(statement);
    });
    expect(await triggerNames(again.sqlClient)).toEqual(['sg_events_no_truncate', 'sg_events_no_update_or_delete']);
    await expect(again.sqlClient.query('DELETE FROM sg_events')).rejects.toEqual(refusal('DELETE'));
    expect(await again.readStream('parcel-old')).toHaveLength(1);
    await again.close();
  });
});

describe('the least-privilege writer role on PostgreSQL (the GRANTs of docs/audit.md)', () => {
  const role = `sg_writer_${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let owner: SqlEventStore;
  let writer: SqlEventStore;
  let writerUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('sg_writer_role');
    // The owner (here the test's admin role) creates the schema by opening the store once.
    owner = await SqlEventStore.open(openPostgresClient(database.url, { maxConnections: 2 }));
    await runStatements(postgresAdminUrl, [`CREATE ROLE ${role} LOGIN`]);
    await runStatements(database.url, [`REVOKE CREATE ON SCHEMA public FROM PUBLIC`, ...writerGrants(role)]);
    const url = new URL(database.url);
    url.username = role;
    writerUrl = url.toString();
    writer = await SqlEventStore.open(openPostgresClient(writerUrl, { maxConnections: 2 }));
  }, 60_000);

  afterAll(async () => {
    await writer?.close();
    await owner?.close();
    await database?.drop();
    await runStatements(postgresAdminUrl, [`DROP ROLE IF EXISTS ${role}`]);
  });

  it('opens a migrated database, appends, reads and stores checkpoints', async () => {
    expect((await writer.sqlClient.query<{ current_user: string }>('SELECT current_user')).rows[0]!.current_user).toBe(role);
    const result = await writer.appendToStream('parcel-w', [newEvent('ParcelShipped', { grams: 10 })], 'no_stream');
    expect(result.appended).toBe(true);
    expect(await writer.readStream('parcel-w')).toHaveLength(1);
    const checkpoints = new SqlCheckpointStore(writer.sqlClient);
    await checkpoints.store('writer-test', result.lastPosition);
    expect(await checkpoints.read('writer-test')).toBe(result.lastPosition);
  });

  it.each([
    [`UPDATE sg_events SET data = '{}'::jsonb`],
    [`DELETE FROM sg_events`],
    [`TRUNCATE sg_events`],
    [`ALTER TABLE sg_events DISABLE TRIGGER sg_events_no_update_or_delete`],
    [`DROP TRIGGER sg_events_no_update_or_delete ON sg_events`],
    [`DROP TABLE sg_events`],
    [`CREATE TABLE sg_shadow (id int)`],
  ])('cannot change the log or its protection: %s', async (statement) => {
    const before = await rawEvents(owner.sqlClient);
    await expect(writer.sqlClient.query(statement)).rejects.toThrow(/permission denied|must be owner/);
    expect(await rawEvents(owner.sqlClient)).toEqual(before);
  });

  it('the owner is refused by the triggers as well', async () => {
    await expect(owner.sqlClient.query('DELETE FROM sg_events')).rejects.toEqual(refusal('DELETE'));
  });
});
