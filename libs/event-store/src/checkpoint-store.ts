import type { SqlClient } from './sql/sql-client.js';
import { readCheckpointSql, storeCheckpointSql } from './sql/event-store.sql.js';

/** Where a subscriber remembers the last global position it fully handled. */
export interface CheckpointStore {
  read(consumer: string): Promise<bigint>;
  store(consumer: string, position: bigint): Promise<void>;
}

export const CHECKPOINT_STORE = Symbol('CheckpointStore');

/** Checkpoints in the event store's own database (table sg_checkpoints). */
export class SqlCheckpointStore implements CheckpointStore {
  constructor(private readonly client: SqlClient) {}

  async read(consumer: string): Promise<bigint> {
    const row = (await this.client.query<{ position: string }>(readCheckpointSql, [consumer])).rows[0];
    return row ? BigInt(row.position) : 0n;
  }

  async store(consumer: string, position: bigint): Promise<void> {
    await this.client.query(storeCheckpointSql, [consumer, String(position)]);
  }
}
