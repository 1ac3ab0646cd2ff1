// The table is created by the event store's migration 4 (sql/event-store.sql.ts).

export const selectKeysSql = `SELECT subject_id, key FROM sg_personal_data_keys WHERE subject_id = ANY($1::text[])`;

export const insertKeySql = `INSERT INTO sg_personal_data_keys (subject_id, key) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING`;

/** Returns whether the row was erased by this statement (xmax = 0: inserted; else: updated from a key). */
export const eraseKeySql = `
  WITH before AS (SELECT erased_at FROM sg_personal_data_keys WHERE subject_id = $1)
  INSERT INTO sg_personal_data_keys (subject_id, key, erased_at) VALUES ($1, NULL, now())
  ON CONFLICT (subject_id) DO UPDATE SET key = NULL, erased_at = coalesce(sg_personal_data_keys.erased_at, EXCLUDED.erased_at)
  RETURNING (SELECT count(*) FROM before WHERE before.erased_at IS NOT NULL) = 0 AS erased_now`;

export interface KeyRow {
  subject_id: string;
  key: Uint8Array | null;
}
