import type { RecordedEvent } from '@skills-graph/domain';
import type { EventStore, EventStoreSubscription, SubscribeToAllOptions } from './event-store.port.js';

type WakeRegistration = (wake: () => void) => () => void;

/** First pause before looking again for events that are committed but not yet readable. */
const minRecheckMs = 10;

/**
 * A catch-up subscription to the global log: reads pages after its position, hands each page to the
 * handler, and then sleeps until a local append wakes it or the poll interval passes (or only briefly
 * while the store holds committed events that are not readable yet). A failing handler
 * gets the same page again after a backoff: events are never skipped.
 */
export class AllStreamSubscription implements EventStoreSubscription {
  private current: bigint;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly unregister: () => void;
  private idleWaiters: (() => void)[] = [];
  private pendingWake = false;

  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'headPosition'>,
    private readonly options: SubscribeToAllOptions,
    private readonly pollIntervalMs: number,
    registerWake: WakeRegistration,
    private readonly commitsMayHide = true,
  ) {
    this.current = options.after;
    this.unregister = registerWake(() => {
      this.pendingWake = true;
      this.wakeUp?.();
    });
  }

  get position(): bigint {
    return this.current;
  }

  start(): void {
    this.running = this.loop();
  }

  async caughtUp(): Promise<void> {
    const head = await this.store.headPosition();
    while (!this.stopped && this.current < head) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unregister();
    this.wakeUp?.();
    await this.running;
    this.idleWaiters.forEach((resolve) => resolve());
  }

  private async loop(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let attempt = 0;
    let recheckMs = minRecheckMs;
    while (!this.stopped) {
      this.pendingWake = false;
      let events: RecordedEvent[];
      try {
        events = await this.store.readAll({ after: this.current, maxCount: batchSize });
        if (events.length > 0 && !this.stopped) await this.options.onEvents(events);
        attempt = 0;
      } catch (error) {
        if (this.stopped) return;
        attempt += 1;
        this.options.onError?.(error, attempt);
        await this.sleep(Math.min(100 * 2 ** attempt, 5_000));
        continue;
      }
      if (events.length > 0) {
        this.current = events.at(-1)!.globalPosition;
        this.notifyIdle();
        if (events.length === batchSize) continue;
      } else {
        this.notifyIdle();
      }
      if (this.pendingWake || this.stopped) continue;
      // Events committed but not readable yet (the SQL stores hold back those of transactions younger
      // than one still running, which may be any transaction on the server and sends no wake-up): look
      // again soon, backing off up to the poll interval, rather than after a whole poll interval.
      const behind = this.commitsMayHide && (await this.behindHead());
      if (this.pendingWake || this.stopped) continue;
      if (behind) {
        if (events.length > 0) recheckMs = minRecheckMs;
        await this.sleep(Math.min(recheckMs, this.pollIntervalMs));
        recheckMs = Math.min(recheckMs * 2, this.pollIntervalMs);
      } else {
        recheckMs = minRecheckMs;
        await this.sleep(this.pollIntervalMs);
      }
    }
  }

  private async behindHead(): Promise<boolean> {
    try {
      return (await this.store.headPosition()) > this.current;
    } catch {
      return false; // the next read reports the failure
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }
}

/**
 * The catch-up subscriptions of one store: creates them, wakes them all when the store learns of new
 * events, and stops them when the store closes.
 */
export class AllStreamSubscriptions {
  private readonly wakers = new Set<() => void>();
  private readonly subscriptions = new Set<AllStreamSubscription>();

  /**
   * commitsMayHide: whether an event can be committed and yet not readable (a SQL store shared by several
   * connections holds back the events of transactions younger than one still running). Then a subscription
   * that read a short page asks for the head position before it sleeps, and looks again soon when behind.
   * A store that commits one transaction at a time (the embedded PGlite, on its one connection) says false,
   * which saves that query after every page.
   */
  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'headPosition'>,
    private readonly pollIntervalMs: number,
    private readonly commitsMayHide = true,
  ) {}

  subscribe(options: SubscribeToAllOptions): EventStoreSubscription {
    const subscription = new AllStreamSubscription(
      this.store,
      options,
      this.pollIntervalMs,
      (wake) => {
        this.wakers.add(wake);
        return () => this.wakers.delete(wake);
      },
      this.commitsMayHide,
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  get active(): number {
    return this.subscriptions.size;
  }

  wakeAll(): void {
    this.wakers.forEach((wake) => wake());
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
  }
}
