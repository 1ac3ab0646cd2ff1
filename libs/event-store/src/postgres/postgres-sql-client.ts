import pg from 'pg';
import type { SqlClient, SqlExecutor } from '../sql/sql-client.js';

/** Channel the SQL event store notifies on commit, so subscribers in other processes wake at once. */
export const appendNotificationChannel = 'sg_events_appended';

/**
 * PostgreSQL through a `pg` pool. Bigint columns are read as text by the shared SQL, so no type
 * parsers are changed globally.
 */
export function openPostgresClient(connectionString: string, options: { maxConnections?: number; timeoutMs?: number } = {}): SqlClient {
  // EVENT_STORE_TIMEOUT_MS bounds connecting and each query (client side: a server that stops answering
  // fails the query with "Query read timeout" instead of holding it for ever).
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  // An idle pooled connection that the server ends (a restart, pg_terminate_backend, a failover) is
  // dropped by the pool, and the next query opens a new one. Without a listener, pg-pool's 'error'
  // event would crash the process instead.
  pool.on('error', () => undefined);
  const listeners = new Set<() => void>();
  let listener: pg.Client | undefined;
  let closed = false;

  /** One connection LISTENs for appends; if it drops, it reconnects after a pause (polling covers the gap). */
  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString });
    client.on('notification', () => listeners.forEach((notify) => notify()));
    client.on('error', () => {
      client.end().catch(() => undefined);
      if (listener === client) listener = undefined;
      const retry = () => {
        if (closed || listener) return;
        listen().catch(() => setTimeout(retry, 1_000).unref());
      };
      setTimeout(retry, 1_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${appendNotificationChannel}`);
    listener = client;
  };

  const asExecutor = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await target.query(sql, params as unknown[]);
      return { rows: result.rows as Row[] };
    },
  });

  // At most one NOTIFY in flight: appends that commit meanwhile ask for one more, sent when it returns,
  // so the last commit is always followed by a notification, while a burst of appends sends few.
  let notifying: Promise<void> | undefined;
  let notifyAgain = false;
  const notify = (): Promise<void> =>
    pool
      .query('SELECT pg_notify($1, $2)', [appendNotificationChannel, ''])
      .then(() => undefined, () => undefined) // the subscribers' polling covers a lost notification
      .then(() => {
        if (notifyAgain && !closed) {
          notifyAgain = false;
          return notify();
        }
        notifying = undefined;
      });

  return {
    ...asExecutor(pool),
    notifyAppended() {
      if (closed) return;
      if (notifying) notifyAgain = true;
      else notifying = notify();
    },
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
      if (!listener) await listen();
      return () => listeners.delete(wake);
    },
    async close() {
      closed = true;
      listeners.clear();
      await notifying;
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
