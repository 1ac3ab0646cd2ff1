import type { EventMetadata, NewEvent, RecordedEvent } from '@skills-graph/domain';
import { isValidStreamName, validateAppend } from '../append-validation.js';
import { AllStreamSubscriptions } from '../all-stream-subscription.js';
import {
  WrongExpectedRevisionError,
  InvalidAppendError,
  type AppendResult,
  type EventStore,
  type EventStoreSubscription,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '../event-store.port.js';
import { upcastEvent, type Upcasters } from '../upcasting.js';
import type { SqlClient } from './sql-client.js';
import * as sql from './event-store.sql.js';

export interface SqlEventStoreOptions {
  upcasters?: Upcasters;
  /** How often subscriptions poll for events appended by other processes; local appends wake them at once. */
  pollIntervalMs?: number;
}

const defaultPageSize = 1_000;
const uniqueViolation = '23505';

/** Event store over PostgreSQL's SQL; the embedded (PGlite) and PostgreSQL adapters differ only in their SqlClient. */
export class SqlEventStore implements EventStore {
  private readonly subscriptions: AllStreamSubscriptions;

  private constructor(
    private readonly client: SqlClient,
    private readonly options: SqlEventStoreOptions,
  ) {
    this.subscriptions = new AllStreamSubscriptions(this, options.pollIntervalMs ?? 500, !client.oneTransactionAtATime);
  }

  static async open(client: SqlClient, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    const store = new SqlEventStore(client, options);
    await store.migrate();
    if (client.onAppended) await client.onAppended(() => store.subscriptions.wakeAll());
    return store;
  }

  /**
   * Applies pending migrations under the append lock, so processes starting together do not race. A
   * database with every migration applied needs no privilege beyond reading sg_migrations.
   */
  private async migrate(): Promise<void> {
    await this.client.transaction(async (tx) => {
      await tx.query(sql.takeAppendLockSql);
      // Created only when missing: a role allowed no DDL (the least-privilege writer) opens a migrated database.
      if (!(await tx.query<{ present: boolean }>(sql.migrationTableExistsSql)).rows[0]!.present) await tx.query(sql.migrationTableSql);
      const applied = new Set((await tx.query<{ id: number }>('SELECT id FROM sg_migrations')).rows.map((r) => Number(r.id)));
      for (const migration of sql.migrations.filter((m) => !applied.has(m.id))) {
        for (const statement of migration.statements) await tx.query(statement);
        await tx.query('INSERT INTO sg_migrations (id) VALUES ($1)', [migration.id]);
      }
    });
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision = 'any'): Promise<AppendResult> {
    const payloads = validateAppend(streamName, events);
    const expected = typeof expectedRevision === 'bigint' ? (expectedRevision < 0n ? 'no_stream' : String(expectedRevision)) : expectedRevision;
    const params = [
      streamName,
      expected,
      events.map((e) => e.id.toLowerCase()),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      payloads.map((p) => p.data),
      payloads.map((p) => p.metadata),
      false, // notified below, after the commit (SqlClient.notifyAppended)
    ];
    let row: sql.AppendRow;
    try {
      row = (await this.client.query<sql.AppendRow>(sql.appendSql, params)).rows[0]!;
    } catch (error) {
      // Two appends to different streams raced with the same event id: the loser hit the unique index
      // after the winner committed. Asked again, sg_append sees the stored id and answers as for any
      // replay or duplicate.
      if ((error as { code?: unknown }).code !== uniqueViolation) throw error;
      row = (await this.client.query<sql.AppendRow>(sql.appendSql, params)).rows[0]!;
    }
    const current = BigInt(row.next_revision);
    switch (row.status) {
      case 'conflict':
        throw new WrongExpectedRevisionError(streamName, expectedRevision, current < 0n ? 'no_stream' : current);
      case 'duplicate':
        throw new InvalidAppendError(
          `Event id ${row.found_id} is already stored in stream ${row.found_stream}; an append is idempotent only when all of its ids were stored together`,
          'events.id',
        );
      case 'replayed':
        return { nextExpectedRevision: current, lastPosition: BigInt(row.last_position!), appended: false };
      case 'appended':
        break;
    }
    this.client.notifyAppended?.();
    this.subscriptions.wakeAll();
    return { nextExpectedRevision: current, lastPosition: BigInt(row.last_position!), appended: true };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (!isValidStreamName(streamName)) return []; // no such stream can exist (e.g. a NUL in an id from a request)
    const { rows } = await this.client.query<sql.EventRow>(sql.readStreamSql, [
      streamName,
      String(options.fromRevision ?? 0n),
      options.maxCount ?? 2_147_483_647,
    ]);
    return rows.map((row) => this.toRecorded(row));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.client.query<sql.EventRow>(sql.readAllSql, [String(options.after ?? 0n), options.maxCount ?? defaultPageSize]);
    return rows.map((row) => this.toRecorded(row));
  }

  async headPosition(): Promise<bigint> {
    return BigInt((await this.client.query<{ position: string }>(sql.headPositionSql)).rows[0]!.position);
  }

  subscribeToAll(options: SubscribeToAllOptions): EventStoreSubscription {
    return this.subscriptions.subscribe(options);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.client.close();
  }

  /** The client, for stores that keep consumer checkpoints in the same database. */
  get sqlClient(): SqlClient {
    return this.client;
  }

  private toRecorded(row: sql.EventRow): RecordedEvent {
    return upcastEvent(
      {
        id: row.event_id,
        type: row.event_type,
        schemaVersion: Number(row.schema_version),
        data: row.data,
        metadata: row.metadata as EventMetadata,
        streamName: row.stream_name,
        streamRevision: BigInt(row.stream_revision),
        globalPosition: BigInt(row.global_position),
        recordedAt: row.recorded_at,
      },
      this.options.upcasters,
    );
  }
}

