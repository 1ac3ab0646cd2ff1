import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from '@skills-graph/contracts';
import {
  assessmentStream,
  demonstratedLevels,
  type LevelChangeReason,
  type RecordedEvent,
  assessmentDecider,
} from '@skills-graph/domain';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  FOLLOWER_RUNTIME,
  LogFollower,
  SnapshotSchedule,
  executeOnStream,
  standaloneFollowerRuntime,
  type CheckpointStore,
  type EventStore,
  type FollowerRuntime,
} from '@skills-graph/event-store';
import { v5 as uuidv5 } from 'uuid';
import { AssessmentInputs, type AssessmentInputsSnapshot } from './assessment-inputs.js';
import { LevelChangeSchedule } from './level-change-schedule.js';

export const assessmentConsumer = 'assessment-level-recomputer';
/** A second checkpoint: the instant (ms since the epoch) up to which levels have followed time. */
export const assessmentClockConsumer = 'assessment-level-recomputer-clock';

const recomputerBatchSize = 1_000;

/** What the recomputer keeps beside its checkpoint: its inputs as of a position, and the last event time it replayed. */
interface RecomputerSnapshot {
  inputs: AssessmentInputsSnapshot;
  lastReplayedAt: number;
}

/** The longest single timer; a longer wait is taken in steps, so a clock that jumps (suspend, NTP) is noticed. */
const maxTimerMs = 60_000;
/** Namespace of the correlation ids of time-driven recomputations: one id per engineer and instant. */
const timeCorrelationNamespace = '7d3f5a52-2c4e-4d8e-9a51-0f6f3c1b9e21';

/**
 * Process manager: follows the global log and recomputes engineers' demonstrated levels, appending what
 * changed to their assessment streams, when
 * - approved evidence or the published framework changes (reason `evidence-changed` / `framework-changed`),
 *   computed as of the event's time;
 * - time passes (reason `time-passed`): with a recency window, a level holds only while its proof is inside
 *   the window. For each engineer it knows the next instant their levels change by themselves
 *   (LevelChangeSchedule) and recomputes as of that very instant, when the injected clock reaches it.
 *
 * It runs as a log follower (one active instance per deployment, by lease). Its inputs are stored beside
 * its checkpoint (a snapshot at a position): a restart restores them and folds only the events after the
 * snapshot; it acts only on events after its checkpoint, and only on instants after its clock checkpoint. Instants that passed while it was down are caught up after the replay, in
 * order, interleaved with the events that came after them; since the assessment decider records only
 * differences, handling an event or an instant twice after a crash changes nothing.
 */
@Injectable()
export class LevelRecomputer implements OnApplicationShutdown {
  private follower: LogFollower | undefined;
  private inputs = new AssessmentInputs();
  private schedule = new LevelChangeSchedule();
  private handledUpTo = 0n;
  private readonly snapshots: SnapshotSchedule;
  private actedUpTo = 0n;
  /** Instant (ms) up to which time-driven changes are recorded; null until the replay of acted events ends. */
  private followedTimeTo: number | null = null;
  private storedClockCheckpoint = 0;
  private lastReplayedAt = 0;
  private work: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private onError: (error: unknown) => void = () => {};

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
    @Optional() @Inject(FOLLOWER_RUNTIME) private readonly runtime: FollowerRuntime = standaloneFollowerRuntime(),
  ) {
    this.snapshots = new SnapshotSchedule(runtime.snapshotEvery);
  }

  /** Starts once this instance holds the lease; resolves when it does (or at once with waitUntilActive: false). */
  async start(onError: (error: unknown) => void = () => {}, { waitUntilActive = true }: { waitUntilActive?: boolean } = {}): Promise<void> {
    this.onError = onError;
    this.stopped = false;
    this.clock.onJump?.(() => this.armTimer());
    this.follower = new LogFollower(
      this.store,
      this.runtime.leases,
      this.runtime.name(assessmentConsumer),
      {
        resume: () => this.resume(),
        onEvents: (events) => this.exclusive(() => this.handle(events)),
        suspend: (reason) => this.exclusive(() => this.suspend(reason)),
      },
      { batchSize: recomputerBatchSize, onError, onStateChange: this.runtime.onStateChange },
    );
    this.follower.start();
    if (waitUntilActive) await this.follower.active();
  }

  get logFollower(): LogFollower | undefined {
    return this.follower;
  }

  /** Resolves once every event appended so far has been handled (including levels it appended). */
  async caughtUp(): Promise<void> {
    await this.follower?.caughtUp();
    await this.work;
  }

  /**
   * With the lease held: the checkpoints, and the inputs as of their snapshot (events after it are folded
   * again without acting up to the checkpoint). Returns the snapshot's position, where the log resumes.
   */
  private async resume(): Promise<bigint> {
    await this.exclusive(async () => {
      this.actedUpTo = await this.checkpoints.read(this.runtime.name(assessmentConsumer));
      this.storedClockCheckpoint = Number(await this.checkpoints.read(this.runtime.name(assessmentClockConsumer)));
      const snapshot = await this.runtime.state.load<RecomputerSnapshot>(this.runtime.name(assessmentConsumer));
      this.inputs = snapshot ? AssessmentInputs.fromSnapshot(snapshot.state.inputs) : new AssessmentInputs();
      this.lastReplayedAt = snapshot?.state.lastReplayedAt ?? 0;
      this.schedule = new LevelChangeSchedule();
      this.followedTimeTo = null;
      this.handledUpTo = snapshot?.position ?? 0n;
      this.snapshots.reset(this.handledUpTo);
      // Nothing between the snapshot and the checkpoint to replay: time is followed from now on.
      if (this.handledUpTo >= this.actedUpTo) this.beginFollowingTime();
    });
    return this.handledUpTo;
  }

  private async suspend(reason: 'lost' | 'stopped'): Promise<void> {
    clearTimeout(this.timer);
    if (reason === 'stopped') await this.saveSnapshot();
    // A lost lease: another replica acts now; this one forgets its schedule until it holds the lease again.
    this.followedTimeTo = null;
  }

  private async saveSnapshot(): Promise<void> {
    if (this.handledUpTo === 0n) return;
    await this.runtime.state.save<RecomputerSnapshot>(this.runtime.name(assessmentConsumer), { position: this.handledUpTo, state: { inputs: this.inputs.snapshot(), lastReplayedAt: this.lastReplayedAt } });
    this.snapshots.taken(this.handledUpTo);
  }

  /** Records every time-driven change due up to the clock's now; resolves when done. The timer calls it too. */
  async followTime(): Promise<void> {
    await this.exclusive(async () => {
      if (this.followedTimeTo === null) return;
      await this.recordChangesDue(this.clock.now().getTime());
      await this.storeClockCheckpoint();
    });
  }

  get position(): bigint {
    return this.follower?.position ?? 0n;
  }

  /** The next instant at which some engineer's levels change by themselves, if any (ISO). */
  get nextLevelChangeAt(): string | null {
    const next = this.schedule.next();
    return next ? new Date(next.at).toISOString() : null;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.follower?.stop();
    await this.work.catch(() => {});
  }

  /** Batches and timer ticks share the inputs: they run one at a time, in arrival order. */
  private exclusive(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(task);
    this.work = run.catch(() => {});
    return run;
  }

  private async handle(events: RecordedEvent[]): Promise<void> {
    const affected = new Map<string, LevelChangeReason>();
    let trigger: RecordedEvent | undefined;
    const flush = async () => {
      if (trigger) await this.recompute(affected, trigger);
      affected.clear();
      trigger = undefined;
    };
    const now = this.clock.now().getTime();
    for (const event of events) {
      // An event stamped ahead of this clock (another writer's clock runs fast) never pulls changes forward.
      const at = Math.min(Date.parse(event.metadata.occurredAt), now);
      if (event.globalPosition <= this.actedUpTo) {
        this.inputs.apply(event);
        this.lastReplayedAt = Math.max(this.lastReplayedAt, at);
        if (event.globalPosition === this.actedUpTo) this.beginFollowingTime();
        continue;
      }
      if (this.followedTimeTo === null) this.beginFollowingTime();
      // Changes due before this event happen before it: record them with the inputs as they stood.
      const due = this.schedule.next();
      if (due && due.at <= at) {
        await flush();
        await this.recordChangesDue(at);
      }
      this.followedTimeTo = Math.max(this.followedTimeTo!, at);
      const engineers = this.inputs.apply(event);
      if (engineers.length === 0) continue;
      const reason: LevelChangeReason = event.type.startsWith('Framework') ? 'framework-changed' : 'evidence-changed';
      for (const id of engineers) affected.set(id, affected.get(id) === 'framework-changed' ? 'framework-changed' : reason);
      trigger = event;
    }
    await flush();
    const last = events.at(-1)!.globalPosition;
    if (last > this.actedUpTo) {
      await this.checkpoints.store(this.runtime.name(assessmentConsumer), last);
      this.actedUpTo = last;
      await this.storeClockCheckpoint();
    }
    this.handledUpTo = last;
    if (this.snapshots.due(last, events.length < recomputerBatchSize)) await this.saveSnapshot();
    this.armTimer();
  }

  /**
   * The replay of events already acted on is over: schedule every engineer's next change after the instant
   * time was followed to (the clock checkpoint; on a first start, the last replayed event's time).
   */
  private beginFollowingTime(): void {
    if (this.followedTimeTo !== null) return;
    this.followedTimeTo = this.storedClockCheckpoint > 0 ? this.storedClockCheckpoint : this.lastReplayedAt;
    for (const engineerId of this.inputs.engineerIds()) this.schedule.set(engineerId, this.inputs.nextLevelChangeOf(engineerId, this.followedTimeTo));
    this.armTimer();
  }

  /** Recomputes, in order of their instants, every engineer whose levels change by themselves up to `upTo`. */
  private async recordChangesDue(upTo: number): Promise<void> {
    for (let due = this.schedule.next(); due && due.at <= upTo; due = this.schedule.next()) {
      const computedAt = new Date(due.at).toISOString();
      await this.recordLevelsOf(due.engineerId, 'time-passed', computedAt, { correlationId: uuidv5(`${due.engineerId}@${computedAt}`, timeCorrelationNamespace), causationId: null });
      this.schedule.set(due.engineerId, this.inputs.nextLevelChangeOf(due.engineerId, due.at));
    }
    this.followedTimeTo = Math.max(this.followedTimeTo ?? upTo, upTo);
  }

  private async recompute(affected: Map<string, LevelChangeReason>, trigger: RecordedEvent): Promise<void> {
    const computedAt = trigger.metadata.occurredAt;
    for (const engineerId of [...affected.keys()].sort()) {
      await this.recordLevelsOf(engineerId, affected.get(engineerId)!, computedAt, { correlationId: trigger.metadata.correlationId, causationId: trigger.id });
      this.schedule.set(engineerId, this.inputs.nextLevelChangeOf(engineerId, Date.parse(computedAt)));
    }
  }

  private async recordLevelsOf(engineerId: string, reason: LevelChangeReason, computedAt: string, cause: { correlationId: string; causationId: string | null }): Promise<void> {
    for (const frameworkId of this.inputs.frameworksOf(engineerId)) {
      const framework = this.inputs.publishedFramework(frameworkId);
      if (!framework) continue;
      const levels = demonstratedLevels(framework.content, this.inputs.approvedEvidenceOf(engineerId, framework.frameworkId), computedAt);
      await executeOnStream(
        this.store,
        assessmentStream(engineerId),
        assessmentDecider,
        { type: 'RecordDemonstratedLevels', data: { engineerId, frameworkId: framework.frameworkId, frameworkVersion: framework.version, levels, computedAt, reason } },
        { actor: 'system:assessment', correlationId: cause.correlationId, causationId: cause.causationId, occurredAt: reason === 'time-passed' ? this.clock.now().toISOString() : computedAt },
      );
    }
  }

  private async storeClockCheckpoint(): Promise<void> {
    if (this.followedTimeTo === null || this.followedTimeTo <= this.storedClockCheckpoint) return;
    await this.checkpoints.store(this.runtime.name(assessmentClockConsumer), BigInt(Math.floor(this.followedTimeTo)));
    this.storedClockCheckpoint = this.followedTimeTo;
  }

  /** Wakes up when the next change is due (now, if it already is), in steps of at most a minute. */
  private armTimer(): void {
    clearTimeout(this.timer);
    const next = this.schedule.next();
    if (this.stopped || !next || this.followedTimeTo === null) return;
    const wait = Math.max(0, Math.min(next.at - this.clock.now().getTime(), maxTimerMs));
    this.timer = setTimeout(() => {
      this.followTime()
        .catch((error: unknown) => this.onError(error))
        .finally(() => this.armTimer());
    }, wait);
    this.timer.unref();
  }
}
