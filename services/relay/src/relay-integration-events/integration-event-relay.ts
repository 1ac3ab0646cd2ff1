import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { RecordedEvent } from '@skills-graph/domain';
import { CONFIG, deploymentNames, type SkillsGraphConfig } from '@skills-graph/config';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  FOLLOWER_RUNTIME,
  LogFollower,
  SnapshotSchedule,
  standaloneFollowerRuntime,
  type CheckpointStore,
  type EventStore,
  type FollowerRuntime,
} from '@skills-graph/event-store';
import { IntegrationEventTranslator, MESSAGE_BUS, type MessageBus, type OutgoingMessage, type TranslatorSnapshot } from '@skills-graph/messaging';

export const relayConsumer = 'integration-event-relay';
const relayBatchSize = 1_000;

/**
 * Publishes integration events: a log follower (one active instance per deployment, by lease) turns
 * internal events into CloudEvents and publishes each batch; the checkpoint moves only after the broker
 * acknowledged the batch. After a crash the last batch may be published again, with the same CloudEvent
 * ids (consumers deduplicate on them); nothing is lost. The translator's state (what later events need
 * of earlier ones) is stored beside the checkpoint, so a restart resumes from that snapshot and
 * republishes nothing before its checkpoint. Topics carry DEPLOYMENT_NAME when it is set.
 */
@Injectable()
export class IntegrationEventRelay implements OnApplicationShutdown {
  private follower: LogFollower | undefined;
  private translator = new IntegrationEventTranslator();
  private publishedUpTo = 0n;
  private handledUpTo = 0n;
  private readonly snapshots: SnapshotSchedule;
  private readonly topic: (name: string) => string;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Optional() @Inject(FOLLOWER_RUNTIME) private readonly runtime: FollowerRuntime = standaloneFollowerRuntime(),
    @Optional() @Inject(CONFIG) config?: Pick<SkillsGraphConfig, 'DEPLOYMENT_NAME'>,
  ) {
    this.snapshots = new SnapshotSchedule(runtime.snapshotEvery);
    this.topic = deploymentNames(config ?? {}).topic;
  }

  /** Starts once this instance holds the lease; resolves when it does (or at once with waitUntilActive: false). */
  async start(onError: (error: unknown) => void = () => {}, { waitUntilActive = true }: { waitUntilActive?: boolean } = {}): Promise<void> {
    this.follower = new LogFollower(
      this.store,
      this.runtime.leases,
      this.name,
      { resume: () => this.resume(), onEvents: (events) => this.relay(events), suspend: () => this.saveSnapshot() },
      { batchSize: relayBatchSize, onError, onStateChange: this.runtime.onStateChange },
    );
    this.follower.start();
    if (waitUntilActive) await this.follower.active();
  }

  get logFollower(): LogFollower | undefined {
    return this.follower;
  }

  async caughtUp(): Promise<void> {
    await this.follower?.caughtUp();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower?.stop();
  }

  private get name(): string {
    return this.runtime.name(relayConsumer);
  }

  /** The checkpoint, and the translator as of its snapshot: events after the snapshot are folded again. */
  private async resume(): Promise<bigint> {
    this.publishedUpTo = await this.checkpoints.read(this.name);
    const snapshot = await this.runtime.state.load<TranslatorSnapshot>(this.name);
    this.translator = snapshot ? IntegrationEventTranslator.fromSnapshot(snapshot.state) : new IntegrationEventTranslator();
    this.handledUpTo = snapshot?.position ?? 0n;
    this.snapshots.reset(this.handledUpTo);
    return this.handledUpTo;
  }

  private async relay(events: RecordedEvent[]): Promise<void> {
    const outgoing: OutgoingMessage[] = [];
    for (const event of events) {
      const message = this.translator.translate(event);
      if (message && event.globalPosition > this.publishedUpTo) outgoing.push({ ...message, topic: this.topic(message.topic) });
    }
    const last = events.at(-1)!.globalPosition;
    this.handledUpTo = last;
    if (last > this.publishedUpTo) {
      await this.bus.publish(outgoing);
      await this.checkpoints.store(this.name, last);
      this.publishedUpTo = last;
    }
    if (this.snapshots.due(last, events.length < relayBatchSize)) await this.saveSnapshot();
  }

  private async saveSnapshot(): Promise<void> {
    if (this.handledUpTo === 0n) return;
    await this.runtime.state.save(this.name, { position: this.handledUpTo, state: this.translator.snapshot() });
    this.snapshots.taken(this.handledUpTo);
  }
}
