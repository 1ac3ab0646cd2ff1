#!/usr/bin/env node
// End-to-end check of deploy/kafka/kafka-server.mjs with kafkajs:
// start a broker, create a 3-partition topic, produce 100 keyed messages with an idempotent
// producer, consume them with a consumer group, check order per key, stop. Exit 1 on failure.
//
//   node deploy/kafka/smoke-check.mjs

import fs from 'node:fs';
import kafkajs from 'kafkajs';
import { startKafka } from './kafka-server.mjs';

const { Kafka, logLevel, Partitioners } = kafkajs;

const KEYS = 10;
const MESSAGES = 100;
const TOPIC = `smoke-${Date.now()}`;

const timings = {};
const t = async (name, fn) => {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
};

let broker;
let failed = false;
const tAll = performance.now();
try {
  broker = await t('startKafka', () => startKafka({ log: true }));
  console.log(`broker ${broker.brokers[0]} (Kafka ${broker.version}, pid ${broker.pid})`);

  const kafka = new Kafka({ clientId: 'smoke-check', brokers: broker.brokers, logLevel: logLevel.WARN });

  const admin = kafka.admin();
  await admin.connect();
  await t('createTopic', () =>
    admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true }),
  );
  const meta = await admin.fetchTopicMetadata({ topics: [TOPIC] });
  const partitions = meta.topics[0].partitions.length;
  if (partitions !== 3) throw new Error(`expected 3 partitions, got ${partitions}`);
  await admin.disconnect();

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const sentPartitionByKey = new Map();
  await t('produce100', async () => {
    const seqByKey = new Map();
    for (let i = 0; i < MESSAGES; i++) {
      const key = `key-${i % KEYS}`;
      const seq = seqByKey.get(key) ?? 0;
      seqByKey.set(key, seq + 1);
      const [res] = await producer.send({
        topic: TOPIC,
        acks: -1,
        messages: [{ key, value: JSON.stringify({ key, seq, i }) }],
      });
      const prev = sentPartitionByKey.get(key);
      if (prev !== undefined && prev !== res.partition) throw new Error(`key ${key} went to partitions ${prev} and ${res.partition}`);
      sentPartitionByKey.set(key, res.partition);
    }
  });
  await producer.disconnect();
  const usedPartitions = new Set(sentPartitionByKey.values());

  const consumer = kafka.consumer({ groupId: `smoke-group-${Date.now()}`, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  const received = [];
  await t('consume100', async () => {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out: got ${received.length}/${MESSAGES} messages`)), 60_000);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            received.push({ partition, offset: Number(message.offset), ...JSON.parse(message.value.toString()) });
            if (received.length >= MESSAGES) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  });
  await consumer.disconnect();

  // checks
  if (received.length !== MESSAGES) throw new Error(`expected ${MESSAGES} messages, got ${received.length}`);
  const byKey = new Map();
  for (const m of received) {
    if (!byKey.has(m.key)) byKey.set(m.key, []);
    byKey.get(m.key).push(m);
  }
  if (byKey.size !== KEYS) throw new Error(`expected ${KEYS} keys, got ${byKey.size}`);
  for (const [key, msgs] of byKey) {
    const seqs = msgs.map((m) => m.seq);
    const expected = Array.from({ length: MESSAGES / KEYS }, (_, i) => i);
    if (JSON.stringify(seqs) !== JSON.stringify(expected)) throw new Error(`order broken for ${key}: ${seqs.join(',')}`);
    const parts = new Set(msgs.map((m) => m.partition));
    if (parts.size !== 1) throw new Error(`${key} seen on several partitions: ${[...parts]}`);
  }
  console.log(
    `OK: ${received.length} messages, ${byKey.size} keys in order, spread over partitions [${[...usedPartitions].sort().join(',')}] of ${partitions}`,
  );
  try {
    const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${broker.pid}/status`, 'utf8'))?.[1];
    const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${broker.pid}/status`, 'utf8'))?.[1];
    if (rss) console.log(`broker JVM memory: RSS ${Math.round(rss / 1024)} MiB (peak ${Math.round(hwm / 1024)} MiB)`);
  } catch {
    /* not Linux */
  }
} catch (err) {
  failed = true;
  console.error(`FAILED: ${err.stack || err.message}`);
} finally {
  if (broker) await t('stop', () => broker.stop());
  timings.total = Math.round(performance.now() - tAll);
  console.log(
    'timings (ms): ' +
      Object.entries(timings)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
  );
}
console.log(failed ? '0 passed, 1 failed' : '1 passed, 0 failed');
process.exit(failed ? 1 : 0);
