// Append throughput of every event-store adapter available here, beside Emmett's PostgreSQL event store
// on the same PostgreSQL server, with the same workload, in the same run.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { EventStoreDbEventStore, SqlEventStore, openPgliteClient, openPostgresClient } from '@skills-graph/event-store';
import { createTestDatabase } from './postgres-database.mjs';
import { fmt, machine, quick, setting, table, writeSection } from './bench-report.mjs';

const singles = setting('BENCH_APPEND_SINGLES', 2_000, 200);
const batches = setting('BENCH_APPEND_BATCHES', 100, 10);
const writerCounts = quick ? [8] : [8, 16];
// Both PostgreSQL stores are measured in each round, taking turns to go first, and the median of the
// rounds is reported: the machine is shared, so a single pass can land on a busy moment for one of them.
const rounds = setting('BENCH_APPEND_ROUNDS', 3, 1);
// Emmett's pool is pg's default (10 connections, not configurable through getPostgreSQLEventStore): ours gets the same.
const poolSize = 10;

const payload = (i) => ({ evidenceId: `ev-${i}`, engineerId: `eng-${i % 500}`, title: 'Idempotent ledger consumer', skillIds: ['go', 'kafka'], behaviourIds: ['mastery-3-a', 'mastery-3-b'] });
const ours = (i) => ({
  id: randomUUID(),
  type: 'EvidenceSubmitted',
  schemaVersion: 1,
  data: payload(i),
  metadata: { correlationId: randomUUID(), causationId: null, actor: 'bench', occurredAt: new Date().toISOString() },
});
const emmetts = (i) => ({ type: 'EvidenceSubmitted', data: payload(i), metadata: { correlationId: randomUUID() } });

/** Each workload: single-event appends by one writer, by 8 and by 16 concurrent writers on distinct streams, and 100-event batches. */
async function measure(name, append) {
  const results = { name };
  await append('warm-up', [0], 'new'); // schema checks and first connections, outside the timings
  let t = performance.now();
  for (let i = 0; i < singles; i += 1) await append(`single-${i % 200}`, [i], i < 200 ? 'new' : Math.floor(i / 200) - 1);
  results.single = singles / ((performance.now() - t) / 1000);

  for (const writers of writerCounts) {
    t = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < singles / writers; i += 1) await append(`concurrent${writers}-${w}-${i % 25}`, [i], i < 25 ? 'new' : Math.floor(i / 25) - 1);
      }),
    );
    results[`w${writers}`] = singles / ((performance.now() - t) / 1000);
  }

  t = performance.now();
  for (let b = 0; b < batches; b += 1) await append(`batch-${b}`, Array.from({ length: 100 }, (_, i) => b * 100 + i), 'new');
  results.batched = (batches * 100) / ((performance.now() - t) / 1000);
  return results;
}

const revision = (expected) => (expected === 'new' ? 'no_stream' : BigInt(expected));

async function ourStore(name, open) {
  const store = await open();
  try {
    return await measure(name, (stream, ids, expected) => store.appendToStream(stream, ids.map(ours), revision(expected)));
  } finally {
    await store.close();
  }
}

async function emmettStore(url) {
  const emmett = getPostgreSQLEventStore(url);
  try {
    return await measure("Emmett's PostgreSQL event store (peer)", (stream, ids, expected) =>
      // Emmett's stream version counts events; our revisions count from 0.
      emmett.appendToStream(stream, ids.map(emmetts), { expectedStreamVersion: expected === 'new' ? 'STREAM_DOES_NOT_EXIST' : BigInt(expected) + 1n }),
    );
  } finally {
    await emmett.close();
  }
}

const metrics = ['single', ...writerCounts.map((w) => `w${w}`), 'batched'];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medianRow = (name, results) => Object.fromEntries([['name', name], ...metrics.map((m) => [m, median(results.map((r) => r[m]))])]);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

const loadBefore = load();
const rows = [];
const pglite = await ourStore('Skills Graph, embedded PGlite (in memory)', async () => SqlEventStore.open(await openPgliteClient()));
rows.push(pglite);

const oursPg = [];
const emmettPg = [];
const roundNotes = [];
for (let round = 0; round < rounds; round += 1) {
  // Both PostgreSQL stores share one fresh database per round (their tables do not overlap: sg_* and emt_*).
  const database = await createTestDatabase('sg_bench');
  try {
    const measureOurs = async () => oursPg.push(await ourStore('Skills Graph, PostgreSQL', async () => SqlEventStore.open(openPostgresClient(database.url, { maxConnections: poolSize }))));
    const measureEmmett = async () => emmettPg.push(await emmettStore(database.url));
    const loadAtStart = loadavg()[0].toFixed(1);
    if (round % 2 === 0) {
      await measureOurs();
      await measureEmmett();
    } else {
      await measureEmmett();
      await measureOurs();
    }
    const o = oursPg.at(-1);
    const e = emmettPg.at(-1);
    roundNotes.push(
      `round ${round + 1} (${round % 2 === 0 ? 'ours first' : 'Emmett first'}, load ${loadAtStart}): ` +
        metrics.map((m) => `${m === 'single' ? '1 writer' : m === 'batched' ? 'batches' : `${m.slice(1)} writers`} ${fmt(o[m] / e[m], 2)}×`).join(', '),
    );
  } finally {
    await database.drop();
  }
}
const postgres = medianRow('Skills Graph, PostgreSQL', oursPg);
const emmettRow = medianRow("Emmett's PostgreSQL event store (peer)", emmettPg);
rows.push(postgres, emmettRow);
if (process.env.ESDB_CONNECTION_STRING) {
  rows.push(await ourStore('Skills Graph, EventStoreDB', async () => EventStoreDbEventStore.connect(process.env.ESDB_CONNECTION_STRING)));
}
const loadAfter = load();

const ratio = (value, base) => (base ? `${fmt(value / base, 2)}×` : '–');
const markdown = [
  '## Event-store appends',
  '',
  `Machine: ${machine()}. Load average (1 / 5 / 15 min) ${loadBefore} at the start, ${loadAfter} at the end. PostgreSQL 15 on 127.0.0.1:5432 (local, default settings),`,
  `one fresh database per round for both PostgreSQL stores, ${poolSize} pooled connections each. Workload: ${fmt(singles)} single-event appends`,
  `with expected revisions by one writer, the same by ${writerCounts.join(' and by ')} concurrent writers on distinct streams, and ${batches} appends of`,
  `100 events. Events/s; the PostgreSQL rows are the medians of ${rounds} rounds in which the two stores took turns to go first, and`,
  "the ratios are to Emmett's PostgreSQL event store on the same server in the same run.",
  process.env.ESDB_CONNECTION_STRING ? '' : 'EventStoreDB: not measured (no server can run here; set ESDB_CONNECTION_STRING to include it).',
  '',
  table(
    ['adapter', 'single, 1 writer', ...writerCounts.map((w) => `single, ${w} writers`), 'batches of 100', `vs Emmett (1 writer / ${writerCounts.join(' / ')} / batches)`],
    rows.map((r) => [
      r.name,
      ...metrics.map((m) => fmt(r[m])),
      r === emmettRow ? '1×' : metrics.map((m) => ratio(r[m], emmettRow[m])).join(' / '),
    ]),
  ),
  '',
  'Ours against Emmett, round by round:',
  '',
  ...roundNotes.map((note) => `- ${note}`),
].join('\n');
console.log(markdown);
writeSection('appends', markdown);
