import type { RecordedEvent } from '@skills-graph/domain';
import type { EventStore, EventStoreSubscription } from './event-store.port.js';
import { InProcessLeases, type Leases, type Lease } from './leases.js';
import { NoFollowerState, type FollowerStateStore } from './follower-state-store.js';

/** What a follower does; the LogFollower takes care of the lease, the subscription and restarts. */
export interface FollowerWork {
  /**
   * Called once the lease is held: restores what the follower needs (its checkpoint and the state stored
   * beside it) and returns the global position to follow after.
   */
  resume(): Promise<bigint>;
  /** Consecutive batches in global order, after the position resume() returned. */
  onEvents(events: RecordedEvent[]): Promise<void>;
  /** Called after the subscription stopped (lease lost, or shutdown): e.g. store a last snapshot. */
  suspend?(reason: 'lost' | 'stopped'): Promise<void>;
}

export type FollowerState = 'idle' | 'standby' | 'active' | 'stopped';

export interface LogFollowerOptions {
  batchSize: number;
  onError?: (error: unknown) => void;
  /** Told when the follower becomes active or goes back to standby (logs). */
  onStateChange?: (state: FollowerState, name: string) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The one checkpointed log follower of the projector, the assessment process manager and the relay:
 * waits for its lease (exactly one active instance per name across replicas), resumes from its
 * checkpoint and state, follows the global log, and goes back to waiting if the lease is lost.
 */
export class LogFollower {
  private current: FollowerState = 'idle';
  private subscription: EventStoreSubscription | undefined;
  private lease: Lease | undefined;
  private stopRequested = false;
  private wakeStop: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private activeWaiters: (() => void)[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly leases: Leases,
    readonly name: string,
    private readonly work: FollowerWork,
    private readonly options: LogFollowerOptions,
  ) {}

  get state(): FollowerState {
    return this.current;
  }

  get position(): bigint {
    return this.subscription?.position ?? 0n;
  }

  /** Starts asking for the lease in the background; see active() to wait until this instance follows. */
  start(): void {
    if (this.running) return;
    this.stopRequested = false;
    this.running = this.loop();
  }

  /** Resolves once this instance holds the lease and follows the log. */
  active(): Promise<void> {
    if (this.current === 'active') return Promise.resolve();
    return new Promise((resolve) => this.activeWaiters.push(resolve));
  }

  /** Resolves once everything appended so far has been handled (at once when this instance is a standby). */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wakeStop?.();
    await this.running;
    this.running = undefined;
    this.activeWaiters.forEach((resolve) => resolve());
    this.activeWaiters = [];
  }

  private setState(state: FollowerState): void {
    if (this.current === state) return;
    this.current = state;
    this.options.onStateChange?.(state, this.name);
    if (state === 'active') {
      this.activeWaiters.forEach((resolve) => resolve());
      this.activeWaiters = [];
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopRequested) {
      this.setState('standby');
      const lease = await this.leases.acquire(this.name, () => this.stopRequested);
      if (!lease) break;
      this.lease = lease;
      let after: bigint;
      try {
        after = await this.work.resume();
      } catch (error) {
        this.options.onError?.(error);
        await lease.release();
        await sleep(1_000);
        continue;
      }
      const stopped = new Promise<'stopped'>((resolve) => (this.wakeStop = () => resolve('stopped')));
      this.subscription = this.store.subscribeToAll({ after, batchSize: this.options.batchSize, onEvents: (events) => this.work.onEvents(events), onError: (error) => this.options.onError?.(error) });
      this.setState('active');
      const reason = this.stopRequested ? 'stopped' : await Promise.race([stopped, lease.lost.then(() => 'lost' as const)]);
      await this.subscription.stop();
      await this.work.suspend?.(reason).catch((error: unknown) => this.options.onError?.(error));
      this.subscription = undefined;
      this.lease = undefined;
      if (reason === 'stopped') await lease.release();
    }
    this.setState('stopped');
  }
}

/** What the host gives its followers: leases, the state store, the deployment's names, how often to snapshot. */
export interface FollowerRuntime {
  leases: Leases;
  state: FollowerStateStore;
  /** The stored name (checkpoint, state, lease) of a follower: carries the deployment prefix. */
  name(follower: string): string;
  snapshotEvery: number;
  onStateChange?: (state: FollowerState, name: string) => void;
}

export const FOLLOWER_RUNTIME = Symbol('FollowerRuntime');

/** A single process, no stored state (the followers fold from the start): components built by hand in tests. */
export function standaloneFollowerRuntime(state?: FollowerStateStore): FollowerRuntime {
  return { leases: new InProcessLeases(), state: state ?? new NoFollowerState(), name: (n) => n, snapshotEvery: 50_000 };
}

/**
 * When a follower stores its state: every `every` events, and once it has caught up (a batch smaller
 * than its size) if the last snapshot is older than `idleMs`, so a restart replays little.
 */
export class SnapshotSchedule {
  private lastPosition = 0n;
  private lastAt = 0;

  constructor(
    private readonly every: number,
    private readonly idleMs = 5_000,
  ) {}

  reset(position: bigint): void {
    this.lastPosition = position;
    this.lastAt = Date.now();
  }

  due(position: bigint, caughtUp: boolean): boolean {
    if (position <= this.lastPosition) return false;
    return position - this.lastPosition >= BigInt(this.every) || (caughtUp && Date.now() - this.lastAt >= this.idleMs);
  }

  taken(position: bigint): void {
    this.reset(position);
  }
}
