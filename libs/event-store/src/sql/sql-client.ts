/** The little SQL surface the SQL event store needs; PGlite and `pg` both fit behind it. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs fn in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Calls wake whenever any process commits an append (PostgreSQL LISTEN/NOTIFY). Optional: without it,
   * subscriptions rely on in-process wake-ups and polling.
   */
  onAppended?(wake: () => void): Promise<() => void>;
  /**
   * True when the database runs one transaction at a time on one connection that only this process uses
   * (the embedded PGlite): every committed event is readable at once, and every append is this process's own.
   */
  readonly oneTransactionAtATime?: boolean;
  /**
   * Tells other processes that an append committed (PostgreSQL NOTIFY), after the commit and outside
   * the append's transaction: a NOTIFY inside it would hold PostgreSQL's notification lock through the
   * commit and make concurrent appends commit one at a time.
   */
  notifyAppended?(): void;
  close(): Promise<void>;
}
