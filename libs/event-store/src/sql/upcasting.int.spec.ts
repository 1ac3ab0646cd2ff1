import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openPgliteClient } from '../pglite/pglite-sql-client.js';
import { openPostgresClient } from '../postgres/postgres-sql-client.js';
import { newEvent } from '../testing/event-store.contract.js';
import { createTestDatabase } from '../testing/postgres-test-database.js';
import { upcasterKey, type Upcaster, type Upcasters } from '../upcasting.js';
import type { SqlClient } from './sql-client.js';
import { SqlEventStore } from './sql-event-store.js';

// Version 1 stored grams as a number; version 2 holds a quantity; version 3 adds a carrier.
const upcasters: Upcasters = new Map<string, Upcaster>([
  [upcasterKey('ParcelShipped', 1), (data: unknown) => ({ weight: { value: (data as { weightGrams: number }).weightGrams, unit: 'g' } })],
  [upcasterKey('ParcelShipped', 2), (data: unknown) => ({ ...(data as object), carrier: 'unknown' })],
]);

const variants: [string, () => Promise<{ open(): Promise<SqlClient>; cleanup(): Promise<void> }>][] = [
  ['PostgreSQL', async () => {
    const database = await createTestDatabase();
    return { open: async () => openPostgresClient(database.url), cleanup: () => database.drop() };
  }],
  ['embedded PGlite', async () => {
    const client = await openPgliteClient();
    // PGlite in memory: hand out the same client, and close it only at the end.
    return { open: async () => ({ ...client, close: async () => {} }), cleanup: () => client.close() };
  }],
];

describe.each(variants)('upcasting on read: %s', (_name, setUp) => {
  let env: Awaited<ReturnType<(typeof variants)[number][1]>>;

  beforeAll(async () => {
    env = await setUp();
  });
  afterAll(async () => env.cleanup());

  it('reads version-1 events as the current version, and never rewrites them', async () => {
    const old = await SqlEventStore.open(await env.open());
    const v1 = { ...newEvent('ParcelShipped', { weightGrams: 1200 }), schemaVersion: 1 };
    const v2 = { ...newEvent('ParcelShipped', { weight: { value: 5, unit: 'kg' } }), schemaVersion: 2 };
    await old.appendToStream('parcel-1', [v1, v2]);
    await old.close();

    const store = await SqlEventStore.open(await env.open(), { upcasters });
    const expected = [
      { schemaVersion: 3, data: { weight: { value: 1200, unit: 'g' }, carrier: 'unknown' } },
      { schemaVersion: 3, data: { weight: { value: 5, unit: 'kg' }, carrier: 'unknown' } },
    ];
    expect((await store.readStream('parcel-1')).map(({ schemaVersion, data }) => ({ schemaVersion, data }))).toEqual(expected);
    const fromAll = (await store.readAll({ maxCount: 10_000 })).filter((e) => e.streamName === 'parcel-1');
    expect(fromAll.map(({ schemaVersion, data }) => ({ schemaVersion, data }))).toEqual(expected);

    const raw = await store.sqlClient.query<{ schema_version: number; data: unknown }>(`SELECT schema_version, data FROM sg_events WHERE stream_name = 'parcel-1' ORDER BY stream_revision`);
    expect(raw.rows).toEqual([
      { schema_version: 1, data: { weightGrams: 1200 } },
      { schema_version: 2, data: { weight: { value: 5, unit: 'kg' } } },
    ]);
    await store.close();
  });
});
