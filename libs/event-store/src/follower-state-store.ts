import { gunzipSync, gzipSync } from 'node:zlib';
import type { SqlClient } from './sql/sql-client.js';

/** A follower's state as of a global position: everything it folded from the log up to and including it. */
export interface FollowerSnapshot<S> {
  position: bigint;
  state: S;
}

/**
 * Where a log follower keeps the state it needs beside its checkpoint, so a restart resumes from the
 * snapshot's position instead of folding the log from the start. A snapshot is a pure function of the log
 * up to its position, so an older or a concurrent writer can never make it wrong; a save never moves the
 * stored position back.
 */
export interface FollowerStateStore {
  load<S>(follower: string): Promise<FollowerSnapshot<S> | null>;
  save<S>(follower: string, snapshot: FollowerSnapshot<S>): Promise<void>;
}

export const FOLLOWER_STATE_STORE = Symbol('FollowerStateStore');

/** Snapshots in the event store's own database (table sg_follower_state), gzipped JSON. */
export class SqlFollowerStateStore implements FollowerStateStore {
  constructor(private readonly client: SqlClient) {}

  async load<S>(follower: string): Promise<FollowerSnapshot<S> | null> {
    const row = (await this.client.query<{ position: string; state: Uint8Array }>('SELECT position::text AS position, state FROM sg_follower_state WHERE follower = $1', [follower])).rows[0];
    if (!row) return null;
    return { position: BigInt(row.position), state: JSON.parse(gunzipSync(row.state).toString('utf8')) as S };
  }

  async save<S>(follower: string, snapshot: FollowerSnapshot<S>): Promise<void> {
    const state = gzipSync(Buffer.from(JSON.stringify(snapshot.state), 'utf8'), { level: 1 });
    await this.client.query(
      `INSERT INTO sg_follower_state (follower, position, state, updated_at) VALUES ($1, $2::bigint, $3, now())
       ON CONFLICT (follower) DO UPDATE SET position = EXCLUDED.position, state = EXCLUDED.state, updated_at = now()
       WHERE sg_follower_state.position <= EXCLUDED.position`,
      [follower, String(snapshot.position), state],
    );
  }
}

/** Keeps nothing: every start folds from the beginning (tests, and stores without a SQL database). */
export class NoFollowerState implements FollowerStateStore {
  async load<S>(): Promise<FollowerSnapshot<S> | null> {
    return null;
  }

  async save(): Promise<void> {}
}
