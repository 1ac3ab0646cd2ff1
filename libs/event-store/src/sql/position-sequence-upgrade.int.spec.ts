import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { openPgliteClient } from '../pglite/pglite-sql-client.js';
import { openPostgresClient } from '../postgres/postgres-sql-client.js';
import { newEvent } from '../testing/event-store.contract.js';
import { createTestDatabase, postgresAdminUrl, runStatements, type TestDatabase } from '../testing/postgres-test-database.js';
import { migrations } from './event-store.sql.js';
import { writerGrants } from './least-privilege.sql.js';
import type { SqlClient } from './sql-client.js';
import { SqlEventStore } from './sql-event-store.js';

// A store deployed before migration 6 (positions assigned under a lock held through commit) upgrades
// when it is opened: its events stay readable in order, new positions follow the stored ones, and a
// least-privilege writer role set up then keeps appending.

/** The schema as an earlier release left it (migrations 1 to 5), with two events appended through its sg_append. */
async function oldStore(client: SqlClient): Promise<string[]> {
  await client.transaction(async (tx) => {
    await tx.query('CREATE TABLE sg_migrations (id integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const migration of migrations.filter((m) => m.id <= 5)) {
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO sg_migrations (id) VALUES ($1)', [migration.id]);
    }
  });
  const events = [newEvent('ParcelShipped', { grams: 500 }), newEvent('ParcelDelivered', { to: 'door' })];
  await client.query(`SELECT status FROM sg_append('parcel-old', 'no_stream', $1::uuid[], $2::text[], $3::integer[], $4::text[], $5::text[], false)`, [
    events.map((e) => e.id),
    events.map((e) => e.type),
    events.map(() => 1),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => JSON.stringify(e.metadata)),
  ]);
  return events.map((e) => e.id);
}

const variants: [string, () => Promise<{ client(): Promise<SqlClient>; cleanup(): Promise<void> }>][] = [
  ['PostgreSQL', async () => {
    const database = await createTestDatabase('sg_upgrade');
    return { client: async () => openPostgresClient(database.url, { maxConnections: 2 }), cleanup: () => database.drop() };
  }],
  ['embedded PGlite', async () => {
    const client = await openPgliteClient();
    return { client: async () => ({ ...client, close: async () => {} }), cleanup: () => client.close() };
  }],
];

describe.each(variants)('a store from before the position sequence, opened by this release: %s', (_name, setUp) => {
  it('keeps its events readable in order and appends after them, in the same stream and in a new one', async () => {
    const env = await setUp();
    try {
      const old = await env.client();
      const oldIds = await oldStore(old);
      await old.close();

      const store = await SqlEventStore.open(await env.client());
      expect((await store.readAll()).map((e) => [e.id, e.globalPosition])).toEqual([[oldIds[0], 1n], [oldIds[1], 2n]]);
      expect(await store.appendToStream('parcel-old', [newEvent('ParcelReturned', {})], 1n)).toMatchObject({ lastPosition: 3n, nextExpectedRevision: 2n });
      expect(await store.appendToStream('parcel-new', [newEvent('ParcelShipped', {}), newEvent('ParcelLost', {})], 'no_stream')).toMatchObject({ lastPosition: 5n });
      expect((await store.readAll()).map((e) => e.globalPosition)).toEqual([1n, 2n, 3n, 4n, 5n]);
      await store.close();
    } finally {
      await env.cleanup();
    }
  }, 60_000);
});

describe('a least-privilege writer role granted before the upgrade (docs/audit.md) on PostgreSQL', () => {
  const role = `sg_writer_${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('sg_upgrade_role');
  });

  afterAll(async () => {
    await database?.drop();
    await runStatements(postgresAdminUrl, [`DROP ROLE IF EXISTS ${role}`]);
  });

  it('keeps appending once the owner has opened the upgraded store', async () => {
    const old = openPostgresClient(database.url, { maxConnections: 2 });
    await oldStore(old);
    await old.close();
    // The grants of that release: all of today's but the sequence, which did not exist.
    await runStatements(postgresAdminUrl, [`CREATE ROLE ${role} LOGIN`]);
    await runStatements(database.url, writerGrants(role).filter((grant) => !grant.includes('SEQUENCE')));

    const owner = await SqlEventStore.open(openPostgresClient(database.url, { maxConnections: 2 }));
    await owner.close();

    const url = new URL(database.url);
    url.username = role;
    const writer = await SqlEventStore.open(openPostgresClient(url.toString(), { maxConnections: 2 }));
    try {
      expect(await writer.appendToStream('parcel-w', [newEvent('ParcelShipped', {})], 'no_stream')).toMatchObject({ appended: true, lastPosition: 3n });
      expect((await writer.readAll()).map((e) => e.globalPosition)).toEqual([1n, 2n, 3n]);
    } finally {
      await writer.close();
    }
  }, 60_000);
});
