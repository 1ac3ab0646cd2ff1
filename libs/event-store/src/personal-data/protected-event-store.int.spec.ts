import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent, SkillsGraphEvent } from '@skills-graph/domain';
import { openPgliteClient } from '../pglite/pglite-sql-client.js';
import { openPostgresClient } from '../postgres/postgres-sql-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { createTestDatabase } from '../testing/postgres-test-database.js';
import { ProtectedEventStore } from './protected-event-store.js';
import { SqlPersonalDataKeys } from './sql-personal-data-keys.js';

// The store that seals personal data, over the real SQL stores: what readers see, and what the rows hold.

const variants: [string, () => Promise<{ client: SqlClient; reopen(): Promise<SqlClient>; cleanup(): Promise<void> }>][] = [
  ['PostgreSQL', async () => {
    const database = await createTestDatabase();
    return { client: openPostgresClient(database.url), reopen: async () => openPostgresClient(database.url), cleanup: () => database.drop() };
  }],
  ['embedded PGlite', async () => {
    const client = await openPgliteClient();
    // PGlite in memory: the same client serves a "reopen", and closes only at the end.
    return { client, reopen: async () => ({ ...client, close: async () => {} }), cleanup: async () => {} };
  }],
];

function newEvent(event: SkillsGraphEvent): NewEvent {
  return { id: randomUUID(), type: event.type, schemaVersion: 1, data: event.data, metadata: { correlationId: randomUUID(), causationId: null, actor: 'test', occurredAt: new Date().toISOString() } };
}

const engineerEvents = (id: string, name: string): SkillsGraphEvent[] => [
  { type: 'EngineerJoined', data: { engineerId: id, name, email: `${name.toLowerCase()}@example.test`, title: 'Engineer', teamId: 'payments', teamName: 'Payments', managerId: null, joinedOn: '2025-01-01' } },
];
const evidenceEvents = (engineerId: string, evidenceId: string, who: string): SkillsGraphEvent[] => [
  {
    type: 'EvidenceSubmitted',
    data: { evidenceId, engineerId, kind: 'rfc', title: `${who}'s ledger sharding RFC`, url: `https://git.example.test/${who}`, date: '2026-01-02', projectId: 'ledger', skillIds: ['go'], behaviourIds: ['m5'], frameworkId: 'fw', submittedBy: engineerId, submittedAt: '2026-01-02T00:00:00.000Z' },
  },
  { type: 'EvidenceEndorsed', data: { evidenceId, engineerId, endorserId: 'peer', comment: `${who} did this well`, endorsedAt: '2026-01-03T00:00:00.000Z' } },
  { type: 'EvidenceAmended', data: { evidenceId, engineerId, changes: { title: `${who}'s RFC, v2`, date: '2026-01-04' }, amendedBy: engineerId, amendedAt: '2026-01-04T00:00:00.000Z' } },
  { type: 'EvidenceRejected', data: { evidenceId, engineerId, reviewerId: 'boss', reason: `${who} was on leave`, rejectedAt: '2026-01-05T00:00:00.000Z' } },
];
const calibration = (engineerId: string, who: string): SkillsGraphEvent => ({
  type: 'LevelCalibrated',
  data: { engineerId, competencyId: 'mastery', level: 5, rationale: `${who} led the migration`, panel: ['p1'], calibratedAt: '2026-02-01T00:00:00.000Z' },
});

const typesAndData = (events: RecordedEvent[]) => events.map((e) => ({ type: e.type, data: e.data }));

describe.each(variants)('ProtectedEventStore over %s', (_name, setUp) => {
  let env: Awaited<ReturnType<(typeof variants)[number][1]>>;
  let inner: SqlEventStore;
  let store: ProtectedEventStore;
  let keys: SqlPersonalDataKeys;

  beforeAll(async () => {
    env = await setUp();
    inner = await SqlEventStore.open(env.client);
    keys = new SqlPersonalDataKeys(inner.sqlClient);
    store = new ProtectedEventStore(inner, keys);
  }, 60_000);
  afterAll(async () => {
    await inner?.close();
    await env?.cleanup();
  }, 60_000);

  const rawRows = async (stream: string) =>
    (await inner.sqlClient.query<{ text: string }>(`SELECT data::text AS text FROM sg_events WHERE stream_name = $1 ORDER BY stream_revision`, [stream])).rows.map((r) => r.text);

  it('stores personal fields sealed, never in plaintext, and gives them back to every reader', async () => {
    const id = `eng-${randomUUID()}`;
    const evidenceId = randomUUID();
    const events = [...engineerEvents(id, 'Zuzanna'), ...evidenceEvents(id, evidenceId, 'Zuzanna'), calibration(id, 'Zuzanna')];
    const head = await store.headPosition();
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: head, onEvents: async (batch) => void seen.push(...batch) });
    await store.appendToStream(`mixed-${id}`, events.map(newEvent));

    const rows = await rawRows(`mixed-${id}`);
    for (const row of rows) {
      expect(row).not.toMatch(/Zuzanna|zuzanna|ledger sharding|example\.test|on leave|did this well|migration/);
      expect(row).toContain('"$personal"');
    }
    // What is not personal stays readable in the row: ids, dates, kinds, skills, levels.
    expect(rows[1]).toContain(evidenceId);
    expect(rows[1]).toContain('"skillIds": ["go"]');

    expect(typesAndData(await store.readStream(`mixed-${id}`))).toEqual(events);
    expect(typesAndData((await store.readAll({ after: head, maxCount: 100 })).filter((e) => e.streamName === `mixed-${id}`))).toEqual(events);
    await subscription.caughtUp();
    await subscription.stop();
    expect(typesAndData(seen.filter((e) => e.streamName === `mixed-${id}`))).toEqual(events);

    // Another process with the same database reads the same.
    const other = await SqlEventStore.open(await env.reopen());
    expect(typesAndData(await new ProtectedEventStore(other, new SqlPersonalDataKeys(other.sqlClient)).readStream(`mixed-${id}`))).toEqual(events);
    await other.close();
  });

  it('reads an erased person as placeholders with erased: true, everywhere, while others and everything else stay as they were', async () => {
    const [gone, kept] = [`eng-${randomUUID()}`, `eng-${randomUUID()}`];
    const [goneEvidence, keptEvidence] = [randomUUID(), randomUUID()];
    await store.appendToStream(`engineer-${gone}`, engineerEvents(gone, 'Yusuf').map(newEvent));
    await store.appendToStream(`evidence-${goneEvidence}`, evidenceEvents(gone, goneEvidence, 'Yusuf').map(newEvent));
    await store.appendToStream(`assessment-${gone}`, [newEvent(calibration(gone, 'Yusuf'))]);
    await store.appendToStream(`engineer-${kept}`, engineerEvents(kept, 'Xena').map(newEvent));
    await store.appendToStream(`evidence-${keptEvidence}`, evidenceEvents(kept, keptEvidence, 'Xena').map(newEvent));
    const rowsBefore = await rawRows(`evidence-${goneEvidence}`);

    expect(await keys.erase(gone)).toBe(true);

    expect(typesAndData(await store.readStream(`engineer-${gone}`))).toEqual([
      { type: 'EngineerJoined', data: { engineerId: gone, name: 'Erased engineer', email: null, title: 'Engineer', teamId: 'payments', teamName: 'Payments', managerId: null, joinedOn: '2025-01-01', erased: true } },
    ]);
    const evidence = await store.readStream(`evidence-${goneEvidence}`);
    expect(evidence.map((e) => e.data)).toEqual([
      expect.objectContaining({ evidenceId: goneEvidence, title: '[erased]', url: null, kind: 'rfc', date: '2026-01-02', skillIds: ['go'], behaviourIds: ['m5'], erased: true }),
      expect.objectContaining({ endorserId: 'peer', comment: null, erased: true }),
      { evidenceId: goneEvidence, engineerId: gone, changes: { title: '[erased]', date: '2026-01-04' }, amendedBy: gone, amendedAt: '2026-01-04T00:00:00.000Z', erased: true },
      expect.objectContaining({ reviewerId: 'boss', reason: '[erased]', erased: true }),
    ]);
    expect((await store.readStream(`assessment-${gone}`))[0]!.data).toMatchObject({ level: 5, rationale: '[erased]', panel: ['p1'], erased: true });
    const fromLog = (await store.readAll({ maxCount: 10_000 })).filter((e) => e.streamName === `evidence-${goneEvidence}`);
    expect(fromLog.map((e) => e.data)).toEqual(evidence.map((e) => e.data));
    const all = JSON.stringify((await store.readAll({ maxCount: 10_000 })).map((e) => e.data));
    expect(all).not.toMatch(/Yusuf|yusuf/);

    // The rows did not change (the log is immutable); without the key they are noise.
    expect(await rawRows(`evidence-${goneEvidence}`)).toEqual(rowsBefore);
    expect(typesAndData(await store.readStream(`evidence-${keptEvidence}`))).toEqual(evidenceEvents(kept, keptEvidence, 'Xena'));
    expect((await store.readStream(`engineer-${kept}`))[0]!.data).toMatchObject({ name: 'Xena', email: 'xena@example.test' });
    expect((await store.readStream(`engineer-${kept}`))[0]!.data).not.toHaveProperty('erased');
  });

  it('keeps no personal data sent about a person after their erasure', async () => {
    const id = `eng-${randomUUID()}`;
    await keys.erase(id);
    await store.appendToStream(`engineer-${id}`, engineerEvents(id, 'Walter').map(newEvent));
    expect((await rawRows(`engineer-${id}`)).join()).not.toMatch(/Walter|walter/);
    expect((await store.readStream(`engineer-${id}`))[0]!.data).toMatchObject({ name: 'Erased engineer', email: null, erased: true });
  });

  it('reads events stored before encryption (plaintext) as stored, and blanks them once their person is erased', async () => {
    const id = `eng-${randomUUID()}`;
    const evidenceId = randomUUID();
    const legacy = [...engineerEvents(id, 'Vera'), ...evidenceEvents(id, evidenceId, 'Vera')];
    await inner.appendToStream(`legacy-${id}`, legacy.map(newEvent)); // written by the store before this change
    expect((await rawRows(`legacy-${id}`)).join()).toMatch(/Vera/);
    expect(typesAndData(await store.readStream(`legacy-${id}`))).toEqual(legacy);

    await keys.erase(id);
    const read = await store.readStream(`legacy-${id}`);
    expect(JSON.stringify(read.map((e) => e.data))).not.toMatch(/Vera|vera/);
    expect(read[0]!.data).toMatchObject({ name: 'Erased engineer', email: null, erased: true });
    expect(read[1]!.data).toMatchObject({ title: '[erased]', url: null, erased: true });
  });

  it('refuses a sealed value moved to another event (the ciphertext is bound to its event and person)', async () => {
    const id = `eng-${randomUUID()}`;
    await store.appendToStream(`engineer-${id}`, engineerEvents(id, 'Uma').map(newEvent));
    const [stored] = await inner.readStream(`engineer-${id}`);
    const copy = { ...newEvent(engineerEvents(id, 'Uma')[0]!), data: stored!.data };
    await inner.appendToStream(`copy-${id}`, [copy]);
    await expect(store.readStream(`copy-${id}`)).rejects.toThrow(/authenticate/);
  });
});

describeEventStoreContract('PostgreSQL behind ProtectedEventStore', async () => {
  const database = await createTestDatabase();
  const open = async () => {
    const inner = await SqlEventStore.open(openPostgresClient(database.url));
    return new ProtectedEventStore(inner, new SqlPersonalDataKeys(inner.sqlClient));
  };
  let store = await open();
  return {
    store,
    globallyUniqueEventIds: true,
    async reopen() {
      await store.close();
      store = await open();
      return store;
    },
    async dispose() {
      await store.close();
      await database.drop();
    },
  };
});
