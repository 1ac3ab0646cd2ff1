import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { pino } from 'pino';
import { register } from 'prom-client';
import { loadServiceConfig } from '@skills-graph/config';
import { openEventStore, type OpenedEventStore } from '@skills-graph/event-store';
import { createTestDatabase, type TestDatabase } from '@skills-graph/event-store/testing';
import { kafkaForTests, type KafkaForTests } from '@skills-graph/messaging/testing';
import { replayDeadLetters, type DeadLetterReference } from '@skills-graph/people';
import { startService, type RunningService } from './service-mains/service-host.js';
import { eventually as waitFor } from './testing/eventually.js';

// Issue #14, "the HR feed never dies silently", on a real Kafka and PostgreSQL with the people service
// as its main runs it: a message larger than the dead-letter topic takes (max.message.bytes 4096) used to
// fail the dead-letter publish and stop the HRIS consumer on every partition, for good, with /ready 200 and
// nothing logged. Now it is dead-lettered by reference, the next joiner is applied, readiness says the
// truth throughout, the log says what happened, and the replay command applies it after the fix.

const DLQ_MAX_BYTES = 4_096;
let kafka: KafkaForTests;
let database: TestDatabase;
let log: OpenedEventStore;
let people: RunningService;
let producer: Producer;
let reader: Consumer;
const deployment = `hris-${randomBytes(4).toString('hex')}`;
const hrTopic = `${deployment}.hris.people.v1`;
const dlqTopic = `${deployment}.hris.people.v1.dlq`;
const lines: string[] = [];
const deadLetters: { value: string; headers: Record<string, string> }[] = [];
/** Each sample: when its request was sent (`at`), the status and the HRIS consumer's check. */
const readiness: { at: number; status: number; hris: string }[] = [];
let sampling = true;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** The people service's consumer joins its group and restarts with backoff: allow a minute. */
const eventually = <T>(probe: () => Promise<T | undefined> | T | undefined, what: string) => waitFor(probe, what, 60_000);

const envelope = () => ({ messageId: randomUUID(), source: 'workday', occurredAt: '2026-11-20T09:00:00Z', effectiveDate: '2026-12-01' });
const joiner = (id: string) => ({ ...envelope(), type: 'joiner', engineer: { id, name: 'Ida Feed', email: `${id}@example.test`, title: 'Engineer', teamId: 'team-feed', teamName: 'Feed', managerId: null } });
const mover = (id: string) => ({ ...envelope(), type: 'mover', engineer: { id, teamId: 'team-moved', teamName: 'Moved', managerId: null, title: null } });
const send = (key: string, value: string) => producer.send({ topic: hrTopic, acks: -1, messages: [{ key, value }] });
const eventTypes = async (engineerId: string) => (await log.store.readStream(`engineer-${engineerId}`)).map((e) => e.type);

beforeAll(async () => {
  [kafka, database] = await Promise.all([kafkaForTests(), createTestDatabase('sg_hris_feed')]);
  const client = new Kafka({ clientId: 'hris-feed-test', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const admin = client.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: hrTopic, numPartitions: 3 },
      { topic: dlqTopic, numPartitions: 3, configEntries: [{ name: 'max.message.bytes', value: String(DLQ_MAX_BYTES) }] },
    ],
  });
  await admin.disconnect();
  producer = client.producer();
  await producer.connect();
  reader = client.consumer({ groupId: `dlq-reader-${randomUUID()}` });
  await reader.connect();
  await reader.subscribe({ topic: dlqTopic, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      deadLetters.push({ value: message.value?.toString() ?? '', headers });
    },
  });

  const port = await freePort();
  const config = loadServiceConfig('people', {
    EVENT_STORE: 'postgres',
    POSTGRES_URL: database.url,
    DEPLOYMENT_NAME: deployment,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    KAFKA_BROKERS: kafka.brokers.join(','),
    BUS: 'kafka',
    COMMAND_TRANSPORT: 'inprocess',
  });
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(...chunk.toString().split('\n').filter(Boolean)), done()) });
  people = await startService('people', config, pino({ level: 'info', base: { service: 'people' } }, sink));
  log = await openEventStore({ EVENT_STORE: 'postgres', POSTGRES_URL: database.url, POSTGRES_MAX_CONNECTIONS: 2, DATA_DIR: '.data', ESDB_CONNECTION_STRING: undefined });
  // Readiness as an orchestrator sees it, every 250 ms from start to end.
  void (async () => {
    while (sampling) {
      const at = Date.now();
      const response = await fetch(`${people.url}/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
      const body = response ? ((await response.json()) as { checks?: Record<string, { status: string }> }) : {};
      readiness.push({ at, status: response?.status ?? 0, hris: body.checks?.['hris-consumer']?.status ?? 'none' });
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  await eventually(() => (readiness.at(-1)?.status === 200 ? true : undefined), 'the people service ready');
}, 240_000);

afterAll(async () => {
  sampling = false;
  await reader?.disconnect();
  await producer?.disconnect();
  await people?.close();
  await log?.close();
  await database?.drop();
  await kafka?.stop();
}, 60_000);

describe('the HR feed on a real Kafka', () => {
  it('dead-letters by reference a message the dead-letter topic cannot take, applies the next joiner, stays truthfully ready, logs it; the replay applies it after the fix', async () => {
    const sentAt = Date.now();
    // A valid mover for someone HR has not sent as a joiner yet (a domain error: dead-lettered), padded
    // with JSON whitespace to 20 kB, five times what the dead-letter topic takes.
    const big = JSON.stringify(mover('feed-0001')) + ' '.repeat(20_000);
    expect(Buffer.byteLength(big)).toBeGreaterThan(DLQ_MAX_BYTES * 4);
    await send('feed-0001', big);
    await send('feed-0002', JSON.stringify(joiner('feed-0002')));

    await eventually(async () => ((await eventTypes('feed-0002')).includes('EngineerJoined') ? true : undefined), 'the joiner after the oversized message');
    const letter = await eventually(() => deadLetters[0], 'the dead letter');
    const reference = JSON.parse(letter.value) as DeadLetterReference;
    expect(reference).toEqual({
      deadLetter: 'reference',
      topic: hrTopic,
      partition: expect.any(Number),
      offset: expect.stringMatching(/^\d+$/),
      key: 'feed-0001',
      bytes: Buffer.byteLength(big),
      sha256: createHash('sha256').update(big).digest('hex'),
      code: 'INVALID_STATE',
      reason: expect.stringMatching(/feed-0001|engineer/i),
      refused: expect.stringMatching(/too large/i),
    });
    expect(letter.headers).toMatchObject({ 'x-dlq-body': 'omitted', 'x-original-topic': hrTopic, 'x-original-offset': reference.offset, 'x-original-sha256': reference.sha256 });
    expect(letter.value).not.toContain('team-moved');
    expect(deadLetters).toHaveLength(1);
    expect(await eventTypes('feed-0001')).toEqual([]);

    // The metric and the log say what happened; the consumer never stopped, so readiness never dropped.
    expect(await register.getSingleMetricAsString('skills_graph_hris_dead_letters_total')).toContain('skills_graph_hris_dead_letters_total{kind="reference"} 1');
    const said = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(said.filter((m) => m.includes('dead-lettered'))).toEqual([
      `${hrTopic} ${reference.partition}/${reference.offset} dead-lettered by reference to ${dlqTopic} (${reference.bytes} bytes, sha256 ${reference.sha256}; body too large for ${dlqTopic}): ${reference.reason}`,
    ]);
    expect(said.filter((m) => m.includes('HRIS consumer stopped'))).toEqual([]);
    // At least one probe sent after the oversized message (the feed can handle both messages inside one 250 ms gap).
    await eventually(() => (readiness.some((r) => r.at >= sentAt) ? true : undefined), 'a readiness probe after the oversized message');
    const during = readiness.filter((r) => r.at >= sentAt);
    expect(during.filter((r) => r.status !== 200 || r.hris !== 'up')).toEqual([]);

    // The fix: HR sends the joiner; the replay reads the body again from its offset, checks its hash, re-sends it.
    await send('feed-0001', JSON.stringify(joiner('feed-0001')));
    await eventually(async () => ((await eventTypes('feed-0001')).length === 1 ? true : undefined), 'the late joiner');
    const outcomes = await replayDeadLetters({ brokers: kafka.brokers, deploymentName: deployment, select: (l) => l.origin.offset === reference.offset && l.origin.partition === reference.partition });
    expect(outcomes.map((o) => [o.result, o.deadLetter.kind, o.deadLetter.sha256])).toEqual([['replayed', 'reference', reference.sha256]]);
    await eventually(async () => ((await eventTypes('feed-0001')).length === 2 ? true : undefined), 'the replayed mover');
    expect(await eventTypes('feed-0001')).toEqual(['EngineerJoined', 'EngineerMoved']);
    // Replaying again changes nothing (the messageId is the idempotency key).
    await replayDeadLetters({ brokers: kafka.brokers, deploymentName: deployment, select: (l) => l.origin.offset === reference.offset && l.origin.partition === reference.partition });
    await send('feed-0003', JSON.stringify(joiner('feed-0003')));
    await eventually(async () => ((await eventTypes('feed-0003')).length === 1 ? true : undefined), 'a joiner after the second replay');
    expect(await eventTypes('feed-0001')).toEqual(['EngineerJoined', 'EngineerMoved']);
    expect(deadLetters).toHaveLength(1);
    expect(readiness.filter((r) => r.at >= sentAt && (r.status !== 200 || r.hris !== 'up'))).toEqual([]);
  }, 180_000);
});
