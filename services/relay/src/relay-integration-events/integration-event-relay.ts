import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { RecordedEvent } from '@skills-graph/domain';
import { CHECKPOINT_STORE, EVENT_STORE, type CheckpointStore, type EventStore, type EventStoreSubscription } from '@skills-graph/event-store';
import { IntegrationEventTranslator, MESSAGE_BUS, type MessageBus, type OutgoingMessage } from '@skills-graph/messaging';

export const relayConsumer = 'integration-event-relay';

/**
 * Publishes integration events: follows the global log, turns internal events into CloudEvents and
 * publishes each batch; the checkpoint moves only after the broker acknowledged the batch. After a
 * crash the last batch may be published again, with the same CloudEvent ids (consumers deduplicate on
 * them); nothing is lost. The translator folds the whole log, so it reads from the start and publishes
 * only after its checkpoint.
 */
@Injectable()
export class IntegrationEventRelay implements OnApplicationShutdown {
  private subscription: EventStoreSubscription | undefined;
  private readonly translator = new IntegrationEventTranslator();
  private publishedUpTo = 0n;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async start(onError: (error: unknown) => void = () => {}): Promise<void> {
    this.publishedUpTo = await this.checkpoints.read(relayConsumer);
    this.subscription = this.store.subscribeToAll({ after: 0n, batchSize: 1_000, onEvents: (events) => this.relay(events), onError });
  }

  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private async relay(events: RecordedEvent[]): Promise<void> {
    const outgoing: OutgoingMessage[] = [];
    for (const event of events) {
      const message = this.translator.translate(event);
      if (message && event.globalPosition > this.publishedUpTo) outgoing.push(message);
    }
    const last = events.at(-1)!.globalPosition;
    if (last <= this.publishedUpTo) return;
    await this.bus.publish(outgoing);
    await this.checkpoints.store(relayConsumer, last);
    this.publishedUpTo = last;
  }
}
