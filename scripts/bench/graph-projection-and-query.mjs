// Projection throughput (in-memory graph and Neo4j), full rebuild time, and "who is L5 on Mastery in Go"
// latency through the read-model adapters beside the raw Neo4j driver running hand-written Cypher.
import neo4j from 'neo4j-driver';
import { currentSchemaVersions } from '@skills-graph/domain';
import { InMemorySkillsGraph, Neo4jSkillsGraph, syntheticOrganisationEvents } from '@skills-graph/read-model';
import { startNeo4j } from '../../deploy/neo4j/neo4j-server.mjs';
import { fmt, machine, percentile, table, writeSection } from './bench-report.mjs';
import { measureNeo4jGraphqlPeer } from './neo4j-graphql-peer.mjs';

const engineers = Number(process.env.BENCH_ENGINEERS ?? 10_000);
const queryRuns = Number(process.env.BENCH_QUERY_RUNS ?? 1_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 2_000);

const domainEvents = syntheticOrganisationEvents({ engineers, teams: Math.max(1, Math.round(engineers / 50)), skills: 50, evidencePerEngineer: 20, levelRecordsPerEngineer: 10 });
const recorded = domainEvents.map((e, i) => ({
  id: `00000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
  type: e.type,
  schemaVersion: currentSchemaVersions[e.type],
  data: e.data,
  metadata: { correlationId: 'bench', causationId: null, actor: 'bench', occurredAt: '2026-11-01T00:00:00.000Z' },
  streamName: 'bench',
  streamRevision: BigInt(i),
  globalPosition: BigInt(i + 1),
  recordedAt: '2026-11-01T00:00:00.000Z',
}));
console.log(`${fmt(recorded.length)} events for ${fmt(engineers)} engineers`);

async function projectAll(graph) {
  const started = performance.now();
  for (let i = 0; i < recorded.length; i += batchSize) await graph.applyEvents(recorded.slice(i, i + batchSize));
  return (performance.now() - started) / 1000;
}

async function latencies(run) {
  for (let i = 0; i < 50; i += 1) await run(); // warm-up
  const samples = [];
  for (let i = 0; i < queryRuns; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const filter = { competencyId: 'mastery', skillId: 'go', level: 5 };
const page = { first: 20 };

const memory = new InMemorySkillsGraph();
const memorySeconds = await projectAll(memory);
const memoryAnswer = await memory.findEngineers(filter, page);
const memoryLatency = await latencies(() => memory.findEngineers(filter, page));

const server = await startNeo4j({ heap: '1g', pageCache: '256m' });
const connection = { uri: server.uri, username: server.username, password: server.password };
let neo4jSeconds;
let neo4jLatency;
let rawLatency;
let neo4jAnswer;
let peerLatency; // @neo4j/graphql peer (scripts/bench/neo4j-graphql-peer.mjs)
try {
  const graph = await Neo4jSkillsGraph.connect(connection);
  await graph.clear();
  neo4jSeconds = await projectAll(graph);
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

const rate = (seconds) => fmt(recorded.length / seconds);
const ms = (value) => fmt(value, 2);
const markdown = [
  '## Graph projection and "who is L5 on Mastery in Go"',
  '',
  `Machine: ${machine()}. Neo4j Community ${server.version ?? '5.26'} embedded from Maven Central (heap 1 GiB, page cache 256 MiB).`,
  `Data: a synthetic organisation of ${fmt(engineers)} engineers, 50 skills, ${fmt(recorded.length)} events (not the reference set of`,
  `10,000 engineers and 1,000,000 events: scale with BENCH_ENGINEERS). Batches of ${fmt(batchSize)} events. "Who is L5 on Mastery in Go"`,
  `(${memoryAnswer.totalCount} engineers) measured ${fmt(queryRuns)} times after 50 warm-up runs, in process (no HTTP).`,
  '',
  table(
    ['read model', 'projection (events/s)', 'full rebuild', 'query p50 (ms)', 'query p99 (ms)', 'p99 vs raw driver'],
    [
      ['in-memory graph', rate(memorySeconds), `${fmt(memorySeconds, 1)} s`, ms(memoryLatency.p50), ms(memoryLatency.p99), '–'],
      ['Neo4j adapter', rate(neo4jSeconds), `${fmt(neo4jSeconds, 1)} s`, ms(neo4jLatency.p50), ms(neo4jLatency.p99), `${fmt(neo4jLatency.p99 / rawLatency.p99, 2)}×`],
      ['raw neo4j-driver, hand-written Cypher', '–', '–', ms(rawLatency.p50), ms(rawLatency.p99), '1×'],
      ['@neo4j/graphql (peer), same query', '–', '–', ms(peerLatency.p50), ms(peerLatency.p99), `${fmt(peerLatency.p99 / rawLatency.p99, 2)}×`],
    ],
  ),
].join('\n');
console.log(markdown);
writeSection('graph', markdown);
