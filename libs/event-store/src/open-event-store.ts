import { join, resolve } from 'node:path';
import type { SkillsGraphConfig } from '@skills-graph/config';
import { SqlCheckpointStore, type CheckpointStore } from './checkpoint-store.js';
import { SqlFollowerStateStore, type FollowerStateStore } from './follower-state-store.js';
import { InProcessLeases, PostgresAdvisoryLeases, type Leases } from './leases.js';
import type { EventStore } from './event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { openPgliteClient } from './pglite/pglite-sql-client.js';
import { openPostgresClient } from './postgres/postgres-sql-client.js';
import { SqlEventStore } from './sql/sql-event-store.js';
import { sqlEvidenceStreams, type EvidenceStreamFinder } from './audit/event-log-audit-trail.js';
import type { PersonalDataKeys } from './personal-data/personal-data-keys.port.js';
import { ProtectedEventStore } from './personal-data/protected-event-store.js';
import { SqlPersonalDataKeys } from './personal-data/sql-personal-data-keys.js';
import { ProcessLocalKeyCache } from './personal-data/process-local-key-cache.js';

export interface OpenedEventStore {
  /** The store every service uses: personal data sealed on append and revealed on read (ProtectedEventStore). */
  store: EventStore;
  /** The per-person keys that seal personal data; erasing a person deletes theirs. */
  personalDataKeys: PersonalDataKeys;
  checkpoints: CheckpointStore;
  /** The state log followers keep beside their checkpoints (same database as the checkpoints). */
  followerState: FollowerStateStore;
  /** One active instance per follower: advisory locks on PostgreSQL, in-process on the embedded store. */
  leases: Leases;
  /** Finds an engineer's evidence streams for the audit trail; absent when the store cannot (EventStoreDB). */
  evidenceStreamsOf?: EvidenceStreamFinder;
  /** Closes the store and whatever holds the checkpoints. */
  close(): Promise<void>;
}

export const OPENED_EVENT_STORE = Symbol('OpenedEventStore');

/**
 * The event-store adapter EVENT_STORE names, wrapped so personal data is sealed with per-person keys.
 * Checkpoints and keys live in the SQL database when there is one. With EventStoreDB, keys go to
 * PostgreSQL when POSTGRES_URL is set (needed when several processes share the store), else to the
 * embedded database under DATA_DIR (one process only).
 */
export async function openEventStore(
  config: Pick<SkillsGraphConfig, 'EVENT_STORE' | 'DATA_DIR' | 'POSTGRES_URL' | 'POSTGRES_MAX_CONNECTIONS' | 'ESDB_CONNECTION_STRING'> & Partial<Pick<SkillsGraphConfig, 'LEASE_RETRY_MS' | 'EVENT_STORE_TIMEOUT_MS'>>,
): Promise<OpenedEventStore> {
  const retryMs = config.LEASE_RETRY_MS ?? 1_000;
  switch (config.EVENT_STORE) {
    case 'embedded': {
      // The data folder belongs to this one process: every append is local and wakes subscriptions at
      // once, so polling is only a slow safety net (a poll is a query on this process's event loop).
      const store = await SqlEventStore.open(await openPgliteClient(join(resolve(config.DATA_DIR), 'events')), { pollIntervalMs: 30_000 });
      // The folder is this process's alone: its keys may be remembered here (every erasure passes through this process).
      return openedSqlStore(store, new InProcessLeases(), { keysUsedByThisProcessOnly: true });
    }
    case 'postgres': {
      const store = await SqlEventStore.open(openPostgresClient(config.POSTGRES_URL!, { maxConnections: config.POSTGRES_MAX_CONNECTIONS, timeoutMs: config.EVENT_STORE_TIMEOUT_MS }));
      return openedSqlStore(store, new PostgresAdvisoryLeases(config.POSTGRES_URL!, { retryMs }));
    }
    case 'eventstoredb': {
      // EventStoreDB keeps no consumer checkpoints for us: they go to PostgreSQL when POSTGRES_URL is set, else
      // to the embedded database under DATA_DIR (one process only).
      const checkpointDb = await SqlEventStore.open(await openPgliteClient(join(resolve(config.DATA_DIR), 'checkpoints')));
      const store = EventStoreDbEventStore.connect(config.ESDB_CONNECTION_STRING!);
      // The keys' database is migrated like an event store's (the events table stays empty there).
      const keysDb = config.POSTGRES_URL ? await SqlEventStore.open(openPostgresClient(config.POSTGRES_URL, { maxConnections: 2, timeoutMs: config.EVENT_STORE_TIMEOUT_MS })) : undefined;
      const keys = new SqlPersonalDataKeys((keysDb ?? checkpointDb).sqlClient);
      // With PostgreSQL beside it, checkpoints, follower state and leases are shared there by every replica.
      const shared = (keysDb ?? checkpointDb).sqlClient;
      const leases = config.POSTGRES_URL ? new PostgresAdvisoryLeases(config.POSTGRES_URL, { retryMs }) : new InProcessLeases();
      return {
        store: new ProtectedEventStore(store, keys),
        personalDataKeys: keys,
        checkpoints: new SqlCheckpointStore(shared),
        followerState: new SqlFollowerStateStore(shared),
        leases,
        async close() {
          await leases.close();
          await store.close();
          await checkpointDb.close();
          await keysDb?.close();
        },
      };
    }
  }
}

/** A SQL event store (PGlite or PostgreSQL) with its keys, checkpoints and follower state in the same database, and the leases given. */
function openedSqlStore(store: SqlEventStore, leases: Leases, { keysUsedByThisProcessOnly = false } = {}): OpenedEventStore {
  const stored = new SqlPersonalDataKeys(store.sqlClient);
  const keys = keysUsedByThisProcessOnly ? new ProcessLocalKeyCache(stored) : stored;
  return {
    store: new ProtectedEventStore(store, keys),
    personalDataKeys: keys,
    checkpoints: new SqlCheckpointStore(store.sqlClient),
    followerState: new SqlFollowerStateStore(store.sqlClient),
    leases,
    evidenceStreamsOf: sqlEvidenceStreams(store.sqlClient),
    close: async () => {
      await leases.close();
      await store.close();
    },
  };
}
