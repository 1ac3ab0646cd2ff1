import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { SqlClient, SqlExecutor } from '../sql/sql-client.js';

/**
 * PGlite (PostgreSQL compiled to WASM) as a SqlClient. With a data folder it persists there, so data
 * survives a restart; without one it lives in memory (tests).
 */
export async function openPgliteClient(dataDir?: string): Promise<SqlClient> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const asExecutor = (target: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await target.query<Row>(sql, params);
      return { rows: result.rows };
    },
  });
  return {
    ...asExecutor(db),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(asExecutor(tx)));
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
    },
  };
}
