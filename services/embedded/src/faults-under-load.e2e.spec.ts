import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import neo4jDriver from 'neo4j-driver';
import pg from 'pg';
import { openEventStore, type OpenedEventStore } from '@skills-graph/event-store';
import { createTestDatabase, type TestDatabase } from '@skills-graph/event-store/testing';
import { eventually } from './testing/eventually.js';
import { buildProductMains, builtMain, freePort, startProductProcess, stopProductProcess, type ProductProcess } from './testing/product-processes.js';
import { restartableKafka, restartableNeo4j, type RestartableKafka, type RestartableNeo4j } from './testing/restartable-servers.js';

// Faults under load, on real servers. The product runs as two processes the way a small deployment does:
// the gateway with the projector and the relay (main.js; commands go over Kafka) and the command services
// (command-services-main.js), on PostgreSQL, Neo4j and Kafka of this file's own. Writers submit evidence
// with ids of their own and their manager approves it, through the gateway's HTTP; readers query in
// parallel. Each fault is injected under that load and removed again; then every failed request is retried
// with the same id, and the counts must agree: every acknowledged mutation stored, every attempted one
// stored exactly once, projected once into Neo4j and published once on Kafka (a redelivery repeats the
// CloudEvent id with the same content, never another id). A mutation during the outage may fail with any
// coded error or time out on the client: the counts are what is asserted. Each scenario prints its counts
// and the time to recover (from the fault's removal to the first acknowledged mutation).

const WRITERS = 3;
const REQUEST_TIMEOUT_MS = 15_000;
const RECOVERY_BOUND_MS = 150_000;
const RETRY_BOUND_MS = 60_000;
const evidenceTopic = 'skills.evidence.v1';
const lead = 'fault-lead';
const writerIds = Array.from({ length: WRITERS }, (_, i) => `fault-w${i}`);
const hr = { 'x-actor-id': 'fault-hr', 'x-actor-roles': 'hris' };
const owner = { 'x-actor-id': 'fault-owner', 'x-actor-roles': 'framework-owner' };

let kafka: RestartableKafka;
let neo4j: RestartableNeo4j;
let database: TestDatabase;
let log: OpenedEventStore;
let gatewayPort: number;
const dataDir = mkdtempSync(join(tmpdir(), 'sg-faults-'));
let gateway: ProductProcess;
let commandServices: ProductProcess;
const report: Record<string, unknown>[] = [];

const gatewayUrl = () => `http://127.0.0.1:${gatewayPort}`;
const shared = () => ({ EVENT_STORE: 'postgres', POSTGRES_URL: database.url, KAFKA_BROKERS: kafka.brokers.join(','), SEED_DEMO: 'false', LOG_LEVEL: 'info', DATA_DIR: dataDir, HOST: '127.0.0.1' });
const startGateway = () =>
  (gateway = startProductProcess('gateway', builtMain('main.js'), {
    ...shared(),
    PORT: String(gatewayPort),
    COMMAND_TRANSPORT: 'kafka',
    BUS: 'kafka',
    READ_MODEL: 'neo4j',
    NEO4J_URI: neo4j.connection.uri,
    NEO4J_USERNAME: neo4j.connection.username,
    NEO4J_PASSWORD: neo4j.connection.password,
  }));
const startCommandServices = () => (commandServices = startProductProcess('command services', builtMain('command-services-main.js'), { ...shared(), PORT: '0' }));
const tails = () => [gateway, commandServices].map((p) => `--- ${p.name}\n${p.output.slice(-10).join('')}`).join('\n');
/** Phase lines on stderr with FAULTS_VERBOSE=1 (Jest holds console output back until the file ends). */
const progress = (line: string) => {
  if (process.env['FAULTS_VERBOSE']) process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};
const waitFor = <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = RECOVERY_BOUND_MS) =>
  eventually(() => probe().catch(() => undefined), what, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}\n${tails()}`);
  });

interface Outcome {
  ok: boolean;
  /** When the answer (or the failure) came. */
  at: number;
  /** The error's code (and reason), HTTP status, or 'timeout' / 'network'. */
  error?: string;
}

async function gql(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Outcome & { data?: Record<string, any> }> {
  try {
    const response = await fetch(`${gatewayUrl()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = (await response.json().catch(() => ({}))) as { data?: Record<string, any>; errors?: { extensions?: { code?: string; reason?: string } }[] };
    if (response.ok && !body.errors && body.data) return { ok: true, at: Date.now(), data: body.data };
    const extensions = body.errors?.[0]?.extensions;
    return { ok: false, at: Date.now(), error: extensions?.code ? [extensions.code, extensions.reason].filter(Boolean).join(' ') : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, at: Date.now(), error: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
  }
}

const submitMutation = `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }`;
const approveMutation = `mutation($id: ID!) { approveEvidence(id: $id) { changed } }`;
const submit = (id: string, engineerId: string) =>
  gql(submitMutation, { input: { id, engineerId, frameworkId: 'faults', kind: 'DESIGN', title: `Design note ${id.slice(0, 8)}`, date: '2026-11-21', skills: [], behaviourIds: ['faults-m1'] } }, { 'x-actor-id': engineerId });
const approve = (id: string) => gql(approveMutation, { id }, { 'x-actor-id': lead });

interface Attempt {
  id: string;
  engineerId: string;
  submit?: Outcome;
  approve?: Outcome;
}

/** Writers (submit, then the manager approves) and optional readers until stop(). */
class Load {
  readonly attempts: Attempt[] = [];
  readonly reads: { ok: number; failed: Record<string, number> } = { ok: 0, failed: {} };
  private stopping = false;
  private readonly running: Promise<void>[] = [];

  start(readers = 0): this {
    for (const engineerId of writerIds) this.running.push(this.write(engineerId));
    for (let i = 0; i < readers; i++) this.running.push(this.read(writerIds[i % WRITERS]!));
    return this;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  /** One more writer that tries every second, without backing off, until a submission is acknowledged: ms from `since` to that. */
  async probeRecovery(since: number, boundMs: number): Promise<number> {
    for (;;) {
      const attempt: Attempt = { id: randomUUID(), engineerId: writerIds[0]! };
      this.attempts.push(attempt);
      attempt.submit = await submit(attempt.id, attempt.engineerId);
      if (attempt.submit.ok) {
        attempt.approve = await approve(attempt.id);
        return attempt.submit.at - since;
      }
      if (Date.now() - since > boundMs) throw new Error(`no mutation was acknowledged within ${boundMs} ms of the fault's removal (last: ${attempt.submit.error})\n${tails()}`);
      await sleep(1_000);
    }
  }

  private async write(engineerId: string): Promise<void> {
    let backoffMs = 1_000;
    while (!this.stopping) {
      const attempt: Attempt = { id: randomUUID(), engineerId };
      this.attempts.push(attempt);
      attempt.submit = await submit(attempt.id, engineerId);
      if (attempt.submit.ok) attempt.approve = await approve(attempt.id);
      // A failing client backs off, doubling up to 8 s, as a real one would; a new id each time (the retries come afterwards).
      if (attempt.submit.ok && attempt.approve?.ok) backoffMs = 1_000;
      else {
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 8_000);
      }
    }
  }

  private async read(engineerId: string): Promise<void> {
    while (!this.stopping) {
      const answer = await gql(`query($id: ID!) { engineer(id: $id) { id manager { id } } engineers(first: 5) { totalCount } }`, { id: engineerId }, hr);
      if (answer.ok) this.reads.ok++;
      else {
        this.reads.failed[answer.error!] = (this.reads.failed[answer.error!] ?? 0) + 1;
        await sleep(500);
      }
    }
  }

  errors(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.attempts) for (const o of [a.submit, a.approve]) if (o && !o.ok) counts[o.error!] = (counts[o.error!] ?? 0) + 1;
    return counts;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The evidence events stored for each id, by type, with their event ids. */
async function storedOf(ids: string[]): Promise<Map<string, { submitted: string[]; approved: string[] }>> {
  const stored = new Map<string, { submitted: string[]; approved: string[] }>();
  for (const id of ids) {
    const events = await log.store.readStream(`evidence-${id}`);
    stored.set(id, { submitted: events.filter((e) => e.type === 'EvidenceSubmitted').map((e) => e.id), approved: events.filter((e) => e.type === 'EvidenceApproved').map((e) => e.id) });
  }
  return stored;
}

/** Evidence nodes in Neo4j for these ids: how many nodes per id, their status and the approvals applied. */
async function projectedOf(ids: string[]): Promise<Map<string, { nodes: number; status: string; approvals: number }>> {
  const driver = neo4jDriver.driver(neo4j.connection.uri, neo4jDriver.auth.basic(neo4j.connection.username, neo4j.connection.password));
  try {
    const { records } = await driver.executeQuery(`MATCH (e:Evidence) WHERE e.id IN $ids RETURN e.id AS id, count(*) AS nodes, collect(e.status)[0] AS status, max(size(coalesce(e.approvedFrom, []))) AS approvals`, { ids }, { routing: 'READ' });
    return new Map(records.map((r) => [r.get('id') as string, { nodes: Number(r.get('nodes')), status: String(r.get('status')), approvals: Number(r.get('approvals')) }]));
  } finally {
    await driver.close();
  }
}

interface Published {
  ceId: string;
  evidenceId: string;
  value: string;
}

/** Every evidence CloudEvent on the topic, read from the beginning with a fresh consumer group up to the high watermarks. */
async function published(): Promise<Published[]> {
  const client = new Kafka({ clientId: 'fault-counter', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const admin = client.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(evidenceTopic).finally(() => admin.disconnect());
  const remaining = new Map(offsets.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  const seen: Published[] = [];
  if (remaining.size === 0) return seen;
  const consumer = client.consumer({ groupId: `fault-counter-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: evidenceTopic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const value = message.value!.toString();
        const event = JSON.parse(value) as { id: string; data: { evidenceId: string } };
        seen.push({ ceId: event.id, evidenceId: event.data.evidenceId, value });
        if (Number(message.offset) + 1 >= (remaining.get(partition) ?? Infinity)) remaining.delete(partition);
        if (remaining.size === 0) done();
      },
    });
    await Promise.race([finished, sleep(60_000).then(() => Promise.reject(new Error(`reading ${evidenceTopic} to its end took over 60 s`)))]);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

/** Sends the request again every second until its answer is accepted; fails naming the last answer after RETRY_BOUND_MS. */
async function retryUntil(request: () => Promise<Outcome>, accept: (o: Outcome) => boolean, what: string): Promise<Outcome> {
  const deadline = Date.now() + RETRY_BOUND_MS;
  for (;;) {
    const outcome = await request();
    if (accept(outcome)) return outcome;
    if (Date.now() > deadline) throw new Error(`${what} still failed after ${RETRY_BOUND_MS} ms: ${JSON.stringify(outcome)}\n${tails()}`);
    await sleep(1_000);
  }
}

/**
 * Runs the load, injects the fault after a few seconds, removes it, waits for the first acknowledged
 * mutation, runs on a little, retries every failed request with its id, and asserts the counts.
 */
async function underLoad(fault: string, options: { readers?: number; outageMs?: number }, inject: () => Promise<void>, restore: () => Promise<void>): Promise<void> {
  const load = new Load().start(options.readers ?? 0);
  await sleep(3_000);
  const injectedAt = Date.now();
  progress(`${fault}: injecting`);
  await inject();
  progress(`${fault}: injected`);
  await sleep(options.outageMs ?? 8_000);
  progress(`${fault}: restoring`);
  await restore();
  const restoredAt = Date.now();
  progress(`${fault}: restored after ${restoredAt - injectedAt} ms; waiting for the first acknowledged mutation`);
  const recoverMs = await load.probeRecovery(restoredAt, RECOVERY_BOUND_MS);
  await sleep(3_000);
  await load.stop();
  progress(`${fault}: load stopped, ${load.attempts.length} attempts, errors ${JSON.stringify(load.errors())}`);
  const attempts = load.attempts;
  const ids = attempts.map((a) => a.id);
  const acknowledged = attempts.filter((a) => a.submit?.ok);
  const approvedAcks = attempts.filter((a) => a.approve?.ok);
  const duringFault = attempts.filter((a) => a.submit && !a.submit.ok).length;
  const errors = load.errors();

  // Every acknowledged mutation is stored, once.
  const beforeRetry = await storedOf(ids);
  for (const a of acknowledged) expect(beforeRetry.get(a.id)!.submitted).toHaveLength(1);
  for (const a of approvedAcks) expect(beforeRetry.get(a.id)!.approved).toHaveLength(1);
  const storedBeforeRetry = [...beforeRetry.values()].filter((s) => s.submitted.length > 0).length;

  // Every failed request again with the same id, a few at a time (a retried submission that was stored
  // after all is refused as CONFLICT, reason ALREADY_EXISTS).
  progress(`${fault}: retrying the failed requests`);
  let retried = 0;
  const retry = async (a: Attempt) => {
    if (!a.submit?.ok) {
      retried++;
      a.submit = { ...(await retryUntil(() => submit(a.id, a.engineerId), (o) => o.ok || o.error === 'CONFLICT ALREADY_EXISTS' || o.error === 'CONFLICT', `the retried submission ${a.id}`)), ok: true };
    }
    if (!a.approve?.ok) {
      retried++;
      a.approve = await retryUntil(() => approve(a.id), (o) => o.ok, `the retried approval ${a.id}`);
    }
  };
  const queue = attempts.filter((a) => !a.submit?.ok || !a.approve?.ok);
  await Promise.all(Array.from({ length: 6 }, async () => {
    for (let a = queue.shift(); a; a = queue.shift()) await retry(a);
  }));

  progress(`${fault}: counting`);
  // Stored exactly once, projected once, published once under the stored event's id.
  const stored = await storedOf(ids);
  for (const id of ids) {
    expect({ id, submitted: stored.get(id)!.submitted.length, approved: stored.get(id)!.approved.length }).toEqual({ id, submitted: 1, approved: 1 });
  }
  const projected = await waitFor(async () => {
    const nodes = await projectedOf(ids);
    return ids.every((id) => nodes.get(id)?.status === 'approved') ? nodes : undefined;
  }, `every evidence of ${fault} approved in Neo4j`);
  for (const id of ids) expect({ id, ...projected.get(id) }).toEqual({ id, nodes: 1, status: 'approved', approvals: 1 });
  const wanted = new Set(ids);
  const messages = await waitFor(async () => {
    const all = (await published()).filter((m) => wanted.has(m.evidenceId));
    return new Set(all.map((m) => m.evidenceId)).size === ids.length ? all : undefined;
  }, `every approval of ${fault} published`);
  const byEvidence = new Map<string, Published[]>();
  for (const m of messages) byEvidence.set(m.evidenceId, [...(byEvidence.get(m.evidenceId) ?? []), m]);
  for (const id of ids) {
    const copies = byEvidence.get(id)!;
    // One CloudEvent id per approval, the stored event's; a redelivery carries the same id and content.
    expect({ id, ceIds: [...new Set(copies.map((m) => m.ceId))], contents: new Set(copies.map((m) => m.value)).size }).toEqual({ id, ceIds: stored.get(id)!.approved, contents: 1 });
  }

  const counts = {
    fault,
    attempted: ids.length,
    acknowledged: acknowledged.length,
    failedOrTimedOut: duringFault,
    errors,
    storedBeforeRetry,
    retried,
    storedAfterRetry: [...stored.values()].filter((s) => s.submitted.length === 1 && s.approved.length === 1).length,
    projected: ids.filter((id) => projected.get(id)?.nodes === 1).length,
    published: byEvidence.size,
    redelivered: messages.length - byEvidence.size,
    reads: options.readers ? load.reads : undefined,
    faultMs: restoredAt - injectedAt,
    recoverMs,
    loadAverage: loadavg()[0]!.toFixed(1),
  };
  report.push(counts);
  console.log(`fault under load: ${JSON.stringify(counts)}`);
  expect(counts.storedAfterRetry).toBe(counts.attempted);
  expect(counts.projected).toBe(counts.attempted);
  expect(counts.published).toBe(counts.attempted);
  expect(counts.acknowledged).toBeGreaterThan(0);
}

beforeAll(async () => {
  // Servers, database and build at once; whatever started is kept for afterAll even when another part failed.
  const [k, n, d, built] = await Promise.allSettled([restartableKafka(), restartableNeo4j(), createTestDatabase('sg_faults'), buildProductMains()]);
  if (k.status === 'fulfilled') kafka = k.value;
  if (n.status === 'fulfilled') neo4j = n.value;
  if (d.status === 'fulfilled') database = d.value;
  for (const part of [k, n, d, built]) if (part.status === 'rejected') throw part.reason;
  progress('servers started and mains built');
  log = await openEventStore({ EVENT_STORE: 'postgres', POSTGRES_URL: database.url, POSTGRES_MAX_CONNECTIONS: 2, DATA_DIR: dataDir, ESDB_CONNECTION_STRING: undefined });
  const admin = new Kafka({ clientId: 'fault-setup', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: evidenceTopic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  gatewayPort = await freePort();
  startCommandServices();
  startGateway();
  await waitFor(async () => ((await fetch(`${gatewayUrl()}/ready`)).ok ? true : undefined), 'the gateway ready', 180_000);
  progress('the gateway is ready');

  const joiner = (engineerId: string, managerId: string | null) => ({ engineerId, name: `Fault ${engineerId}`, email: `${engineerId}@example.test`, title: 'Engineer', teamId: 'team-faults', teamName: 'Faults', managerId, joinedOn: '2026-01-05' });
  const recordJoiner = async (engineerId: string, managerId: string | null) => {
    const outcome = await gql(`mutation($input: RecordJoinerInput!) { recordJoiner(input: $input) { changed } }`, { input: joiner(engineerId, managerId) }, hr);
    expect(outcome).toMatchObject({ ok: true });
  };
  await recordJoiner(lead, null);
  for (const id of writerIds) await recordJoiner(id, lead);
  // The gateway recognises an engineer (and their manager) from the read model: wait for the projection.
  for (const id of writerIds) {
    await waitFor(async () => ((await gql(`query($id: ID!) { engineer(id: $id) { manager { id } } }`, { id }, hr)).data?.engineer?.manager?.id === lead ? true : undefined), `${id} and their manager in the graph`);
  }
  const framework = {
    name: 'Faults framework',
    levels: [{ level: 1 }],
    competencies: [{ id: 'mastery', name: 'Mastery' }],
    behaviours: [{ id: 'faults-m1', level: 1, competency: 'mastery', text: 'Keeps working through outages' }],
    policy: { coverageShare: 1, minimumEvidence: 1, recencyWindowDays: null },
  };
  const imported = await gql(`mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version } }`, { input: { frameworkId: 'faults', format: 'JSON', content: JSON.stringify(framework), publish: true } }, owner);
  expect(imported).toMatchObject({ ok: true });
  progress('set up');
}, 600_000);

afterAll(async () => {
  if (report.length > 0) console.log(`faults under load, summary:\n${report.map((r) => JSON.stringify(r)).join('\n')}`);
  for (const p of [gateway, commandServices]) if (p) await stopProductProcess(p);
  await log?.close();
  await database?.drop();
  await neo4j?.stop();
  await kafka?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe('faults under load on real PostgreSQL, Neo4j and Kafka: nothing lost, nothing applied twice', () => {
  it('PostgreSQL: every connection of the store terminated again and again mid-append', async () => {
    const admin = new pg.Client({ connectionString: database.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    const databaseName = new URL(database.url).pathname.slice(1);
    let stop = false;
    let terminated = 0;
    let terminating: Promise<void> = Promise.resolve();
    try {
      await underLoad(
        'PostgreSQL connections terminated',
        { outageMs: 6_000 },
        async () => {
          terminating = (async () => {
            while (!stop) {
              const { rowCount } = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [databaseName]);
              terminated += rowCount ?? 0;
              await sleep(500);
            }
          })();
        },
        async () => {
          stop = true;
          await terminating;
        },
      );
      expect(terminated).toBeGreaterThan(0);
      console.log(`PostgreSQL backends terminated: ${terminated}`);
    } finally {
      stop = true;
      await terminating.catch(() => {});
      await admin.end();
    }
  }, 420_000);

  it('Neo4j: stopped and started again under read and write load', async () => {
    await underLoad('Neo4j stopped and started', { readers: 2 }, () => neo4j.halt(), () => neo4j.resume());
  }, 420_000);

  it('Kafka: stopped and started again under write load', async () => {
    await underLoad('Kafka stopped and started', {}, () => kafka.halt(), () => kafka.resume());
  }, 420_000);

  it('kill -9 of both processes mid-batch, then started again', async () => {
    await underLoad(
      'kill -9 of the gateway (projector, relay) and the command services',
      { outageMs: 2_000 },
      async () => {
        await Promise.all([stopProductProcess(gateway, 'SIGKILL'), stopProductProcess(commandServices, 'SIGKILL')]);
      },
      async () => {
        startCommandServices();
        startGateway();
      },
    );
  }, 420_000);
});
