import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresAdvisoryLeases } from './leases.js';
import { createTestDatabase, type TestDatabase } from './testing/postgres-test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('sg_leases');
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

describe('PostgreSQL advisory leases', () => {
  it('gives a lease to one holder; a second waits and takes it when the holder releases it or its session dies', async () => {
    const first = new PostgresAdvisoryLeases(database.url, { retryMs: 100, heartbeatMs: 200 });
    const second = new PostgresAdvisoryLeases(database.url, { retryMs: 100, heartbeatMs: 200 });
    try {
      const held = (await first.acquire('relay', () => false))!;
      let secondHolds = false;
      const waiting = second.acquire('relay', () => false).then((lease) => {
        secondHolds = true;
        return lease!;
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(secondHolds).toBe(false);
      await held.release();
      const taken = await waiting;
      expect(secondHolds).toBe(true);

      // The holder's session dies (as with kill -9): the lease is lost there and free for the other.
      let lostSeen = false;
      void taken.lost.then(() => (lostSeen = true));
      const again = first.acquire('relay', () => false);
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'skills-graph-leases' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')`);
      await admin.end();
      expect(await again).not.toBeNull();
      await new Promise((r) => setTimeout(r, 500));
      expect(lostSeen).toBe(true);
    } finally {
      await first.close();
      await second.close();
    }
  }, 30_000);

  it('gives up waiting when cancelled', async () => {
    const a = new PostgresAdvisoryLeases(database.url, { retryMs: 50 });
    const b = new PostgresAdvisoryLeases(database.url, { retryMs: 50 });
    try {
      await a.acquire('projector', () => false);
      let cancelled = false;
      const waiting = b.acquire('projector', () => cancelled);
      cancelled = true;
      expect(await waiting).toBeNull();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
