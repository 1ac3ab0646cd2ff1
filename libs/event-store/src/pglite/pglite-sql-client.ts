import { PGlite } from '@electric-sql/pglite';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SqlClient, SqlExecutor } from '../sql/sql-client.js';

/**
 * PostgreSQL settings of the embedded database, chosen for memory (docs/operations.md, "Memory"): PGlite's
 * defaults reserve 160 MB of shared buffers inside its WebAssembly memory, which one process reading its own
 * log does not need (the files it reads stay in the operating system's page cache).
 */
export const pgliteSettings = ['shared_buffers=16MB', 'wal_buffers=1MB', 'temp_buffers=1MB'] as const;

/**
 * Creates the database in a new folder in a short-lived Node process: PGlite runs initdb (a second
 * WebAssembly program) in the instance that creates it, and the process that ran it keeps about 450 MB of
 * memory and compiled code that it never needs again; opening the created folder costs about 140 MB.
 */
async function initialiseDataDir(dataDir: string, options: { postgresqlconf: string[] }): Promise<void> {
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = 'const { PGlite } = require(process.argv[1]); PGlite.create(process.argv[2], JSON.parse(process.argv[3])).then((db) => db.close());';
  await promisify(execFile)(process.execPath, ['-e', script, pglite, dataDir, JSON.stringify(options)], { timeout: 600_000 });
}

/**
 * PGlite (PostgreSQL compiled to WASM) as a SqlClient. With a data folder it persists there, so data
 * survives a restart; without one it lives in memory (tests).
 */
export async function openPgliteClient(dataDir?: string): Promise<SqlClient> {
  const options = { postgresqlconf: [...pgliteSettings] };
  if (dataDir && !existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    await initialiseDataDir(dataDir, options);
  }
  const db = await PGlite.create(dataDir, options);
  const asExecutor = (target: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await target.query<Row>(sql, params);
      return { rows: result.rows };
    },
  });
  return {
    ...asExecutor(db),
    // PGlite is one PostgreSQL backend in this process: one connection, one transaction at a time.
    oneTransactionAtATime: true,
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
