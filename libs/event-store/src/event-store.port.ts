import type { NewEvent, RecordedEvent } from '@skills-graph/domain';

/**
 * The event-store port. Every adapter (embedded PGlite, PostgreSQL, EventStoreDB) passes the same
 * contract suite (testing/event-store.contract.ts).
 */

/** `no_stream`: the stream must not exist yet; `stream_exists`: it must; a bigint: its last revision must equal it; `any`: no check. */
export type ExpectedRevision = bigint | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** Revision of the stream's last event after the append (pass it as the next expected revision). */
  nextExpectedRevision: bigint;
  /** Global position of the last event of this append. Read models that passed it have seen the append. */
  lastPosition: bigint;
  /** false when every event id was already stored in this stream: a replayed append changes nothing. */
  appended: boolean;
}

export interface ReadAllOptions {
  /** Read events strictly after this global position (0n = from the start). */
  after?: bigint;
  maxCount?: number;
}

export interface ReadStreamOptions {
  fromRevision?: bigint;
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Deliver events strictly after this global position: pass the consumer's checkpoint. */
  after: bigint;
  batchSize?: number;
  /** Called with consecutive batches in global order; the next batch waits until this resolves. */
  onEvents(events: RecordedEvent[]): Promise<void>;
  /** Called when onEvents throws; the same batch is retried after a backoff. */
  onError?(error: unknown, attempt: number): void;
}

export interface EventStoreSubscription {
  /** Position of the last event whose handler completed. */
  readonly position: bigint;
  /** Resolves once everything appended so far has been handled. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  appendToStream(streamName: string, events: readonly NewEvent[], expectedRevision?: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream in revision order; an unknown stream reads as empty. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Global position of the newest event (0n when empty). */
  headPosition(): Promise<bigint>;
  subscribeToAll(options: SubscribeToAllOptions): EventStoreSubscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamName}: expected revision ${String(expected)}, but it is at ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class InvalidAppendError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
