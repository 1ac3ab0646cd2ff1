import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { OutgoingMessage } from '../integration-events/to-integration-event.js';
import type { IncomingMessage, MessageBus } from '../message-bus.port.js';

/**
 * Kafka through kafkajs: an idempotent producer (acks from all in-sync replicas, one request in flight,
 * so retries never reorder or duplicate within a partition) and consumer groups committing after each
 * handled message. kafkajs is in maintenance mode; it stays behind this port.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private readonly consumers = new Set<Consumer>();
  private readonly knownTopics = new Set<string>();

  constructor(brokers: readonly string[], clientId = 'skills-graph') {
    this.kafka = new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 200 } });
  }

  /** Creates the topics that do not exist yet (3 partitions each), waiting for their leaders. */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const toCreate = missing.filter((t) => !existing.has(t));
      if (toCreate.length > 0) await admin.createTopics({ topics: toCreate.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
      missing.forEach((t) => this.knownTopics.add(t));
    } finally {
      await admin.disconnect();
    }
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics([...new Set(messages.map((m) => m.topic))]);
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
      await producer.connect();
      this.producer = producer;
    }
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) })),
    });
  }

  async consume(groupId: string, topics: readonly string[], handle: (message: IncomingMessage) => Promise<void>): Promise<{ stop(): Promise<void> }> {
    await this.ensureTopics(topics);
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: true });
    await consumer.connect();
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    this.consumers.add(consumer);
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = String(value);
        await handle({ topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    await this.producer?.disconnect();
  }
}
