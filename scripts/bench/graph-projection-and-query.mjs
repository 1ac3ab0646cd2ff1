// Projection throughput (in-memory graph and Neo4j), full rebuild time, and "who is L5 on Mastery in Go"
// latency through the read-model adapters beside the raw Neo4j driver running hand-written Cypher and the
// @neo4j/graphql peer. Default data: the reference set (10,000 engineers, 200 teams, 50
// skills, about 1,000,000 events); scale with BENCH_ENGINEERS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { SqlEventStore, openPgliteClient } from '@skills-graph/event-store';
import { GraphProjector, projectorBatchSize } from '@skills-graph/projector';
import { InMemorySkillsGraph, Neo4jSkillsGraph, syntheticOrganisationEvents } from '@skills-graph/read-model';
import { startNeo4j } from '../../deploy/neo4j/neo4j-server.mjs';
import { fmt, latencyPercentiles, machine, quick, setting, table, writeSection } from './bench-report.mjs';
import { measureNeo4jGraphqlPeer } from './neo4j-graphql-peer.mjs';
import { appendInChunks, asRecorded, referenceShape } from './bench-events.mjs';

const engineers = setting('BENCH_ENGINEERS', 10_000, 200);
const queryRuns = setting('BENCH_QUERY_RUNS', 1_000, 50);
const batchSize = Number(process.env.BENCH_BATCH ?? projectorBatchSize);
const warmUpEngineers = Math.max(quick ? 20 : 100, Math.round(engineers / 5));

const organisation = (count, seed) => syntheticOrganisationEvents(referenceShape(count, seed));

const domainEvents = organisation(engineers, 7);
const recorded = asRecorded(domainEvents);
const evidenceEvents = recorded.filter((e) => e.type.startsWith('Evidence')).length;
console.log(`${fmt(recorded.length)} events (${fmt(evidenceEvents)} evidence events) for ${fmt(engineers)} engineers`);

async function projectAll(graph, events) {
  const started = performance.now();
  for (let i = 0; i < events.length; i += batchSize) await graph.applyEvents(events.slice(i, i + batchSize));
  return (performance.now() - started) / 1000;
}

/** The whole log appended to an embedded (PGlite, on disk) event store, then a projector started from zero. */
async function rebuildFromEmbeddedStore() {
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-rebuild-'));
  const store = await SqlEventStore.open(await openPgliteClient(dir));
  try {
    const appendStarted = performance.now();
    await appendInChunks(store, domainEvents, { chunkSize: 500, onProgress: (n) => console.log(`  appended ${fmt(n)} events to PGlite`) });
    console.log(`  appended ${fmt(domainEvents.length)} events in ${fmt((performance.now() - appendStarted) / 1000, 1)} s`);
    const graph = new InMemorySkillsGraph();
    const projector = new GraphProjector(store, graph);
    const started = performance.now();
    await projector.start();
    await projector.caughtUp();
    const seconds = (performance.now() - started) / 1000;
    await projector.onApplicationShutdown();
    return seconds;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const latencies = (run) => latencyPercentiles(run, { runs: queryRuns });

const filter = { competencyId: 'mastery', skillId: 'go', level: 5 };
const page = { first: 20 };

const memory = new InMemorySkillsGraph();
const memorySeconds = await projectAll(memory, recorded);
const memoryAnswer = await memory.findEngineers(filter, page);
const memoryLatency = await latencies(() => memory.findEngineers(filter, page));
console.log(`in-memory: ${fmt(recorded.length / memorySeconds)} events/s; rebuilding from an embedded store...`);
const embeddedRebuildSeconds = await rebuildFromEmbeddedStore();

const server = await startNeo4j({ heap: '2g', pageCache: '2g', gc: 'parallel' });
const connection = { uri: server.uri, username: server.username, password: server.password };
let coldSeconds;
let coldEvents;
let neo4jSeconds;
let neo4jLatency;
let rawLatency;
let neo4jAnswer;
let peerLatency; // @neo4j/graphql peer (scripts/bench/neo4j-graphql-peer.mjs)
try {
  const graph = await Neo4jSkillsGraph.connect(connection);
  // A fresh JVM compiles Neo4j's hot paths during its first minute of work; a running server has done so.
  // The first, smaller organisation warms it up (its rate is reported as "cold"); then the reference set.
  const warmUp = asRecorded(organisation(warmUpEngineers, 99));
  await graph.clear();
  coldEvents = warmUp.length;
  coldSeconds = await projectAll(graph, warmUp);
  console.log(`Neo4j, cold JVM: ${fmt(coldEvents / coldSeconds)} events/s`);
  await graph.clear();
  neo4jSeconds = await projectAll(graph, recorded);
  console.log(`Neo4j: ${fmt(recorded.length / neo4jSeconds)} events/s`);
  neo4jAnswer = await graph.findEngineers(filter, page);
  neo4jLatency = await latencies(() => graph.findEngineers(filter, page));
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.username, server.password), { disableLosslessIntegers: true });
  const best = `MATCH (d:DemonstratedLevel {competencyId: $competencyId, skillId: $skillId, level: $level})<-[:DEMONSTRATES]-(e:Engineer)
WHERE e.status = 'active'
RETURN DISTINCT e.id AS id, e.name AS name ORDER BY name, id LIMIT 20`;
  rawLatency = await latencies(() => driver.executeQuery(best, { ...filter, level: neo4j.int(5) }, { routing: neo4j.routing.READ }));
  // Peer: @neo4j/graphql on the same data and query, checked against the adapter's answer.
  peerLatency = await measureNeo4jGraphqlPeer({ driver, graph, queryRuns, filter });
  await driver.close();
  await graph.close();
} finally {
  await server.stop();
}
if (memoryAnswer.totalCount !== neo4jAnswer.totalCount) throw new Error(`in-memory and Neo4j disagree: ${memoryAnswer.totalCount} vs ${neo4jAnswer.totalCount}`);

const rate = (seconds, count = recorded.length) => fmt(count / seconds);
const ms = (value) => fmt(value, 2);
const markdown = [
  '## Graph projection and "who is L5 on Mastery in Go"',
  '',
  `Machine: ${machine()}. Neo4j Community ${server.version ?? '5.26'} embedded from Maven Central (heap 2 GiB, page cache 2 GiB, ParallelGC).`,
  `Data: a synthetic organisation of ${fmt(engineers)} engineers, ${fmt(Math.round(engineers / 50))} teams, 50 skills, ${fmt(recorded.length)} events`,
  `(${fmt(evidenceEvents)} of them evidence events)${engineers === 10_000 ? ': the reference set' : ' (not the reference set: BENCH_ENGINEERS)'}. Projection: batches of ${fmt(batchSize)}`,
  `events handed to the adapter (one transaction each with its checkpoint). Neo4j's "cold" rate is its first projection in a`,
  `fresh JVM (${fmt(coldEvents)} events of a smaller organisation); the measured rate follows it, as on a server that has been running.`,
  `Embedded full rebuild: the same events appended to a PGlite event store on disk, then a projector started from position 0 into an`,
  `empty in-memory graph, until caught up (reading the log included). "Who is L5 on Mastery in Go" (${memoryAnswer.totalCount} engineers) measured`,
  `${fmt(queryRuns)} times after 50 warm-up runs, in process (no HTTP).`,
  '',
  table(
    ['read model', 'projection (events/s)', 'full rebuild', 'query p50 (ms)', 'query p99 (ms)', 'p99 vs raw driver'],
    [
      ['in-memory graph', rate(memorySeconds), `${fmt(embeddedRebuildSeconds, 1)} s from the embedded store (${fmt(memorySeconds, 1)} s applying)`, ms(memoryLatency.p50), ms(memoryLatency.p99), '–'],
      ['Neo4j adapter', `${rate(neo4jSeconds)} (cold JVM: ${rate(coldSeconds, coldEvents)})`, `${fmt(neo4jSeconds, 1)} s`, ms(neo4jLatency.p50), ms(neo4jLatency.p99), `${fmt(neo4jLatency.p99 / rawLatency.p99, 2)}×`],
      ['raw neo4j-driver, hand-written Cypher', '–', '–', ms(rawLatency.p50), ms(rawLatency.p99), '1×'],
      ['@neo4j/graphql (peer), same query', '–', '–', ms(peerLatency.p50), ms(peerLatency.p99), `${fmt(peerLatency.p99 / rawLatency.p99, 2)}×`],
    ],
  ),
].join('\n');
console.log(markdown);
writeSection('graph', markdown);
