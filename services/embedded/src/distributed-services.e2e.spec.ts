import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { ServiceName } from '@skills-graph/config';
import { openEventStore, type OpenedEventStore } from '@skills-graph/event-store';
import { createTestDatabase, type TestDatabase } from '@skills-graph/event-store/testing';
import { IntegrationEventTranslator } from '@skills-graph/messaging';
import { kafkaForTests, type KafkaForTests } from '@skills-graph/messaging/testing';
import { neo4jForTests, type Neo4jForTests } from '@skills-graph/read-model/testing';
import { buildProductMains, builtMain, freePort } from './testing/product-processes.js';

// The product as separate processes, the way Kubernetes runs it: every service from its built main with
// only the environment its container gets, on real PostgreSQL, Neo4j and Kafka; two replicas of each log
// follower (projector, assessment, relay). An HRIS joiner comes in over Kafka, evidence is submitted and
// approved through the gateway, the level CloudEvent goes out, the L5 question is answered; then the
// active followers are killed with SIGKILL and their standbys take over with nothing lost and nothing
// published twice under different ids.

const mainOf = (service: ServiceName) => builtMain(`service-mains/${service}-main.js`);
const deployment = `e2e-${randomBytes(3).toString('hex')}`;
const topic = (name: string) => `${deployment}.${name}`;

let kafka: KafkaForTests;
let neo4j: Neo4jForTests;
let database: TestDatabase;
let producer: Producer;
let consumer: Consumer;
let log: OpenedEventStore;
const received: { topic: string; key: string | null; id: string; value: string }[] = [];

interface RunningProcess {
  service: ServiceName;
  replica: number;
  url: string;
  child: ChildProcess;
  output: string[];
}
const processes: RunningProcess[] = [];

/** Exactly what a service's container is given (the manifests and the compose file set the same). */
function environmentOf(service: ServiceName, port: number): Record<string, string> {
  const common = { EVENT_STORE: 'postgres', POSTGRES_URL: database.url, DEPLOYMENT_NAME: deployment, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', LEASE_RETRY_MS: '500' };
  const graph = { READ_MODEL: 'neo4j', NEO4J_URI: neo4j.connection.uri, NEO4J_USERNAME: neo4j.connection.username ?? 'neo4j', NEO4J_PASSWORD: neo4j.connection.password ?? '' };
  const brokers = { KAFKA_BROKERS: kafka.brokers.join(',') };
  switch (service) {
    case 'gateway':
      return { ...common, ...graph, ...brokers, COMMAND_TRANSPORT: 'kafka' };
    case 'people':
      return { ...common, ...brokers, BUS: 'kafka', COMMAND_TRANSPORT: 'kafka' };
    case 'framework':
    case 'evidence':
    case 'assessment':
      return { ...common, ...brokers };
    case 'projector':
      return { ...common, ...graph };
    case 'relay':
      return { ...common, ...brokers, BUS: 'kafka' };
  }
}

async function startProcess(service: ServiceName, replica = 1): Promise<RunningProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [mainOf(service)], { env: { PATH: process.env['PATH'] ?? '', ...environmentOf(service, port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const running: RunningProcess = { service, replica, url: `http://127.0.0.1:${port}`, child, output: [] };
  const keep = (chunk: Buffer) => {
    running.output.push(chunk.toString());
    if (running.output.length > 400) running.output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  processes.push(running);
  return running;
}

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${processes.map((p) => `--- ${p.service}#${p.replica}\n${p.output.slice(-8).join('')}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Checks {
  status: string;
  checks: Record<string, { status: string }>;
}
const checksOf = async (p: RunningProcess): Promise<Checks> => (await fetch(`${p.url}/health/checks`)).json() as Promise<Checks>;
const gateway = () => processes.find((p) => p.service === 'gateway')!;

async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const joiner = (id: string, name: string, managerId: string | null) => ({
  messageId: randomUUID(),
  type: 'joiner',
  source: 'workday',
  occurredAt: '2026-11-20T09:00:00Z',
  effectiveDate: '2026-11-01',
  engineer: { id, name, email: `${id}@example.test`, title: 'Engineer', teamId: 'team-platform', teamName: 'Platform', managerId },
});
const hr = { 'x-actor-id': 'hr-reader', 'x-actor-roles': 'hris' };
const owner = { 'x-actor-id': 'owner-1', 'x-actor-roles': 'framework-owner' };
const l5Question = `{ engineers(filter: { competency: "Mastery", skill: "Go", level: 5 }, first: 10) { totalCount nodes { id name levels(competency: "Mastery", skill: "Go") { level } } } }`;

beforeAll(async () => {
  // The built mains (the containers run the same files); Kafka, Neo4j and the database start meanwhile.
  const build = buildProductMains();
  [kafka, neo4j, database] = await Promise.all([kafkaForTests(), neo4jForTests(), createTestDatabase('sg_services'), build]).then(([k, n, d]) => [k, n, d] as const);
  log = await openEventStore({ EVENT_STORE: 'postgres', POSTGRES_URL: database.url, POSTGRES_MAX_CONNECTIONS: 2, DATA_DIR: '.data', ESDB_CONNECTION_STRING: undefined });

  for (const service of ['gateway', 'framework', 'people', 'evidence'] as const) await startProcess(service);
  for (const service of ['projector', 'assessment', 'relay'] as const) {
    await startProcess(service, 1);
    await startProcess(service, 2);
  }

  const client = new Kafka({ clientId: 'e2e-hris', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const admin = client.admin();
  await admin.connect();
  const wanted = ['skills.levels.v1', 'skills.evidence.v1', 'skills.framework.v1', 'hris.people.v1'].map(topic);
  const existing = await admin.listTopics();
  await admin.createTopics({ topics: wanted.filter((t) => !existing.includes(t)).map((t) => ({ topic: t, numPartitions: 3 })), waitForLeaders: true });
  await admin.disconnect();
  producer = client.producer();
  await producer.connect();
  consumer = client.consumer({ groupId: `e2e-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: wanted.slice(0, 3), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic: from, message }) => {
      received.push({ topic: from, key: message.key?.toString() ?? null, id: String(message.headers?.['ce-id'] ?? ''), value: message.value!.toString() });
    },
  });

  // Every process answers HTTP and is ready (the second follower of each pair as a standby).
  for (const p of processes) {
    // The last /ready answer goes into the failure message: it names the check that is not up, and why.
    let last = '';
    await eventually(
      async () => {
        const response = await fetch(`${p.url}/ready`);
        last = await response.text();
        return response.ok ? true : undefined;
      },
      `${p.service}#${p.replica} ready`,
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nits last /ready answer: ${last}`);
    });
  }
}, 420_000);

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await Promise.all(processes.map((p) => (p.child.exitCode === null && p.child.signalCode === null ? new Promise((r) => p.child.once('exit', r)) : null)));
  await consumer?.disconnect();
  await producer?.disconnect();
  await log?.close();
  await database?.drop();
  await neo4j?.stop();
  await kafka?.stop();
}, 120_000);

describe('every service in its own process, on PostgreSQL, Neo4j and Kafka', () => {
  it('exits at once naming a missing setting', () => {
    const result = spawnSync(process.execPath, [mainOf('relay')], { env: { PATH: process.env['PATH'] ?? '', EVENT_STORE: 'postgres', POSTGRES_URL: database.url, BUS: 'kafka' }, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^relay: Invalid configuration:\n {2}- KAFKA_BROKERS: /);
  });

  it('takes an HRIS joiner, evidence and its approval to a level CloudEvent and the L5 answer, and fails over without loss or duplicates', async () => {
    // Exactly one active instance per follower, the other waiting for the lease.
    const followers = ['projector', 'assessment', 'relay'] as const;
    for (const service of followers) {
      const states = await Promise.all(processes.filter((p) => p.service === service).map(async (p) => (await checksOf(p)).checks['follower']!.status));
      expect(states.sort()).toEqual(['standby', 'up']);
    }

    await producer.send({ topic: topic('hris.people.v1'), messages: [{ key: 'e2e-lead', value: JSON.stringify(joiner('e2e-lead', 'Lea Lead', null)) }] });
    await producer.send({ topic: topic('hris.people.v1'), messages: [{ key: 'e2e-ana', value: JSON.stringify(joiner('e2e-ana', 'Ana Go', 'e2e-lead')) }, { key: 'e2e-bo', value: JSON.stringify(joiner('e2e-bo', 'Bo Go', 'e2e-lead')) }] });
    await eventually(async () => ((await gql(`{ engineer(id: "e2e-bo") { manager { id } } }`, {}, hr)).data?.engineer?.manager?.id === 'e2e-lead' ? true : undefined), 'the joiners in the graph');

    const levels = [1, 2, 3, 4, 5];
    const framework = {
      name: 'Distributed e2e',
      levels: levels.map((level) => ({ level })),
      competencies: [{ id: 'mastery', name: 'Mastery' }],
      behaviours: levels.map((level) => ({ id: `e2e-m${level}`, level, competency: 'mastery', text: `Masters step ${level}` })),
      policy: { coverageShare: 1, minimumEvidence: 1, recencyWindowDays: null },
    };
    expect((await gql(`mutation($input: RegisterSkillInput!) { registerSkill(input: $input) { changed } }`, { input: { id: 'go', name: 'Go' } }, owner)).errors).toBeUndefined();
    expect((await gql(`mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version } }`, { input: { frameworkId: 'e2e', format: 'JSON', content: JSON.stringify(framework), publish: true } }, owner)).errors).toBeUndefined();

    // The skill and the framework reach the graph through the projector process: the gateway sees them once it has applied them.
    await eventually(async () => ((await gql(`{ engineers(filter: { competency: "Mastery", skill: "Go", level: 1 }, first: 1) { totalCount } }`)).errors ? undefined : true), 'the skill and the framework in the graph');
    const submitAndApprove = async (engineerId: string, title: string) => {
      const submitted = await gql(
        `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }`,
        { input: { engineerId, frameworkId: 'e2e', kind: 'DESIGN', title, date: '2026-11-21', skills: ['Go'], behaviourIds: levels.map((l) => `e2e-m${l}`) } },
        { 'x-actor-id': engineerId },
      );
      expect(submitted.errors).toBeUndefined();
      const approved = await gql(`mutation($id: ID!) { approveEvidence(id: $id) { changed } }`, { id: submitted.data!.submitEvidence.evidence.id }, { 'x-actor-id': 'e2e-lead' });
      expect(approved.errors).toBeUndefined();
    };
    const levelEventsOf = (engineerId: string) => received.filter((m) => m.topic === topic('skills.levels.v1') && m.key === engineerId);
    const l5 = async (count: number) => {
      const answer = await gql(l5Question);
      return answer.data?.engineers.totalCount === count ? answer.data.engineers : undefined;
    };

    await submitAndApprove('e2e-ana', 'Go service design');
    await eventually(() => (levelEventsOf('e2e-ana').length >= 2 ? true : undefined), "Ana's level CloudEvents");
    const first = await eventually(() => l5(1), 'the L5 answer');
    expect(first.nodes).toEqual([{ id: 'e2e-ana', name: 'Ana Go', levels: [{ level: 5 }] }]);

    // kill -9 the active projector, assessment and relay; the standbys take over.
    const killed: RunningProcess[] = [];
    for (const service of followers) {
      const pair = processes.filter((p) => p.service === service);
      const active = (await Promise.all(pair.map(async (p) => ((await checksOf(p)).checks['follower']!.status === 'up' ? p : null)))).find((p) => p)!;
      active.child.kill('SIGKILL');
      killed.push(active);
    }
    await submitAndApprove('e2e-bo', 'Go library design');
    const took = Date.now();
    for (const service of followers) {
      const standby = processes.find((p) => p.service === service && !killed.includes(p))!;
      await eventually(async () => ((await checksOf(standby)).checks['follower']!.status === 'up' ? true : undefined), `${service} standby to take over`, 30_000);
    }
    expect(Date.now() - took).toBeLessThan(30_000);
    await eventually(() => (levelEventsOf('e2e-bo').length >= 2 ? true : undefined), "Bo's level CloudEvents after the failover");
    const second = await eventually(() => l5(2), 'the L5 answer after the failover');
    expect(second.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['e2e-ana', 'e2e-bo']);

    // Nothing lost, nothing published twice under different ids: the CloudEvents received are exactly the
    // translation of the log (a redelivery after a crash repeats an id with the same content).
    await new Promise((r) => setTimeout(r, 2_000));
    const translator = new IntegrationEventTranslator();
    const expected = new Map<string, string>();
    for (let after = 0n; ; ) {
      const page = await log.store.readAll({ after, maxCount: 1_000 });
      if (page.length === 0) break;
      for (const event of page) {
        const message = translator.translate(event);
        if (message) expected.set(event.id, topic(message.topic));
      }
      after = page.at(-1)!.globalPosition;
    }
    const byId = new Map<string, Set<string>>();
    for (const m of received) byId.set(m.id, (byId.get(m.id) ?? new Set()).add(m.value));
    expect([...byId.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [, values] of byId) expect(values.size).toBe(1);
    for (const m of received) expect(m.topic).toBe(expected.get(m.id));

    // The recomputer recorded each level change once, across the takeover.
    const levelRecords: string[] = [];
    for (const engineerId of ['e2e-ana', 'e2e-bo']) {
      for (const event of await log.store.readStream(`assessment-${engineerId}`)) {
        if (event.type !== 'DemonstratedLevelRecorded') continue;
        const d = event.data as { engineerId: string; competencyId: string; skillId: string | null; level: number; previousLevel: number };
        levelRecords.push(`${d.engineerId}/${d.competencyId}/${d.skillId}/${d.previousLevel}->${d.level}`);
      }
    }
    expect(levelRecords.length).toBeGreaterThanOrEqual(4);
    expect(new Set(levelRecords).size).toBe(levelRecords.length);

    // The HRIS joiners travelled over the command transport.
    const admin = new Kafka({ clientId: 'e2e-inspector', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const sent = (await admin.fetchTopicOffsets(topic('skills.commands.record-joiner'))).reduce((sum, p) => sum + Number(p.high), 0);
    await admin.disconnect();
    expect(sent).toBe(3);
  }, 240_000);
});
