import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { loadConfig } from '@skills-graph/config';
import { createTestDatabase, type TestDatabase } from '@skills-graph/event-store/testing';
import { kafkaForTests, type KafkaForTests } from '@skills-graph/messaging/testing';
import { startCommandServices } from './command-services.js';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// Distributed mode: the gateway sends commands over Kafka (request-reply, @nestjs/microservices) to the
// command services running apart from it; both share the PostgreSQL event store. Results and refusals
// come back as they do in process.

let kafka: KafkaForTests;
let database: TestDatabase;
let services: { close(): Promise<void> };
let gateway: EmbeddedTestInstance;
const servicesDataDir = mkdtempSync(join(tmpdir(), 'sg-services-'));
const owner = { 'x-actor-id': 'owner-1', 'x-actor-roles': 'framework-owner' };

beforeAll(async () => {
  kafka = await kafkaForTests();
  database = await createTestDatabase('sg_distributed');
  const shared = { EVENT_STORE: 'postgres', POSTGRES_URL: database.url, KAFKA_BROKERS: kafka.brokers.join(','), LOG_LEVEL: 'silent' };
  services = await startCommandServices(loadConfig({ ...shared, DATA_DIR: servicesDataDir, SEED_DEMO: 'false' }), pino({ level: 'silent' }));
  gateway = new EmbeddedTestInstance({ ...shared, COMMAND_TRANSPORT: 'kafka', DEMO_ENGINEERS: '40' });
  await gateway.start();
}, 300_000);

afterAll(async () => {
  await gateway?.dispose();
  await services?.close();
  await database?.drop();
  await kafka?.stop();
  rmSync(servicesDataDir, { recursive: true, force: true });
}, 60_000);

describe('commands over Kafka to separate command services', () => {
  it('imports a framework, submits and approves evidence, and carries refusals back with code and field', async () => {
    const framework = {
      name: 'Distributed framework',
      levels: [{ level: 1 }],
      competencies: [{ id: 'mastery', name: 'Mastery' }],
      behaviours: [{ id: 'dist-m1', level: 1, competency: 'mastery', text: 'Keeps the release train on schedule' }],
    };
    const imported = await gateway.gql(`mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version behaviourCount changed } }`, { input: { frameworkId: 'distributed', format: 'JSON', content: JSON.stringify(framework), publish: true } }, owner);
    expect(imported).toEqual({ data: { importFramework: { version: 1, behaviourCount: 1, changed: true } } });

    const { data } = await gateway.gql(`{ engineers(first: 20) { nodes { id manager { id } } } }`);
    const engineer = (data!.engineers.nodes as { id: string; manager: { id: string } | null }[]).find((n) => n.manager)!;
    const submitted = await gateway.gql(
      `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id status } } }`,
      { input: { engineerId: engineer.id, frameworkId: 'distributed', kind: 'DESIGN', title: 'Release train calendar', date: '2026-11-02', skills: [], behaviourIds: ['dist-m1'] } },
      { 'x-actor-id': engineer.id },
    );
    expect(submitted.data!.submitEvidence.evidence.status).toBe('SUBMITTED');
    const id = submitted.data!.submitEvidence.evidence.id as string;

    const byPeer = await gateway.gql(`mutation($id: ID!) { approveEvidence(id: $id) { changed } }`, { id }, { 'x-actor-id': 'someone-else' });
    expect(byPeer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'actor' });
    const approved = await gateway.gql(`mutation($id: ID!) { approveEvidence(id: $id) { evidence { status } } }`, { id }, { 'x-actor-id': engineer.manager!.id });
    expect(approved.data!.approveEvidence.evidence.status).toBe('APPROVED');

    const malformed = await gateway.gql(`mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version } }`, { input: { frameworkId: 'broken', format: 'MARKDOWN', content: '# Broken\n\n## Level one\n' } }, owner);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content', line: 3 });

    // The commands really went over Kafka: the approval (the peer's was refused by the gateway's access policy
    // before sending), and both imports, the malformed one refused by the remote framework service.
    const admin = new Kafka({ clientId: 'inspector', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const sent = async (topic: string) => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    expect(await sent('skills.commands.review-evidence')).toBeGreaterThanOrEqual(1);
    expect(await sent('skills.commands.import-framework')).toBeGreaterThanOrEqual(2);
    await admin.disconnect();
  }, 120_000);

  it('calibrates a level and amends evidence over Kafka, refusals included', async () => {
    const { data } = await gateway.gql(`{ engineers(first: 20) { nodes { id manager { id } } } }`);
    const [engineer, member] = (data!.engineers.nodes as { id: string; manager: { id: string } | null }[]).filter((n) => n.manager);
    const calibrated = await gateway.gql(
      `mutation($input: CalibrateLevelInput!) { calibrateLevel(input: $input) { calibratedLevel { level rationale panel { id } calibratedBy { id } } } }`,
      { input: { engineerId: engineer!.id, frameworkId: 'distributed', competency: 'Mastery', level: 1, rationale: 'Runs the release train', panel: [member!.id] } },
      { 'x-actor-id': member!.id, 'x-actor-roles': 'panel' },
    );
    expect(calibrated).toEqual({ data: { calibrateLevel: { calibratedLevel: { level: 1, rationale: 'Runs the release train', panel: [{ id: member!.id }], calibratedBy: { id: member!.id } } } } });

    const submitted = await gateway.gql(
      `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }`,
      { input: { engineerId: engineer!.id, frameworkId: 'distributed', kind: 'DESIGN', title: 'Release checklist', date: '2026-11-03', skills: [], behaviourIds: ['dist-m1'] } },
      { 'x-actor-id': engineer!.id },
    );
    const id = submitted.data!.submitEvidence.evidence.id as string;
    const amend = (headers: Record<string, string>) =>
      gateway.gql(`mutation($id: ID!, $input: AmendEvidenceInput!) { amendEvidence(id: $id, input: $input) { evidence { status title } } }`, { id, input: { title: 'Release checklist, v2' } }, headers);
    expect((await amend({ 'x-actor-id': member!.id })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'actor' });
    expect((await amend({ 'x-actor-id': engineer!.id })).data!.amendEvidence.evidence).toEqual({ status: 'SUBMITTED', title: 'Release checklist, v2' });

    const admin = new Kafka({ clientId: 'inspector', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const sent = async (topic: string) => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    expect(await sent('skills.commands.calibrate-level')).toBe(1);
    expect(await sent('skills.commands.amend-evidence')).toBe(2);
    await admin.disconnect();
  }, 120_000);
});
