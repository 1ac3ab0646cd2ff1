import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { kafkaForTests, publishedSchemaValidator, type KafkaForTests } from '@skills-graph/messaging/testing';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';
import { eventually } from './testing/eventually.js';

// HR systems on a real Kafka: joiners in on hris.people.v1 (idempotent, bad messages to the DLQ), level
// changes out on skills.levels.v1 as CloudEvents, read by a plain kafkajs consumer and checked against
// the published JSON Schema. Topics and consumer groups carry a DEPLOYMENT_NAME of this file's own (the
// broker may be shared with other test files).

let kafka: KafkaForTests;
let instance: EmbeddedTestInstance;
let producer: Producer;
let consumer: Consumer;
const received: { topic: string; key: string | null; value: string; headers: Record<string, string> }[] = [];
const deployment = `kafka-e2e-${randomBytes(3).toString('hex')}`;
const topic = (name: string) => `${deployment}.${name}`;

beforeAll(async () => {
  kafka = await kafkaForTests();
  instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40', BUS: 'kafka', KAFKA_BROKERS: kafka.brokers.join(','), DEPLOYMENT_NAME: deployment });
  await instance.start();
  const client = new Kafka({ clientId: 'hris-simulator', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const admin = client.admin();
  await admin.connect();
  const existing = await admin.listTopics();
  const wanted = [topic('skills.levels.v1'), topic('hris.people.v1.dlq')].filter((t) => !existing.includes(t));
  await admin.createTopics({ topics: wanted.map((name) => ({ topic: name, numPartitions: 3 })), waitForLeaders: true });
  await admin.disconnect();
  producer = client.producer();
  await producer.connect();
  consumer = client.consumer({ groupId: `hris-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic('skills.levels.v1'), topic('hris.people.v1.dlq')], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic: from, message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      received.push({ topic: from, key: message.key?.toString() ?? null, value: message.value!.toString(), headers });
    },
  });
}, 240_000);

afterAll(async () => {
  await consumer?.disconnect();
  await producer?.disconnect();
  await instance?.dispose();
  await kafka?.stop();
}, 60_000);


const joiner = (id: string, messageId = randomUUID()) => ({
  messageId,
  type: 'joiner',
  source: 'workday',
  occurredAt: '2026-11-20T09:00:00Z',
  effectiveDate: '2026-12-01',
  engineer: { id, name: 'Noor Haddad', email: `${id}@example.test`, title: 'Engineer', teamId: 'team-payments-acquiring', teamName: 'Acquiring', managerId: null },
});

/** E-mail is for hris, admin, the engineer and their managers (docs/access-policy.md). */
const hrReader = { 'x-actor-id': 'hr-reader', 'x-actor-roles': 'hris' };

const send = (value: unknown) => producer.send({ topic: topic('hris.people.v1'), messages: [{ key: 'k', value: typeof value === 'string' ? value : JSON.stringify(value) }] });

describe('HRIS over Kafka', () => {
  it('makes a joiner queryable through GraphQL; the same message twice is one engineer', async () => {
    const message = joiner('hris-0001');
    await send(message);
    await send(message);
    const engineer = await eventually(async () => (await instance.gql(`{ engineer(id: "hris-0001") { name email status team { id } } }`, {}, hrReader)).data?.engineer ?? undefined, 'the joiner');
    expect(engineer).toEqual({ name: 'Noor Haddad', email: 'hris-0001@example.test', status: 'ACTIVE', team: { id: 'team-payments-acquiring' } });
    await send(joiner('hris-0002')); // a later message: once it is in, the duplicate was surely handled
    await eventually(async () => (await instance.gql(`{ engineer(id: "hris-0002") { id } }`)).data?.engineer ?? undefined, 'the next joiner');
    const stream = await instance.running.store.readStream('engineer-hris-0001');
    expect(stream.map((e) => e.type)).toEqual(['EngineerJoined']);
  }, 60_000);

  it('sends a malformed message to the dead-letter topic with the reason, and goes on with the next', async () => {
    await send('{"type": "joiner", "messageId": "not-a-uuid"');
    await send({ ...joiner('hris-0003'), engineer: { ...joiner('hris-0003').engineer, email: 'not an address' } });
    await send(joiner('hris-0004'));
    await eventually(async () => (await instance.gql(`{ engineer(id: "hris-0004") { id } }`)).data?.engineer ?? undefined, 'the good message after the bad ones');
    const dead = await eventually(() => {
      const list = received.filter((m) => m.topic === topic('hris.people.v1.dlq'));
      return list.length >= 2 ? list : undefined;
    }, 'two dead letters');
    expect(dead.map((m) => m.headers['x-dlq-reason'])).toEqual([expect.stringMatching(/^not JSON/), expect.stringMatching(/^engineer\.email: /)]);
    expect(dead[0]!.headers['x-original-topic']).toBe(topic('hris.people.v1'));
    expect((await instance.gql(`{ engineer(id: "hris-0003") { id } }`)).data?.engineer).toBeNull();
  }, 60_000);

  it('publishes one skills.levels.v1 CloudEvent when approved evidence lifts an engineer to a new level', async () => {
    const framework = {
      name: 'Kafka e2e framework',
      levels: [{ level: 1 }],
      competencies: [{ id: 'mastery', name: 'Mastery' }],
      behaviours: [{ id: 'kafka-e2e-m1', level: 1, competency: 'mastery', text: 'Keeps the consumer lag dashboard green' }],
      policy: { coverageShare: 1, minimumEvidence: 1, recencyWindowDays: null },
    };
    const imported = await instance.gql(`mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version } }`, { input: { frameworkId: 'kafka-e2e', format: 'JSON', content: JSON.stringify(framework), publish: true } }, { 'x-actor-id': 'owner', 'x-actor-roles': 'framework-owner' });
    expect(imported.errors).toBeUndefined();
    const submitted = await instance.gql(
      `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }`,
      { input: { engineerId: 'hris-0001', frameworkId: 'kafka-e2e', kind: 'INCIDENT', title: 'Consumer lag incident review', date: '2026-11-21', skills: ['kafka'], behaviourIds: ['kafka-e2e-m1'] } },
      { 'x-actor-id': 'hris-0001' },
    );
    expect(submitted.errors).toBeUndefined();
    // Only the current manager approves (an admin no longer does): give Noor one.
    const lead = { engineerId: 'kafka-lead', name: 'Lea Lead', email: 'kafka-lead@example.test', title: 'Lead', teamId: 'team-payments-acquiring', teamName: 'Acquiring', managerId: null, joinedOn: '2025-01-01' };
    expect((await instance.gql(`mutation($input: RecordJoinerInput!) { recordJoiner(input: $input) { changed } }`, { input: lead }, hrReader)).errors).toBeUndefined();
    const moved = await instance.gql(`mutation($input: RecordMoverInput!) { recordMover(input: $input) { changed } }`, { input: { engineerId: 'hris-0001', teamId: 'team-payments-acquiring', teamName: 'Acquiring', managerId: 'kafka-lead', movedOn: '2026-12-01' } }, hrReader);
    expect(moved.errors).toBeUndefined();
    const approved = await instance.gql(`mutation($id: ID!) { approveEvidence(id: $id) { changed } }`, { id: submitted.data!.submitEvidence.evidence.id }, { 'x-actor-id': 'kafka-lead' });
    expect(approved.errors).toBeUndefined();

    const isHers = (m: (typeof received)[number]) => m.topic === topic('skills.levels.v1') && m.key === 'hris-0001';
    const levelEvents = await eventually(() => {
      const list = received.filter(isHers);
      return list.length >= 2 ? list : undefined; // overall and within Kafka
    }, 'level CloudEvents');
    await new Promise((r) => setTimeout(r, 1_000));
    const cloudEvents = received.filter(isHers).map((m) => JSON.parse(m.value) as { id: string; type: string; subject: string; data: { level: number; previousLevel: number; skillId: string | null; frameworkId: string } });
    expect(cloudEvents).toHaveLength(levelEvents.length);
    expect(cloudEvents.map((e) => [e.type, e.subject, e.data.frameworkId, e.data.skillId, e.data.previousLevel, e.data.level]).sort()).toEqual([
      ['io.skillsgraph.level.demonstrated.v1', 'hris-0001', 'kafka-e2e', 'kafka', 0, 1],
      ['io.skillsgraph.level.demonstrated.v1', 'hris-0001', 'kafka-e2e', null, 0, 1],
    ].sort());
    expect(new Set(cloudEvents.map((e) => e.id)).size).toBe(cloudEvents.length);
    const validate = publishedSchemaValidator();
    for (const event of cloudEvents) expect(validate(event.type, event)).toEqual([]);
  }, 60_000);
});
