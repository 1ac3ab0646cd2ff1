// Relay throughput (events/s from the log to acknowledged by Kafka) and end-to-end latency from an append
// to a plain Kafka consumer's receipt, on a real single-node Kafka started from Maven Central.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { currentSchemaVersions } from '@skills-graph/domain';
import { SqlCheckpointStore, SqlEventStore, openPgliteClient } from '@skills-graph/event-store';
import { KafkaMessageBus } from '@skills-graph/messaging';
import { IntegrationEventRelay } from '@skills-graph/relay';
import { startKafka } from '../../deploy/kafka/kafka-server.mjs';
import { fmt, machine, percentile, setting, table, writeSection } from './bench-report.mjs';

const events = setting('BENCH_RELAY_EVENTS', 20_000, 500);
const samples = setting('BENCH_RELAY_SAMPLES', 200, 20);

const levelEvent = (i, level) => ({
  id: randomUUID(),
  type: 'DemonstratedLevelRecorded',
  schemaVersion: currentSchemaVersions.DemonstratedLevelRecorded,
  data: { engineerId: `eng-${i % 2_000}`, competencyId: 'mastery', skillId: 'go', level, previousLevel: level - 1, evidenceIds: ['ev-1'], frameworkId: 'fw', frameworkVersion: 1, computedAt: new Date().toISOString() },
  metadata: { correlationId: randomUUID(), causationId: null, actor: 'bench', occurredAt: new Date().toISOString() },
});

const kafka = await startKafka();
const store = await SqlEventStore.open(await openPgliteClient());
const bus = new KafkaMessageBus(kafka.brokers);
try {
  // Throughput: the relay catches up with a backlog of level changes (every one an integration event).
  for (let i = 0; i < events; i += 1_000) await store.appendToStream(`assessment-bench-${i / 1_000}`, Array.from({ length: 1_000 }, (_, j) => levelEvent(i + j, 1 + ((i + j) % 5))));
  const relay = new IntegrationEventRelay(store, new SqlCheckpointStore(store.sqlClient), bus);
  const started = performance.now();
  await relay.start();
  await relay.caughtUp();
  const seconds = (performance.now() - started) / 1000;

  // Latency: one append at a time, timed until an independent consumer receives it.
  const client = new Kafka({ clientId: 'bench-consumer', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const consumer = client.consumer({ groupId: `bench-${randomUUID()}` });
  const waiting = new Map();
  await consumer.connect();
  await consumer.subscribe({ topic: 'skills.levels.v1', fromBeginning: false });
  await consumer.run({ eachMessage: async ({ message }) => waiting.get(JSON.parse(message.value.toString()).id)?.() });
  await new Promise((r) => setTimeout(r, 3_000)); // the group joins
  const latencies = [];
  for (let i = 0; i < samples; i += 1) {
    const event = levelEvent(i, 2);
    const received = new Promise((resolve) => waiting.set(event.id, resolve));
    const t = performance.now();
    await store.appendToStream(`assessment-latency-${i}`, [event]);
    await received;
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  await consumer.disconnect();
  await relay.onApplicationShutdown();

  const markdown = [
    '## Integration-event relay on Kafka',
    '',
    `Machine: ${machine()}. Apache Kafka ${kafka.version ?? '4'} (single KRaft node from Maven Central), event store embedded PGlite in memory,`,
    `idempotent producer (acks from all in-sync replicas, one request in flight). Throughput: a backlog of ${fmt(events)} level changes`,
    `relayed until the broker acknowledged all. Latency: ${fmt(samples)} single appends, each timed until a plain kafkajs consumer received it.`,
    '',
    table(
      ['relay throughput (events/s acknowledged)', 'append → consumer p50 (ms)', 'p99 (ms)'],
      [[fmt(events / seconds), fmt(percentile(latencies, 50), 1), fmt(percentile(latencies, 99), 1)]],
    ),
  ].join('\n');
  console.log(markdown);
  writeSection('relay', markdown);
} finally {
  await bus.close();
  await store.close();
  await kafka.stop();
}
