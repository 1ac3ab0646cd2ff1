import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COMMAND_SENDER, ManualClock, RecordJoinerCommand, type CommandSender } from '@skills-graph/contracts';
import { MESSAGE_BUS, type InProcessMessageBus } from '@skills-graph/messaging';
import { neo4jForTests, type Neo4jForTests } from '@skills-graph/read-model/testing';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// Levels follow time. With a 30-day recency window, evidence dated D counts until D + 30 days 00:00 UTC.
// Mastery has m1a, m1b at level 1 and m2a at level 2 (coverage 50%). eng-1 has
//   A, dated 2026-10-10, covering m1a and m2a: counts until 2026-11-09T00:00Z
//   B, dated 2026-10-20, covering m1b:         counts until 2026-11-19T00:00Z
// so the rule gives level 2 until 11-09, level 1 until 11-19, then 0: with no new evidence, only time.
const framework = {
  name: 'Windowed framework',
  levels: [{ level: 1 }, { level: 2 }],
  competencies: [{ id: 'mastery', name: 'Mastery' }],
  behaviours: [
    { id: 'm1a', level: 1, competency: 'mastery', text: 'Writes tests that fail for the right reason' },
    { id: 'm1b', level: 1, competency: 'mastery', text: 'Keeps a change small enough to review' },
    { id: 'm2a', level: 2, competency: 'mastery', text: 'Designs idempotent consumers' },
  ],
  policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: 30 },
};
const owner = { 'x-actor-id': 'owner', 'x-actor-roles': 'framework-owner' };
const levelsQuery = (asOf?: string) =>
  `{ engineer(id: "eng-1") { levels(competency: "mastery", skill: "go"${asOf ? `, asOf: "${asOf}"` : ''}) { level evidence { title } } } }`;
const whoIs = (level: number) => `{ engineers(filter: { competency: "Mastery", skill: "golang", level: ${level} }, first: 10) { totalCount nodes { id } } }`;

async function prepare(instance: EmbeddedTestInstance, clock: ManualClock): Promise<void> {
  const running = await instance.start();
  const ok = (response: { errors?: unknown }) => expect(response.errors).toBeUndefined();
  ok(await instance.gql(`mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version } }`, { input: { frameworkId: 'windowed', format: 'JSON', content: JSON.stringify(framework), publish: true } }, owner));
  ok(await instance.gql(`mutation { registerSkill(input: { id: "go", name: "Go", aliases: ["golang"] }) { position } }`, {}, owner));
  await running.settled(); // a cold Neo4j may take longer than read-your-writes waits
  const commands = running.app.get<CommandSender>(COMMAND_SENDER);
  const meta = () => ({ actor: { id: 'hris:test', roles: ['hris' as const] }, correlationId: 'test', issuedAt: clock.now().toISOString() });
  const joiner = { title: 'Engineer', teamId: 'team-ledger', teamName: 'Ledger', joinedOn: '2026-01-05' };
  await commands.send(new RecordJoinerCommand({ ...joiner, engineerId: 'eng-m', name: 'Mona Manager', email: 'mona@example.test', managerId: null }, meta()));
  await commands.send(new RecordJoinerCommand({ ...joiner, engineerId: 'eng-1', name: 'Eli Engineer', email: 'eli@example.test', managerId: 'eng-m' }, meta()));
  await running.settled(); // the gateway knows who is calling from the read model: the joiners must be projected first
  for (const [title, date, behaviourIds] of [
    ['A: idempotent ledger consumer', '2026-10-10', ['m1a', 'm2a']],
    ['B: small reviewable change', '2026-10-20', ['m1b']],
  ] as const) {
    const submitted = await instance.gql(
      `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }`,
      { input: { engineerId: 'eng-1', frameworkId: 'windowed', kind: 'PULL_REQUEST', title, date, skills: ['go'], behaviourIds } },
      { 'x-actor-id': 'eng-1' },
    );
    ok(submitted);
    ok(await instance.gql(`mutation($id: ID!) { approveEvidence(id: $id) { evidence { status } } }`, { id: submitted.data!.submitEvidence.evidence.id }, { 'x-actor-id': 'eng-m' }));
  }
  await running.settled();
}

/** Polls until the check passes (the recomputer reacts to the clock on its own timer), for at most 10 s. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function levelOf(instance: EmbeddedTestInstance, asOf?: string): Promise<number> {
  const response = await instance.gql(levelsQuery(asOf));
  expect(response.errors).toBeUndefined();
  return (response.data!.engineer.levels as { level: number }[])[0]?.level ?? 0;
}

async function whoIsIds(instance: EmbeddedTestInstance, level: number): Promise<string[]> {
  return ((await instance.gql(whoIs(level))).data!.engineers.nodes as { id: string }[]).map((n) => n.id);
}

function levelEvents(instance: EmbeddedTestInstance) {
  return instance.running.app
    .get<InProcessMessageBus>(MESSAGE_BUS)
    .messages('skills.levels.v1')
    .map((m) => JSON.parse(m.value ?? 'null') as { type: string; data: Record<string, unknown> })
    .filter((e) => e.type === 'io.skillsgraph.level.demonstrated.v1' && e.data['skillId'] === 'go');
}

let neo4j: Neo4jForTests | undefined;
afterAll(async () => {
  await neo4j?.stop();
}, 60_000);

describe.each(['memory', 'neo4j'] as const)('levels follow time on the %s read model', (readModel) => {
  const clock = new ManualClock('2026-11-05T09:00:00.000Z');
  let instance: EmbeddedTestInstance;

  beforeAll(async () => {
    const env: Record<string, string> = { SEED_DEMO: 'false' };
    if (readModel === 'neo4j') {
      neo4j = await neo4jForTests();
      // A cold Neo4j JVM may take longer than the default read-your-writes wait on its first writes.
      Object.assign(env, { READ_YOUR_WRITES_TIMEOUT_MS: '30000', READ_MODEL: 'neo4j', NEO4J_URI: neo4j.connection.uri, NEO4J_USERNAME: neo4j.connection.username ?? 'neo4j', NEO4J_PASSWORD: neo4j.connection.password ?? '' });
    }
    instance = new EmbeddedTestInstance(env, { clock });
    await prepare(instance, clock);
  }, 240_000);

  afterAll(async () => {
    await instance?.dispose();
  }, 60_000);

  it('holds level 2 while both proofs are inside the window, to the last millisecond of day N − 1', async () => {
    expect(await levelOf(instance)).toBe(2);
    expect(await whoIsIds(instance, 2)).toEqual(['eng-1']);
    clock.set('2026-11-08T23:59:59.999Z');
    await instance.running.recomputer.followTime();
    await instance.running.settled();
    expect(await levelOf(instance)).toBe(2);
    expect(instance.running.recomputer.nextLevelChangeAt).toBe('2026-11-09T00:00:00.000Z');
  });

  it('drops to level 1 at the instant A is N days old, with no new evidence, and publishes the change', async () => {
    clock.set('2026-11-09T00:00:00.000Z');
    await eventually(async () => expect(await whoIsIds(instance, 2)).toEqual([]));
    expect(await whoIsIds(instance, 1)).toEqual(['eng-1']);
    expect(await levelOf(instance)).toBe(1);
    await eventually(async () =>
      expect(levelEvents(instance).at(-1)?.data).toMatchObject({ engineerId: 'eng-1', competencyId: 'mastery', level: 1, previousLevel: 2, demonstratedAt: '2026-11-09T00:00:00.000Z', reason: 'time-passed' }),
    );
  });

  it('drops to 0 when B is N + 1 days old, and answers asOf with the rule at each instant', async () => {
    clock.set('2026-11-20T12:00:00.000Z');
    await eventually(async () => expect(await whoIsIds(instance, 1)).toEqual([]));
    expect(await levelOf(instance)).toBe(0);
    expect(await levelOf(instance, '2026-11-08T23:59:59.999Z')).toBe(2);
    expect(await levelOf(instance, '2026-11-09')).toBe(1);
    expect(await levelOf(instance, '2026-11-18T23:59:59.999Z')).toBe(1);
    expect(await levelOf(instance, '2026-11-19T00:00:00.000Z')).toBe(0);
    expect(instance.running.recomputer.nextLevelChangeAt).toBeNull();
  });

  it('refuses asOf in the future, naming the field, and reads today as now', async () => {
    const future = await instance.gql(levelsQuery('2026-11-21'));
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect(future.errors?.[0]?.message).toMatch(/future/);
    expect(await levelOf(instance, '2026-11-20')).toBe(0);
  });

  it('refuses evidence dated in the future, naming the date, and stores nothing', async () => {
    const before = await instance.running.store.headPosition();
    const response = await instance.gql(
      `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }`,
      { input: { engineerId: 'eng-1', frameworkId: 'windowed', kind: 'PULL_REQUEST', title: 'From the future', date: '2030-01-01', skills: ['go'], behaviourIds: ['m1a'] } },
      { 'x-actor-id': 'eng-1' },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    expect(await instance.running.store.headPosition()).toBe(before);
  });
});

describe('levels follow time across a restart', () => {
  const clock = new ManualClock('2026-11-05T09:00:00.000Z');
  const instance = new EmbeddedTestInstance({ SEED_DEMO: 'false' }, { clock });

  afterAll(async () => {
    await instance.dispose();
  }, 60_000);

  it('catches up, in order and at their own instants, on the changes that fell due while it was down', async () => {
    await prepare(instance, clock);
    expect(await levelOf(instance)).toBe(2);
    await instance.running.close();
    clock.set('2026-12-01T08:00:00.000Z'); // both proofs aged out while nothing ran
    await instance.start();
    await instance.running.settled();
    await eventually(async () => expect(await levelOf(instance)).toBe(0));
    expect(await levelOf(instance, '2026-11-08T23:59:59.999Z')).toBe(2);
    expect(await levelOf(instance, '2026-11-10')).toBe(1);
    expect(await levelOf(instance, '2026-11-19T00:00:00.000Z')).toBe(0);
    // A second restart changes nothing: the instants are behind the clock checkpoint.
    const head = await instance.running.store.headPosition();
    await instance.restart();
    await instance.running.settled();
    await instance.running.recomputer.followTime();
    expect(await instance.running.store.headPosition()).toBe(head);
  }, 120_000);
});
