/**
 * The SQL shared by the embedded (PGlite) and PostgreSQL event stores.
 *
 * Global order (since migration 6): writers take positions from a sequence while briefly holding a
 * lock that also gives their transaction its id, so positions and transaction ids are handed out in
 * the same order; the lock is released at once, and writers insert and commit concurrently (commits can
 * be grouped). Readers read only events written by transactions older than the oldest one still
 * running. Together these keep the guarantee that a reader which saw position N never later finds a
 * smaller position committed late (the "gap" problem of sequence-ordered event tables): every smaller
 * position belongs to an older transaction, which has finished. Positions increase in commit-visible
 * order; an append that fails after taking its positions leaves them unused (a hole, never filled).
 */

/** The bigint advisory-lock key of the position lock (and of migrations). */
export const appendLockKey = 4_711_000_001;
/** First key of the two-key advisory locks that serialize appends to one stream (the second is the stream's hash). */
export const streamLockSpace = 4_711;

/** The condition a row must meet to be read from the global log: its transaction is older than every running one. */
export const readableGuard = `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

/**
 * One row per data subject: their key, or no key once erased. Erasure lives in the same row as the key
 * so creating a key and erasing conflict on the primary key: no key is ever made again after an erasure.
 */
export const personalDataKeysTableSql = `CREATE TABLE IF NOT EXISTS sg_personal_data_keys (
  subject_id text PRIMARY KEY,
  key bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz,
  CHECK ((key IS NULL) = (erased_at IS NOT NULL))
)`;

/** The trigger function that refuses UPDATE, DELETE and TRUNCATE on sg_events, and the SQLSTATE it raises. */
export const appendOnlyFunction = 'sg_refuse_event_change';
export const appendOnlyErrorCode = 'SG001';
/** Raised and caught inside sg_append to end the subtransaction that holds the position lock (never seen outside). */
const releasePositionLockCode = 'SG002';
/** sg_append refuses to run in a transaction that has already written: its transaction id would predate its positions. */
export const appendNotFirstWriteErrorCode = 'SG003';

/** Each migration is a list of statements, run in one transaction under the append lock. */
export const migrations: { id: number; statements: string[] }[] = [
  {
    id: 1,
    statements: [
      `CREATE TABLE IF NOT EXISTS sg_streams (
        stream_name text PRIMARY KEY,
        revision bigint NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS sg_events (
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
      )`,
      `CREATE TABLE IF NOT EXISTS sg_checkpoints (
        consumer text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    id: 2,
    // One round trip per append: the lock, the idempotency and revision checks, position assignment,
    // the insert and the notification all happen inside this function, in the caller's statement.
    statements: [
      `CREATE OR REPLACE FUNCTION sg_append(
        p_stream text, p_expected text, p_ids uuid[], p_types text[], p_versions integer[], p_data text[], p_metadata text[], p_notify boolean
      ) RETURNS TABLE (status text, next_revision bigint, last_position bigint, found_stream text, found_id text)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_count integer := array_length(p_ids, 1);
        v_current bigint;
        v_head bigint;
        v_found integer;
        v_found_here integer;
        v_found_last bigint;
        v_found_stream text;
        v_found_id text;
      BEGIN
        PERFORM pg_advisory_xact_lock(${appendLockKey});
        SELECT count(*), count(*) FILTER (WHERE e.stream_name = p_stream), max(e.global_position),
               (array_agg(e.stream_name ORDER BY e.global_position))[1], (array_agg(e.event_id::text ORDER BY e.global_position))[1]
          INTO v_found, v_found_here, v_found_last, v_found_stream, v_found_id
          FROM sg_events e WHERE e.event_id = ANY(p_ids);
        SELECT s.revision INTO v_current FROM sg_streams s WHERE s.stream_name = p_stream;
        v_current := coalesce(v_current, -1);
        IF v_found > 0 THEN
          IF v_found = v_count AND v_found_here = v_count THEN
            RETURN QUERY SELECT 'replayed'::text, v_current, v_found_last, NULL::text, NULL::text;
          ELSE
            RETURN QUERY SELECT 'duplicate'::text, v_current, NULL::bigint, v_found_stream, v_found_id;
          END IF;
          RETURN;
        END IF;
        IF NOT (p_expected = 'any'
             OR (p_expected = 'no_stream' AND v_current < 0)
             OR (p_expected = 'stream_exists' AND v_current >= 0)
             OR (p_expected ~ '^[0-9]+$' AND p_expected::bigint = v_current)) THEN
          RETURN QUERY SELECT 'conflict'::text, v_current, NULL::bigint, NULL::text, NULL::text;
          RETURN;
        END IF;
        SELECT coalesce(max(e.global_position), 0) INTO v_head FROM sg_events e;
        INSERT INTO sg_events (global_position, event_id, stream_name, stream_revision, event_type, schema_version, data, metadata)
          SELECT v_head + i, p_ids[i], p_stream, v_current + i, p_types[i], p_versions[i], p_data[i]::jsonb, p_metadata[i]::jsonb
          FROM generate_subscripts(p_ids, 1) AS i;
        INSERT INTO sg_streams (stream_name, revision) VALUES (p_stream, v_current + v_count)
          ON CONFLICT (stream_name) DO UPDATE SET revision = EXCLUDED.revision;
        IF p_notify THEN PERFORM pg_notify('sg_events_appended', ''); END IF;
        RETURN QUERY SELECT 'appended'::text, v_current + v_count, v_head + v_count, NULL::text, NULL::text;
      END
      $fn$`,
    ],
  },
  {
    id: 3,
    // The log is append-only: whoever connects, UPDATE, DELETE and TRUNCATE of stored events are refused
    // (statement triggers, so even a statement that would touch no row fails). Written to run again
    // harmlessly, so a database that already has the triggers is left as it is.
    statements: [
      `CREATE OR REPLACE FUNCTION ${appendOnlyFunction}() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'sg_events is append-only: % of stored events is refused', TG_OP
          USING ERRCODE = '${appendOnlyErrorCode}',
                HINT = 'Events are never changed or removed; append a new event that corrects or supersedes the old one.';
      END
      $fn$`,
      `DROP TRIGGER IF EXISTS sg_events_no_update_or_delete ON sg_events`,
      `CREATE TRIGGER sg_events_no_update_or_delete BEFORE UPDATE OR DELETE ON sg_events
        FOR EACH STATEMENT EXECUTE FUNCTION ${appendOnlyFunction}()`,
      `DROP TRIGGER IF EXISTS sg_events_no_truncate ON sg_events`,
      `CREATE TRIGGER sg_events_no_truncate BEFORE TRUNCATE ON sg_events
        FOR EACH STATEMENT EXECUTE FUNCTION ${appendOnlyFunction}()`,
      // Finds an engineer's evidence streams for the audit trail without reading the whole log.
      `CREATE INDEX IF NOT EXISTS sg_events_evidence_by_engineer ON sg_events ((data->>'engineerId')) WHERE event_type = 'EvidenceSubmitted'`,
    ],
  },
  {
    id: 4,
    // Personal-data keys (crypto-shredding, docs/erasure.md): one row per person, their AES-256 key or,
    // once erased, no key and the erasure's time. See personal-data/personal-data-keys.sql.ts.
    statements: [personalDataKeysTableSql],
  },
  {
    id: 5,
    // What a log follower (assessment, relay) needs beside its checkpoint to resume without folding the
    // log from the start: its state as of a global position, gzipped JSON (follower-state-store.ts).
    statements: [
      `CREATE TABLE IF NOT EXISTS sg_follower_state (
        follower text PRIMARY KEY,
        position bigint NOT NULL,
        state bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    id: 6,
    // Concurrent appends without a lock held through commit (see the comment at the top of this file).
    // Positions now come from a sequence, started after the highest stored one; each event records its
    // transaction's id. Stored events get 0, older than any transaction, so they stay readable (a
    // constant default adds the column without rewriting the table). The append function keeps its
    // signature, so the writer role's EXECUTE grant still applies.
    statements: [
      `CREATE SEQUENCE IF NOT EXISTS sg_global_position AS bigint`,
      `SELECT setval('sg_global_position', (SELECT coalesce(max(global_position), 0) FROM sg_events) + 1, false)`,
      `ALTER TABLE sg_events ADD COLUMN IF NOT EXISTS transaction_id xid8 NOT NULL DEFAULT '0'`,
      `ALTER TABLE sg_events ALTER COLUMN transaction_id SET DEFAULT pg_current_xact_id()`,
      // A least-privilege writer role set up before this migration (docs/audit.md) may run sg_append:
      // it gets the sequence too, so appends go on working after the upgrade.
      `DO $grant$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT DISTINCT a.grantee::regrole::text AS role
                 FROM pg_proc p, aclexplode(p.proacl) a
                 WHERE p.oid = 'sg_append(text, text, uuid[], text[], integer[], text[], text[], boolean)'::regprocedure
                   AND a.privilege_type = 'EXECUTE' AND a.grantee <> 0 AND a.grantee <> p.proowner LOOP
          EXECUTE format('GRANT USAGE ON SEQUENCE sg_global_position TO %s', r.role);
        END LOOP;
      END
      $grant$`,
      `CREATE OR REPLACE FUNCTION sg_append(
        p_stream text, p_expected text, p_ids uuid[], p_types text[], p_versions integer[], p_data text[], p_metadata text[], p_notify boolean
      ) RETURNS TABLE (status text, next_revision bigint, last_position bigint, found_stream text, found_id text)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_count integer := array_length(p_ids, 1);
        v_current bigint;
        v_first bigint;
        v_found integer;
        v_found_here integer;
        v_found_last bigint;
        v_found_stream text;
        v_found_id text;
      BEGIN
        -- Appends to one stream take turns until commit (idempotency and the expected revision are
        -- checked against committed data); appends to different streams do not wait for each other.
        PERFORM pg_advisory_xact_lock(${streamLockSpace}, hashtext(p_stream));
        SELECT count(*), count(*) FILTER (WHERE e.stream_name = p_stream), max(e.global_position),
               (array_agg(e.stream_name ORDER BY e.global_position))[1], (array_agg(e.event_id::text ORDER BY e.global_position))[1]
          INTO v_found, v_found_here, v_found_last, v_found_stream, v_found_id
          FROM sg_events e WHERE e.event_id = ANY(p_ids);
        SELECT s.revision INTO v_current FROM sg_streams s WHERE s.stream_name = p_stream;
        v_current := coalesce(v_current, -1);
        IF v_found > 0 THEN
          IF v_found = v_count AND v_found_here = v_count THEN
            RETURN QUERY SELECT 'replayed'::text, v_current, v_found_last, NULL::text, NULL::text;
          ELSE
            RETURN QUERY SELECT 'duplicate'::text, v_current, NULL::bigint, v_found_stream, v_found_id;
          END IF;
          RETURN;
        END IF;
        IF NOT (p_expected = 'any'
             OR (p_expected = 'no_stream' AND v_current < 0)
             OR (p_expected = 'stream_exists' AND v_current >= 0)
             OR (p_expected ~ '^[0-9]+$' AND p_expected::bigint = v_current)) THEN
          RETURN QUERY SELECT 'conflict'::text, v_current, NULL::bigint, NULL::text, NULL::text;
          RETURN;
        END IF;
        -- Positions: under the position lock, this transaction gets its id and its consecutive
        -- positions, so an older transaction id always means smaller positions. The lock is taken in
        -- a subtransaction that is then rolled back on purpose, which releases it now (and on any
        -- error or cancellation too), while the transaction id and the sequence values stay.
        BEGIN
          PERFORM pg_advisory_xact_lock(${appendLockKey});
          IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
            RAISE EXCEPTION 'sg_append must be the first write of its transaction'
              USING ERRCODE = '${appendNotFirstWriteErrorCode}',
                    HINT = 'Its transaction id must be taken together with its positions; append in a transaction of its own.';
          END IF;
          PERFORM pg_current_xact_id();
          SELECT min(n) INTO v_first FROM (SELECT nextval('sg_global_position') AS n FROM generate_series(1, v_count)) taken;
          RAISE SQLSTATE '${releasePositionLockCode}';
        EXCEPTION WHEN SQLSTATE '${releasePositionLockCode}' THEN NULL;
        END;
        INSERT INTO sg_events (global_position, event_id, stream_name, stream_revision, event_type, schema_version, data, metadata, transaction_id)
          SELECT v_first + i - 1, p_ids[i], p_stream, v_current + i, p_types[i], p_versions[i], p_data[i]::jsonb, p_metadata[i]::jsonb, pg_current_xact_id()
          FROM generate_subscripts(p_ids, 1) AS i;
        INSERT INTO sg_streams (stream_name, revision) VALUES (p_stream, v_current + v_count)
          ON CONFLICT (stream_name) DO UPDATE SET revision = EXCLUDED.revision;
        IF p_notify THEN PERFORM pg_notify('sg_events_appended', ''); END IF;
        RETURN QUERY SELECT 'appended'::text, v_current + v_count, v_first + v_count - 1, NULL::text, NULL::text;
      END
      $fn$`,
    ],
  },
];

export const migrationTableExistsSql = `SELECT to_regclass('sg_migrations') IS NOT NULL AS present`;
export const migrationTableSql = `CREATE TABLE IF NOT EXISTS sg_migrations (id integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;

export const takeAppendLockSql = `SELECT pg_advisory_xact_lock(${appendLockKey})`;

export const appendSql = `
  SELECT status, next_revision::text AS next_revision, last_position::text AS last_position, found_stream, found_id
  FROM sg_append($1, $2, $3::uuid[], $4::text[], $5::integer[], $6::text[], $7::text[], $8)`;

export interface AppendRow {
  status: 'appended' | 'replayed' | 'duplicate' | 'conflict';
  next_revision: string;
  last_position: string | null;
  found_stream: string | null;
  found_id: string | null;
}

export const headPositionSql = `SELECT COALESCE(MAX(global_position), 0)::text AS position FROM sg_events`;


const selectColumns = `
  global_position::text AS global_position, event_id::text AS event_id, stream_name, stream_revision::text AS stream_revision,
  event_type, schema_version, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

export const readStreamSql = `
  SELECT ${selectColumns} FROM sg_events
  WHERE stream_name = $1 AND stream_revision >= $2::bigint ORDER BY sg_events.stream_revision LIMIT $3`;

export const readAllSql = `
  SELECT ${selectColumns} FROM sg_events
  WHERE global_position > $1::bigint AND ${readableGuard} ORDER BY sg_events.global_position LIMIT $2`;

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
