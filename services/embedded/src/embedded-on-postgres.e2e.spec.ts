import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@skills-graph/event-store/testing';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// The same product on the PostgreSQL event store (EVENT_STORE=postgres): seeded, queried, restarted.
let database: TestDatabase;
let instance: EmbeddedTestInstance;

beforeAll(async () => {
  database = await createTestDatabase('sg_e2e');
  instance = new EmbeddedTestInstance({ EVENT_STORE: 'postgres', POSTGRES_URL: database.url, DEMO_ENGINEERS: '40' });
  await instance.start();
}, 120_000);

afterAll(async () => {
  await instance?.dispose();
  await database?.drop();
});

const whoIsL3OrMore = `{ engineers(filter: { competency: "Mastery", skill: "Go", levelAtLeast: 3 }, first: 100) { totalCount nodes { id levels(competency: "mastery", skill: "go") { level evidence { id } } } } }`;

describe('embedded host on PostgreSQL', () => {
  it('answers from events stored in PostgreSQL, and again after a restart without appending anything', async () => {
    const first = await instance.gql(whoIsL3OrMore);
    expect(first.errors).toBeUndefined();
    expect(first.data!.engineers.totalCount).toBeGreaterThan(0);
    const head = await instance.running.store.headPosition();
    await instance.restart();
    expect(await instance.running.store.headPosition()).toBe(head);
    expect(await instance.gql(whoIsL3OrMore)).toEqual(first);
  }, 120_000);
});
