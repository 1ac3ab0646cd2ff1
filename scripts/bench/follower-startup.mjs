// Start-up time of the log followers (projector, assessment, relay) on a log of about a million events,
// from their checkpoints: each catches up once, stops (storing its state beside its checkpoint) and is
// started again, timed until it follows the head. Beside it, the old way: folding the log from position 0
// (what the assessment process manager and the relay did at every start). PostgreSQL for the log, the
// checkpoints, the follower state and the leases; Neo4j for the projector.
import { PostgresAdvisoryLeases, SqlCheckpointStore, SqlEventStore, SqlFollowerStateStore, openPostgresClient } from '@skills-graph/event-store';
import { LevelRecomputer, assessmentConsumer } from '@skills-graph/assessment';
import { GraphProjector } from '@skills-graph/projector';
import { Neo4jSkillsGraph, syntheticOrganisationEvents } from '@skills-graph/read-model';
import { IntegrationEventRelay, relayConsumer } from '@skills-graph/relay';
import { startNeo4j } from '../../deploy/neo4j/neo4j-server.mjs';
import { fmt, machine, setting, table, writeSection } from './bench-report.mjs';
import { appendInChunks, referenceShape } from './bench-events.mjs';
import { createTestDatabase } from './postgres-database.mjs';

const engineers = setting('BENCH_ENGINEERS', 10_000, 100);
const snapshotEvery = setting('FOLLOWER_SNAPSHOT_EVERY', 50_000, 1_000);

const domainEvents = syntheticOrganisationEvents(referenceShape(engineers));
console.log(`${fmt(domainEvents.length)} events for ${fmt(engineers)} engineers`);

const database = await createTestDatabase('sg_bench_followers');
const store = await SqlEventStore.open(openPostgresClient(database.url, { maxConnections: 4 }));
const checkpoints = new SqlCheckpointStore(store.sqlClient);
const state = new SqlFollowerStateStore(store.sqlClient);
const leases = new PostgresAdvisoryLeases(database.url);
const runtime = { leases, state, name: (n) => n, snapshotEvery };
const discardingBus = { publish: async () => {}, consume: async () => ({ stop: async () => {} }), close: async () => {} };
let neo4j;
const rows = [];
try {
  let started = performance.now();
  await appendInChunks(store, domainEvents, { chunkSize: 2_000, onProgress: (n) => console.log(`appended ${fmt(n)}`) });
  const head = await store.headPosition();
  console.log(`log of ${fmt(Number(head))} events appended in ${fmt((performance.now() - started) / 1000, 1)} s`);

  /** Starts a follower, waits until it follows the head, returns the seconds it took. */
  const timeStart = async (follower) => {
    const t = performance.now();
    await follower.start();
    await follower.caughtUp();
    return (performance.now() - t) / 1000;
  };

  // Assessment and relay: their checkpoints at the head (everything acted on and published), so the first
  // start only folds the log from 0 (the old start-up) and the second resumes from the stored state.
  for (const [name, make, checkpoint] of [
    ['assessment (level recomputer)', () => new LevelRecomputer(store, checkpoints, undefined, runtime), assessmentConsumer],
    ['relay', () => new IntegrationEventRelay(store, checkpoints, discardingBus, runtime), relayConsumer],
  ]) {
    await checkpoints.store(checkpoint, head);
    const first = make();
    const fold = await timeStart(first);
    await first.onApplicationShutdown();
    const second = make();
    const resumed = await timeStart(second);
    await second.onApplicationShutdown();
    console.log(`${name}: fold from 0 ${fmt(fold, 2)} s, from its checkpoint ${fmt(resumed, 2)} s`);
    rows.push([name, `${fmt(fold, 2)} s`, `${fmt(resumed, 2)} s`]);
  }

  // Projector: the read model keeps its own checkpoint. The graph here is given only the log's last event
  // (its checkpoint at the head), which is what a start-up from a checkpoint depends on.
  neo4j = await startNeo4j();
  const graph = await Neo4jSkillsGraph.connect({ uri: neo4j.uri, username: neo4j.username, password: neo4j.password });
  const [last] = await store.readAll({ after: head - 1n, maxCount: 1 });
  await graph.applyEvents([last]);
  const projector = new GraphProjector(store, graph, runtime);
  started = performance.now();
  const projectorSeconds = await timeStart(projector);
  await projector.onApplicationShutdown();
  await graph.close();
  console.log(`projector: from its checkpoint ${fmt(projectorSeconds, 2)} s`);
  rows.push(['projector (Neo4j)', 'n/a (its checkpoint is in the graph)', `${fmt(projectorSeconds, 2)} s`]);

  writeSection(
    'follower-startup',
    [
      '## Log followers: start-up from their checkpoints',
      '',
      `Machine: ${machine()}. A log of ${fmt(Number(head))} events on PostgreSQL (a synthetic organisation of ${fmt(engineers)} engineers),`,
      `leases as PostgreSQL advisory locks, follower state stored beside the checkpoints every ${fmt(snapshotEvery)} events and on stop.`,
      'Each follower is started, stopped and started again; the time is from start() until it follows the head. "Fold from 0" is the',
      'first start with no stored state, which every start cost before the state was stored. The projector resumes from the graph\'s checkpoint (given',
      'the last event only, so no projection work is timed). Target: under 5 s each.',
      '',
      table(['follower', 'fold from 0', 'from its checkpoint'], rows),
    ].join('\n'),
  );
} finally {
  await leases.close();
  await store.close();
  await neo4j?.stop();
  await database.drop();
}
