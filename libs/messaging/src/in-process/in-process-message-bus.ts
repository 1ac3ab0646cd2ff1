import type { OutgoingMessage } from '../integration-events/to-integration-event.js';
import type { IncomingMessage, MessageBus } from '../message-bus.port.js';

/**
 * The embedded stand-in for Kafka: topics are in-memory logs, each consumer group keeps an offset per
 * topic and gets messages one at a time, again when its handler throws. Nothing survives a restart:
 * consumers that must not lose anything read the event store, not this bus.
 */
export class InProcessMessageBus implements MessageBus {
  private readonly topics = new Map<string, IncomingMessage[]>();
  private readonly wakers = new Set<() => void>();

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    for (const m of messages) {
      const log = this.topics.get(m.topic) ?? [];
      log.push({ topic: m.topic, partition: 0, offset: String(log.length), key: m.key, value: m.value, headers: { ...m.headers } });
      this.topics.set(m.topic, log);
    }
    this.wakers.forEach((wake) => wake());
  }

  /** Every message published to a topic so far (for tests and the embedded host's diagnostics). */
  messages(topic: string): readonly IncomingMessage[] {
    return this.topics.get(topic) ?? [];
  }

  async consume(_groupId: string, topics: readonly string[], handle: (message: IncomingMessage) => Promise<void>): Promise<{ stop(): Promise<void> }> {
    const offsets = new Map(topics.map((t) => [t, 0]));
    let stopped = false;
    let wake: (() => void) | undefined;
    const waker = () => wake?.();
    this.wakers.add(waker);
    const loop = (async () => {
      while (!stopped) {
        let handled = false;
        for (const topic of topics) {
          const next = this.topics.get(topic)?.[offsets.get(topic)!];
          if (!next) continue;
          try {
            await handle(next);
            offsets.set(topic, offsets.get(topic)! + 1);
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          handled = true;
        }
        if (!handled && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        this.wakers.delete(waker);
        wake?.();
        await loop;
      },
    };
  }

  async close(): Promise<void> {
    this.wakers.forEach((wake) => wake());
  }
}
