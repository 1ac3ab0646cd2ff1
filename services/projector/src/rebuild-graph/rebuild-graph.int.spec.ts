import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqlEventStore, openPgliteClient } from '@skills-graph/event-store';
import { appendInChunks, newEventsFrom } from '@skills-graph/event-store/testing';
import { Neo4jSkillsGraph, syntheticOrganisationEvents } from '@skills-graph/read-model';
import { dumpNeo4jGraph, neo4jForTests, type Neo4jForTests } from '@skills-graph/read-model/testing';
import { GraphProjector } from '../graph-projector.js';
import { rebuildGraph, type RebuildProgress } from './rebuild-graph.js';

// Rebuilding from position zero into a fresh Neo4j while the current one keeps serving queries and
// following new events: afterwards both graphs are identical.

let serving: Neo4jForTests;
let fresh: Neo4jForTests;
let store: SqlEventStore;

beforeAll(async () => {
  [serving, fresh] = await Promise.all([neo4jForTests(), neo4jForTests({ alwaysStart: true })]);
  store = await SqlEventStore.open(await openPgliteClient());
  const events = syntheticOrganisationEvents({ engineers: 300, evidencePerEngineer: 6, levelRecordsPerEngineer: 6 });
  await appendInChunks(store, events);
}, 300_000);

afterAll(async () => {
  await store?.close();
  await Promise.all([serving?.stop(), fresh?.stop()]);
}, 60_000);

describe('rebuilding the graph into a fresh database', () => {
  it('builds an identical graph while the current one keeps serving and following', async () => {
    const current = await Neo4jSkillsGraph.connect(serving.connection);
    await current.clear();
    const following = new GraphProjector(store, current);
    await following.start();
    await following.caughtUp();
    const before = await current.findEngineers({ competencyId: 'mastery', levelAtLeast: 1 }, { first: 50 });

    const target = await Neo4jSkillsGraph.connect(fresh.connection);
    await target.clear();
    const progress: RebuildProgress[] = [];
    const rebuilding = rebuildGraph(store, target, { batchSize: 1_000, onProgress: (p) => progress.push(p) });

    // Meanwhile: the current graph answers, and new events arrive and are followed.
    let answered = 0;
    const queries = (async () => {
      while (answered < 20) {
        expect((await current.findEngineers({ competencyId: 'mastery', levelAtLeast: 1 }, { first: 50 })).totalCount).toBeGreaterThanOrEqual(before.totalCount);
        answered += 1;
      }
    })();
    await store.appendToStream('late-joiners', newEventsFrom([{ type: 'EngineerJoined', data: { engineerId: 'late-1', name: 'Late Joiner', email: 'late@synthetic.test', title: 'Engineer', teamId: 'team-1', teamName: 'Team 1', managerId: null, joinedOn: '2026-11-01' } }]), 'no_stream');
    const [result] = await Promise.all([rebuilding, queries]);
    expect(result.events).toBeGreaterThan(1_000);
    expect(progress.at(-1)!.position).toBe(result.position);

    // Switch-over: the new graph's projector follows on from its own checkpoint.
    const switched = new GraphProjector(store, target);
    await switched.start();
    await switched.caughtUp();
    await following.caughtUp();
    await switched.onApplicationShutdown();
    await following.onApplicationShutdown();

    expect(await target.checkpoint()).toBe(await store.headPosition());
    expect(await current.checkpoint()).toBe(await store.headPosition());
    const [a, b] = await Promise.all([dumpNeo4jGraph(serving.connection), dumpNeo4jGraph(fresh.connection)]);
    expect(a.nodes.some((n) => n.includes('late-1'))).toBe(true);
    expect(b).toEqual(a);
    await current.close();
    await target.close();
  }, 300_000);
});
