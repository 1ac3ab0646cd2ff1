/**
 * The SQL shared by the embedded (PGlite) and PostgreSQL event stores.
 *
 * Global order: appends take a transaction-scoped advisory lock, so one writer at a time assigns
 * positions, and a position becomes visible only after every smaller one has committed. A reader that
 * sees position N therefore never later discovers an N-1 committed late (the "gap" problem of
 * sequence-ordered event tables).
 */

export const appendLockKey = 4_711_000_001;

export const migrations: { id: number; sql: string }[] = [
  {
    id: 1,
    sql: `
      CREATE TABLE IF NOT EXISTS sg_streams (
        stream_name text PRIMARY KEY,
        revision bigint NOT NULL
      );
      CREATE TABLE IF NOT EXISTS sg_events (
        global_position bigint PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        stream_name text NOT NULL,
        stream_revision bigint NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_name, stream_revision)
      );
      CREATE TABLE IF NOT EXISTS sg_checkpoints (
        consumer text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

export const migrationTableSql = `CREATE TABLE IF NOT EXISTS sg_migrations (id integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;

export const takeAppendLockSql = `SELECT pg_advisory_xact_lock(${appendLockKey})`;

export const streamRevisionSql = `SELECT revision::text AS revision FROM sg_streams WHERE stream_name = $1`;

export const existingEventsSql = `
  SELECT event_id::text AS event_id, stream_name, stream_revision::text AS stream_revision, global_position::text AS global_position
  FROM sg_events WHERE event_id = ANY($1::uuid[]) ORDER BY sg_events.global_position`;

export const headPositionSql = `SELECT COALESCE(MAX(global_position), 0)::text AS position FROM sg_events`;

export const insertEventsSql = `
  INSERT INTO sg_events (global_position, event_id, stream_name, stream_revision, event_type, schema_version, data, metadata)
  SELECT p::bigint, id::uuid, $1, r::bigint, t, v::integer, d::jsonb, m::jsonb
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS x(p, id, r, t, v, d, m)`;

export const upsertStreamSql = `
  INSERT INTO sg_streams (stream_name, revision) VALUES ($1, $2::bigint)
  ON CONFLICT (stream_name) DO UPDATE SET revision = EXCLUDED.revision`;

const selectColumns = `
  global_position::text AS global_position, event_id::text AS event_id, stream_name, stream_revision::text AS stream_revision,
  event_type, schema_version, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

export const readStreamSql = `
  SELECT ${selectColumns} FROM sg_events
  WHERE stream_name = $1 AND stream_revision >= $2::bigint ORDER BY sg_events.stream_revision LIMIT $3`;

export const readAllSql = `
  SELECT ${selectColumns} FROM sg_events
  WHERE global_position > $1::bigint ORDER BY sg_events.global_position LIMIT $2`;

/** Sent inside the append transaction: PostgreSQL delivers it on commit. */
export const notifyAppendedSql = `SELECT pg_notify('sg_events_appended', '')`;

export const readCheckpointSql = `SELECT position::text AS position FROM sg_checkpoints WHERE consumer = $1`;
export const storeCheckpointSql = `
  INSERT INTO sg_checkpoints (consumer, position, updated_at) VALUES ($1, $2::bigint, now())
  ON CONFLICT (consumer) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`;

export interface EventRow {
  global_position: string;
  event_id: string;
  stream_name: string;
  stream_revision: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at: string;
}
