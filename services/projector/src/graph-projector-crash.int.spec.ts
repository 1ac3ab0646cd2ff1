import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import neo4j from 'neo4j-driver';
import { SqlEventStore, openPgliteClient } from '@skills-graph/event-store';
import { appendInChunks } from '@skills-graph/event-store/testing';
import { Neo4jSkillsGraph, syntheticOrganisationEvents } from '@skills-graph/read-model';
import { dumpNeo4jGraph, neo4jForTests, type Neo4jForTests } from '@skills-graph/read-model/testing';
import { GraphProjector } from './graph-projector.js';

// A projector killed in the middle of a batch (its Neo4j transaction terminated from outside, the
// projector discarded) and then started again must leave exactly the graph a clean rebuild gives:
// the checkpoint commits with the batch, so nothing is applied twice and nothing is skipped.

let server: Neo4jForTests;
let store: SqlEventStore;

beforeAll(async () => {
  server = await neo4jForTests();
  store = await SqlEventStore.open(await openPgliteClient());
  const events = syntheticOrganisationEvents({ engineers: 400, evidencePerEngineer: 6, levelRecordsPerEngineer: 6 });
  await appendInChunks(store, events);
}, 240_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
}, 60_000);

async function project(graph: Neo4jSkillsGraph): Promise<void> {
  const projector = new GraphProjector(store, graph);
  await projector.start();
  await projector.caughtUp();
  await projector.onApplicationShutdown();
}

async function terminateFirstWriteTransaction(stopAt: number): Promise<boolean> {
  const admin = neo4j.driver(server.connection.uri, neo4j.auth.basic(server.connection.username ?? 'neo4j', server.connection.password ?? ''));
  try {
    while (Date.now() < stopAt) {
      const { records } = await admin.executeQuery(`SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery STARTS WITH 'UNWIND' RETURN transactionId`);
      const id = records[0]?.get('transactionId') as string | undefined;
      if (id) {
        await admin.executeQuery('TERMINATE TRANSACTIONS $ids', { ids: [id] });
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return false;
  } finally {
    await admin.close();
  }
}

describe('projector crash in the middle of a batch', () => {
  it('resumes from its checkpoint and ends identical to a clean rebuild', async () => {
    const head = await store.headPosition();

    // 1. Start projecting; kill the first write transaction we catch in flight; throw the projector away.
    const crashed = await Neo4jSkillsGraph.connect(server.connection);
    await crashed.clear();
    const projector = new GraphProjector(store, crashed);
    await projector.start();
    // (The driver retries a terminated transaction as transient; either way the batch's first attempt died half-way.)
    expect(await terminateFirstWriteTransaction(Date.now() + 60_000)).toBe(true);
    await projector.onApplicationShutdown();
    await crashed.close();

    // 2. A new projector picks up from the checkpoint that committed.
    const resumed = await Neo4jSkillsGraph.connect(server.connection);
    const resumedFrom = await resumed.checkpoint();
    expect(resumedFrom).toBeLessThan(head);
    await project(resumed);
    expect(await resumed.checkpoint()).toBe(head);
    const afterCrash = await dumpNeo4jGraph(server.connection);

    // 3. A clean rebuild from position zero.
    await resumed.clear();
    await project(resumed);
    const clean = await dumpNeo4jGraph(server.connection);
    await resumed.close();

    expect(afterCrash.nodes.length).toBeGreaterThan(1_000);
    expect(afterCrash).toEqual(clean);
  }, 300_000);
});
