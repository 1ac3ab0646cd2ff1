import { randomBytes } from 'node:crypto';
import type { SqlClient } from '../sql/sql-client.js';
import type { PersonalDataKeys } from './personal-data-keys.port.js';
import * as sql from './personal-data-keys.sql.js';

/**
 * Personal-data keys in the table sg_personal_data_keys of the event store's database (PostgreSQL or
 * the embedded PGlite); SqlEventStore.open creates it (migration 4), so pass that store's sqlClient.
 */
export class SqlPersonalDataKeys implements PersonalDataKeys {
  constructor(private readonly client: SqlClient) {}

  async getOrCreate(subjectId: string): Promise<Buffer | null> {
    const found = await this.get([subjectId]);
    if (found.has(subjectId)) return found.get(subjectId)!;
    await this.client.query(sql.insertKeySql, [subjectId, randomBytes(32)]);
    // Read back: a concurrent creator or eraser may have won the row.
    return (await this.get([subjectId])).get(subjectId) ?? null;
  }

  async get(subjectIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const keys = new Map<string, Buffer | null>();
    if (subjectIds.length === 0) return keys;
    const { rows } = await this.client.query<sql.KeyRow>(sql.selectKeysSql, [[...new Set(subjectIds)]]);
    for (const row of rows) keys.set(row.subject_id, row.key === null ? null : Buffer.from(row.key));
    return keys;
  }

  async erase(subjectId: string): Promise<boolean> {
    const { rows } = await this.client.query<{ erased_now: boolean }>(sql.eraseKeySql, [subjectId]);
    return rows[0]!.erased_now;
  }
}
