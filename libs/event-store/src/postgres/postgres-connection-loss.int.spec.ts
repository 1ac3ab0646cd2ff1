import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../testing/postgres-test-database.js';
import { openPostgresClient } from './postgres-sql-client.js';

// A PostgreSQL restart or failover ends every connection, idle ones included. The store must carry on
// with new connections; an idle pooled connection that dies must not take the process down with it.

let database: TestDatabase;
let store: SqlEventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await SqlEventStore.open(openPostgresClient(database.url, { maxConnections: 4 }));
});

afterAll(async () => {
  await store?.close();
  await database?.drop();
});

const joined = (n: number) => ({
  id: randomUUID(),
  type: 'EngineerJoined',
  schemaVersion: 1,
  data: { engineerId: `eng-${n}`, name: `Engineer ${n}`, email: `e${n}@example.test`, title: 'Engineer', teamId: 't', teamName: 'T', managerId: null, joinedOn: '2026-01-01' },
  metadata: { correlationId: 'c', causationId: null, actor: 'test', occurredAt: '2026-01-01T00:00:00.000Z' },
});

async function terminateConnectionsTo(databaseUrl: string): Promise<number> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  try {
    const name = new URL(databaseUrl).pathname.slice(1);
    const { rows } = await admin.query<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    return rows[0]!.n;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL event store when the server ends its connections', () => {
  it('keeps running and appends and reads on new connections', async () => {
    await store.appendToStream('engineer-1', [joined(1)], 'no_stream');
    expect(await terminateConnectionsTo(database.url)).toBeGreaterThan(0);
    // The idle connections hear of it; an unhandled 'error' from the pool would fail this file here.
    await new Promise((resolve) => setTimeout(resolve, 300));

    await store.appendToStream('engineer-2', [joined(2)], 'no_stream');
    expect((await store.readAll({ after: 0n })).map((e) => e.streamName)).toEqual(['engineer-1', 'engineer-2']);
  });
});
