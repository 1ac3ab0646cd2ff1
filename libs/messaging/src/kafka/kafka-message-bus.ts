import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { OutgoingMessage } from '../integration-events/to-integration-event.js';
import { MessageTooLargeError, type ConsumeOptions, type IncomingMessage, type MessageBus } from '../message-bus.port.js';

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

  /**
   * `timeoutMs` (KAFKA_TIMEOUT_MS, default 5,000) bounds connecting and each request; a call's retries
   * (5, doubling from 200 ms, each wait at most `timeoutMs`) give up after about 6 s, with a KafkaJS error.
   */
  constructor(brokers: readonly string[], clientId = 'skills-graph', options: { timeoutMs?: number } = {}) {
    const timeoutMs = options.timeoutMs ?? 5_000;
    this.kafka = new Kafka({
      clientId,
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: Math.min(timeoutMs, 3_000),
      requestTimeout: timeoutMs,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: timeoutMs },
    });
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
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) })),
      });
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      const largest = messages.reduce((a, b) => (Buffer.byteLength(b.value ?? '') > Buffer.byteLength(a.value ?? '') ? b : a));
      throw new MessageTooLargeError(largest.topic, Buffer.byteLength(largest.value ?? ''), error);
    }
  }

  async consume(groupId: string, topics: readonly string[], handle: (message: IncomingMessage) => Promise<void>, options: ConsumeOptions = {}): Promise<{ stop(): Promise<void> }> {
    await this.ensureTopics(topics);
    const onStop = options.onStop;
    // With onStop the caller owns restarts: kafkajs retries a failing handler a few times, then crashes and stays down.
    const consumer = this.kafka.consumer(onStop ? { groupId, allowAutoTopicCreation: true, retry: { retries: 3, initialRetryTime: 200, restartOnFailure: async () => false } } : { groupId, allowAutoTopicCreation: true });
    let stopping = false;
    if (onStop)
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (stopping || payload.restart) return;
        stopping = true;
        this.consumers.delete(consumer);
        void consumer.disconnect().catch(() => undefined);
        onStop(payload.error);
      });
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
        stopping = true;
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

/** kafkajs reports a refused size as a protocol error (possibly wrapped by its retrier). */
function isTooLarge(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { type, message } = e as { type?: unknown; message?: unknown };
    if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE' || /too large/i.test(String(message ?? ''))) return true;
    e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
