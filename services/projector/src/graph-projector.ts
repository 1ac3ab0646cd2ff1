import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from '@skills-graph/contracts';
import type { RecordedEvent } from '@skills-graph/domain';
import { EVENT_STORE, FOLLOWER_RUNTIME, LogFollower, standaloneFollowerRuntime, type EventStore, type FollowerRuntime } from '@skills-graph/event-store';
import { READ_MODEL, type ProjectionProgress, type SkillsGraphReadModel } from '@skills-graph/read-model';

/** Name of the projector's lease (its checkpoint is kept by the read model itself). */
export const projectorFollower = 'graph-projector';

/**
 * How often the projector asks the read model to apply joiners, movers and leavers held until their
 * effective day (a cheap read when none is due), and at once when a test's clock jumps.
 */
export const followTimeEveryMs = 60_000;

/** Events per read-model transaction while the projector catches up. */
export const projectorBatchSize = 5_000;

export interface ProjectorStatus {
  position: bigint;
  head: bigint;
  lagEvents: bigint;
  /** Age of the newest applied event when it was applied (seconds). */
  lastLagSeconds: number;
}

/**
 * Keeps the graph read model up to date: a log follower (one active instance per deployment, by lease)
 * resuming from the read model's own checkpoint (the two always agree), batches handed to applyEvents.
 */
@Injectable()
export class GraphProjector implements OnApplicationShutdown, ProjectionProgress {
  private follower: LogFollower | undefined;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private lastLagSeconds = 0;
  private applied = 0n;
  /** Batches and the held changes coming due are written one at a time (both change the held changes). */
  private work: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private onError: (error: unknown) => void = () => {};

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: SkillsGraphReadModel,
    @Optional() @Inject(FOLLOWER_RUNTIME) private readonly runtime: FollowerRuntime = standaloneFollowerRuntime(),
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Starts following once this instance holds the lease; resolves when it does, or at once with
   * `waitUntilActive: false` (a standby replica keeps waiting in the background).
   */
  async start(onError: (error: unknown) => void = () => {}, { waitUntilActive = true }: { waitUntilActive?: boolean } = {}): Promise<void> {
    await this.resume();
    this.onError = onError;
    this.clock.onJump?.(() => void this.followTime());
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.followTime(), followTimeEveryMs);
    this.timer.unref();
    // Up to 5,000 events per transaction while catching up: fewer statements and commits per event,
    // well within Neo4j's transaction memory. Live traffic arrives in much smaller batches.
    this.follower = new LogFollower(this.store, this.runtime.leases, this.runtime.name(projectorFollower), { resume: () => this.resume(), onEvents: (events) => this.exclusive(() => this.project(events)) }, { batchSize: projectorBatchSize, onError, onStateChange: this.runtime.onStateChange });
    this.follower.start();
    if (waitUntilActive) await this.follower.active();
  }

  /** The follower that runs this projector (its state: standby or active). */
  get logFollower(): LogFollower | undefined {
    return this.follower;
  }

  private async resume(): Promise<bigint> {
    const [checkpoint, head] = await Promise.all([this.readModel.checkpoint(), this.store.headPosition()]);
    if (checkpoint > head) {
      // A graph built from another (or a reset) event store: new events would hide below its checkpoint.
      throw new Error(
        `The graph read model has applied events up to position ${checkpoint}, but the event store ends at ${head}: it was built from another event store. ` +
          'Point the read model at the graph of this event store, or rebuild it from this one (npm run graph:rebuild).',
      );
    }
    this.applied = checkpoint;
    return checkpoint;
  }

  async caughtUp(): Promise<void> {
    await this.follower?.caughtUp();
  }

  /**
   * Resolves true once the read model has applied `position`, false after `timeoutMs`. The check and the
   * registration of the waiter happen in one synchronous step against the position this projector last
   * applied: asking the read model first (a round trip to Neo4j) would let a batch finish in between and
   * leave the waiter to time out.
   */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.applied >= position) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  appliedPosition(): bigint {
    return this.applied;
  }

  async status(): Promise<ProjectorStatus> {
    const [position, head] = await Promise.all([this.readModel.checkpoint(), this.store.headPosition()]);
    return { position, head, lagEvents: head - position, lastLagSeconds: this.lastLagSeconds };
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.follower?.stop();
  }

  /**
   * Applies the joiners, movers and leavers whose effective day has come (the read model holds them until
   * then), while this instance is the active projector. Resolves when done; errors go to onError.
   */
  async followTime(): Promise<void> {
    if (this.follower?.state !== 'active') return;
    await this.exclusive(() => this.readModel.followTime()).catch((error: unknown) => this.onError(error));
  }

  private exclusive(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(task);
    this.work = run.catch(() => {});
    return run;
  }

  private async project(events: RecordedEvent[]): Promise<void> {
    await this.readModel.applyEvents(events);
    const last = events.at(-1)!;
    this.applied = last.globalPosition;
    this.lastLagSeconds = Math.max(0, (Date.now() - Date.parse(last.recordedAt)) / 1000);
    const reached = this.waiters.filter((w) => w.position <= last.globalPosition);
    this.waiters = this.waiters.filter((w) => w.position > last.globalPosition);
    reached.forEach((w) => w.resolve());
  }
}
