import pg from 'pg';
import type { SqlClient, SqlExecutor } from '../sql/sql-client.js';

/** Channel the SQL event store notifies on commit, so subscribers in other processes wake at once. */
export const appendNotificationChannel = 'sg_events_appended';

/**
 * PostgreSQL through a `pg` pool. Bigint columns are read as text by the shared SQL, so no type
 * parsers are changed globally.
 */
export function openPostgresClient(connectionString: string, options: { maxConnections?: number } = {}): SqlClient {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
  const listeners = new Set<() => void>();
  let listener: pg.Client | undefined;

  const asExecutor = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await target.query(sql, params as unknown[]);
      return { rows: result.rows as Row[] };
    },
  });

  return {
    ...asExecutor(pool),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(asExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async onAppended(wake: () => void) {
      listeners.add(wake);
      if (!listener) {
        listener = new pg.Client({ connectionString });
        listener.on('notification', () => listeners.forEach((notify) => notify()));
        listener.on('error', () => listener?.end().catch(() => undefined));
        await listener.connect();
        await listener.query(`LISTEN ${appendNotificationChannel}`);
      }
      return () => listeners.delete(wake);
    },
    async close() {
      listeners.clear();
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
