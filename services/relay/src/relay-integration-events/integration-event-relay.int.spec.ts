import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { SqlCheckpointStore, SqlEventStore, openPgliteClient } from '@skills-graph/event-store';
import { appendInChunks } from '@skills-graph/event-store/testing';
import { IntegrationEventTranslator, KafkaMessageBus, integrationTopics, type OutgoingMessage } from '@skills-graph/messaging';
import { kafkaForTests, publishedSchemaValidator, type KafkaForTests } from '@skills-graph/messaging/testing';
import { syntheticOrganisationEvents } from '@skills-graph/read-model';
import { IntegrationEventRelay, relayConsumer } from './integration-event-relay.js';

// The relay against a real Kafka, read back by a plain kafkajs consumer (not our code): stopped half-way
// and restarted, it loses nothing and never publishes one event under two ids; every message validates
// against the published JSON Schema; each engineer's events arrive in order. Its topics carry a
// DEPLOYMENT_NAME of this file's own (the broker may be shared with other test files).

let kafka: KafkaForTests;
let store: SqlEventStore;
const config = { DEPLOYMENT_NAME: `relay-int-${randomBytes(3).toString('hex')}` };
const topic = (name: string) => `${config.DEPLOYMENT_NAME}.${name}`;

beforeAll(async () => {
  kafka = await kafkaForTests();
  store = await SqlEventStore.open(await openPgliteClient());
  const events = syntheticOrganisationEvents({ engineers: 150, evidencePerEngineer: 6, levelRecordsPerEngineer: 6 });
  await appendInChunks(store, events);
}, 240_000);

afterAll(async () => {
  await store?.close();
  await kafka?.stop();
}, 60_000);

async function readEverything(expected: number): Promise<{ topic: string; key: string; value: string }[]> {
  const client = new Kafka({ clientId: 'independent-consumer', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const consumer = client.consumer({ groupId: `independent-${randomUUID()}` });
  const received: { topic: string; key: string; value: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: integrationTopics.map(topic), fromBeginning: true });
  await consumer.run({ eachMessage: async ({ topic, message }) => void received.push({ topic, key: message.key!.toString(), value: message.value!.toString() }) });
  const deadline = Date.now() + 60_000;
  while (received.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1_000)); // anything extra (a duplicate) arrives too
  await consumer.disconnect();
  return received;
}

describe('integration-event relay on Kafka', () => {
  it('restarted mid-stream, publishes every integration event, under its own id, in order per engineer', async () => {
    const checkpoints = new SqlCheckpointStore(store.sqlClient);
    const bus = new KafkaMessageBus(kafka.brokers);
    const head = await store.headPosition();

    const first = new IntegrationEventRelay(store, checkpoints, bus, undefined, config);
    await first.start();
    while ((await checkpoints.read(relayConsumer)) === 0n) await new Promise((r) => setTimeout(r, 10));
    await first.onApplicationShutdown();
    const stoppedAt = await checkpoints.read(relayConsumer);
    expect(stoppedAt).toBeLessThan(head);

    const second = new IntegrationEventRelay(store, checkpoints, bus, undefined, config);
    await second.start();
    await second.caughtUp();
    await second.onApplicationShutdown();
    expect(await checkpoints.read(relayConsumer)).toBe(head);
    await bus.close();

    const translator = new IntegrationEventTranslator();
    const expected: OutgoingMessage[] = [];
    for (const event of await store.readAll({ maxCount: 100_000 })) {
      const message = translator.translate(event);
      if (message) expected.push({ ...message, topic: topic(message.topic) });
    }
    const received = await readEverything(expected.length);

    const idOf = (value: string) => (JSON.parse(value) as { id: string }).id;
    const byId = new Map<string, string>();
    for (const r of received) {
      const id = idOf(r.value);
      if (byId.has(id)) expect(r.value).toBe(byId.get(id)); // a re-published event is the same message
      byId.set(id, r.value);
    }
    expect([...byId.keys()].sort()).toEqual(expected.map((m) => idOf(m.value)).sort());

    const validate = publishedSchemaValidator();
    for (const value of byId.values()) {
      const cloudEvent = JSON.parse(value) as { type: string };
      expect([cloudEvent.type, validate(cloudEvent.type, cloudEvent)]).toEqual([cloudEvent.type, []]);
    }

    // Kafka keeps order within a partition: one engineer's events on one topic arrive in event order.
    const orderPerTopicAndKey = (messages: { topic: string; key: string; value: string }[]) => {
      const perKey = new Map<string, string[]>();
      for (const m of messages) {
        const ids = perKey.get(`${m.topic}|${m.key}`) ?? [];
        if (!ids.includes(idOf(m.value))) ids.push(idOf(m.value));
        perKey.set(`${m.topic}|${m.key}`, ids);
      }
      return perKey;
    };
    expect(orderPerTopicAndKey(received)).toEqual(orderPerTopicAndKey(expected));
  }, 240_000);
});
