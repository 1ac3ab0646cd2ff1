import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { NewEvent, RecordedEvent } from '@skills-graph/domain';
import { validateAppend } from '../append-validation.js';
import { AllStreamSubscriptions } from '../all-stream-subscription.js';
import {
  InvalidAppendError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventStoreSubscription,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '../event-store.port.js';
import { upcastEvent, type Upcasters } from '../upcasting.js';
import { fromEsdbRecorded, toEventData, toReadPosition, toStreamState, type EsdbRecorded } from './eventstoredb-mapping.js';

export interface EventStoreDbOptions {
  upcasters?: Upcasters;
  /** Subscriptions poll $all this often; a live $all subscription wakes them sooner. */
  pollIntervalMs?: number;
}

/**
 * EventStoreDB / KurrentDB through `@kurrent/kurrentdb-client`, the maintained successor of
 * `@eventstore/db-client`. Streams map one to one; our expected revision maps to its stream state;
 * the event id is EventStoreDB's own idempotency key; the global position is $all's commit position.
 * Verified against a server only when ESDB_CONNECTION_STRING is set (see README).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions: AllStreamSubscriptions;
  private liveFeed: { unsubscribe(): Promise<void> } | undefined;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: EventStoreDbOptions = {},
  ) {
    this.subscriptions = new AllStreamSubscriptions(this, options.pollIntervalMs ?? 1_000);
  }

  static connect(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision = 'any'): Promise<AppendResult> {
    const payloads = validateAppend(streamName, events);
    const replay = await this.findReplay(streamName, events);
    if (replay) return replay;
    try {
      const result = await this.client.appendToStream(
        streamName,
        events.map((event, i) => toEventData(event, payloads[i]!)),
        { streamState: toStreamState(expectedRevision) },
      );
      this.subscriptions.wakeAll();
      return { nextExpectedRevision: result.nextExpectedRevision, lastPosition: result.position?.commit ?? 0n, appended: true };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualState === 'bigint' ? error.actualState : 'no_stream';
        throw new WrongExpectedRevisionError(streamName, expectedRevision, actual);
      }
      throw error;
    }
  }

  /** A replayed append (the stream already ends with exactly these ids) changes nothing and says so. */
  private async findReplay(streamName: string, events: readonly NewEvent[]): Promise<AppendResult | null> {
    const tail: EsdbRecorded[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: events.length })) {
        if (resolved.event) tail.unshift(resolved.event as EsdbRecorded);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    const wanted = events.map((e) => e.id.toLowerCase());
    const stored = new Set(tail.map((e) => e.id.toLowerCase()));
    const overlap = wanted.filter((id) => stored.has(id));
    if (overlap.length === 0) return null;
    const sameAppend = overlap.length === wanted.length && tail.every((e, i) => e.id.toLowerCase() === wanted[i]);
    if (!sameAppend) {
      throw new InvalidAppendError(`Event id ${overlap[0]} is already stored in stream ${streamName}; an append is idempotent only when all of its ids were stored together`, 'events.id');
    }
    const last = tail.at(-1)!;
    return { nextExpectedRevision: last.revision, lastPosition: last.position?.commit ?? 0n, appended: false };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: FORWARDS,
        fromRevision: options.fromRevision ?? START,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        if (resolved.event) events.push(this.toRecorded(resolved.event as EsdbRecorded));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0n;
    const maxCount = options.maxCount ?? 1_000;
    const events: RecordedEvent[] = [];
    // $all reads start at the given position inclusive: ask for one more and drop the event at `after`.
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: after === 0n ? START : toReadPosition(after),
      maxCount: maxCount + 1,
      filter: excludeSystemEvents(),
    })) {
      const recorded = this.fromAll(resolved);
      if (recorded && recorded.globalPosition > after) events.push(recorded);
      if (events.length === maxCount) break;
    }
    return events;
  }

  async headPosition(): Promise<bigint> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: excludeSystemEvents() })) {
      return resolved.event?.position.commit ?? 0n;
    }
    return 0n;
  }

  subscribeToAll(options: SubscribeToAllOptions): EventStoreSubscription {
    this.ensureLiveFeed();
    return this.subscriptions.subscribe(options);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.liveFeed?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
  }

  /**
   * One live subscription to $all (from the end, system events excluded) that only wakes the
   * catch-up subscriptions; they read and checkpoint themselves, so a dropped connection loses nothing.
   * When the server drops it, it is re-established after a pause.
   */
  private ensureLiveFeed(): void {
    if (this.liveFeed) return;
    const subscription = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    subscription.on('data', () => this.subscriptions.wakeAll());
    subscription.on('error', () => {
      this.liveFeed = undefined;
      setTimeout(() => {
        if (this.subscriptions.active > 0) this.ensureLiveFeed();
      }, 1_000).unref();
    });
    this.liveFeed = subscription;
  }

  private fromAll(resolved: AllStreamResolvedEvent): RecordedEvent | null {
    return resolved.event ? this.toRecorded(resolved.event as EsdbRecorded) : null;
  }

  private toRecorded(event: EsdbRecorded): RecordedEvent {
    return upcastEvent(fromEsdbRecorded(event), this.options.upcasters);
  }
}
