import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  assessmentStream,
  demonstratedLevels,
  type RecordedEvent,
  assessmentDecider,
} from '@skills-graph/domain';
import { CHECKPOINT_STORE, EVENT_STORE, executeOnStream, type CheckpointStore, type EventStore, type EventStoreSubscription } from '@skills-graph/event-store';
import { AssessmentInputs } from './assessment-inputs.js';

export const assessmentConsumer = 'assessment-level-recomputer';

/**
 * Process manager: follows the global log and, when approved evidence or the published framework
 * changes, recomputes the affected engineers' demonstrated levels and appends what changed to their
 * assessment streams. It folds the whole log into its inputs but acts only on events after its
 * checkpoint; since the assessment decider records only differences, handling an event twice after a
 * crash changes nothing.
 */
@Injectable()
export class LevelRecomputer implements OnApplicationShutdown {
  private subscription: EventStoreSubscription | undefined;
  private readonly inputs = new AssessmentInputs();
  private actedUpTo = 0n;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
  ) {}

  async start(onError: (error: unknown) => void = () => {}): Promise<void> {
    this.actedUpTo = await this.checkpoints.read(assessmentConsumer);
    this.subscription = this.store.subscribeToAll({
      after: 0n,
      batchSize: 1_000,
      onEvents: (events) => this.handle(events),
      onError,
    });
  }

  /** Resolves once every event appended so far has been handled (including levels it appended). */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  get position(): bigint {
    return this.subscription?.position ?? 0n;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private async handle(events: RecordedEvent[]): Promise<void> {
    const affected = new Set<string>();
    let trigger: RecordedEvent | undefined;
    for (const event of events) {
      const engineers = this.inputs.apply(event);
      if (event.globalPosition <= this.actedUpTo || engineers.length === 0) continue;
      engineers.forEach((id) => affected.add(id));
      trigger = event;
    }
    if (trigger) await this.recompute([...affected].sort(), trigger);
    const last = events.at(-1)!.globalPosition;
    if (last > this.actedUpTo) {
      await this.checkpoints.store(assessmentConsumer, last);
      this.actedUpTo = last;
    }
  }

  private async recompute(engineerIds: string[], trigger: RecordedEvent): Promise<void> {
    const computedAt = trigger.metadata.occurredAt;
    for (const engineerId of engineerIds) {
      for (const frameworkId of this.inputs.frameworksOf(engineerId)) {
        const framework = this.inputs.publishedFramework(frameworkId);
        if (framework) await this.recordLevels(engineerId, framework, trigger, computedAt);
      }
    }
  }

  private async recordLevels(
    engineerId: string,
    framework: NonNullable<ReturnType<AssessmentInputs['publishedFramework']>>,
    trigger: RecordedEvent,
    computedAt: string,
  ): Promise<void> {
    const levels = demonstratedLevels(framework.content, this.inputs.approvedEvidenceOf(engineerId, framework.frameworkId), computedAt);
    await executeOnStream(
      this.store,
      assessmentStream(engineerId),
      assessmentDecider,
      { type: 'RecordDemonstratedLevels', data: { engineerId, frameworkId: framework.frameworkId, frameworkVersion: framework.version, levels, computedAt } },
      { actor: 'system:assessment', correlationId: trigger.metadata.correlationId, causationId: trigger.id, occurredAt: computedAt },
    );
  }
}
