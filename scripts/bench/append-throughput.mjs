// Append throughput of every event-store adapter available here, beside Emmett's PostgreSQL event store
// on the same PostgreSQL server, with the same workload, in the same run.
import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { EventStoreDbEventStore, SqlEventStore, openPgliteClient, openPostgresClient } from '@skills-graph/event-store';
import { createTestDatabase } from './postgres-database.mjs';
import { fmt, machine, table, writeSection } from './bench-report.mjs';

const singles = Number(process.env.BENCH_APPEND_SINGLES ?? 2_000);
const batches = Number(process.env.BENCH_APPEND_BATCHES ?? 100);
const writers = 8;

const payload = (i) => ({ evidenceId: `ev-${i}`, engineerId: `eng-${i % 500}`, title: 'Idempotent ledger consumer', skillIds: ['go', 'kafka'], behaviourIds: ['mastery-3-a', 'mastery-3-b'] });
const ours = (i) => ({
  id: randomUUID(),
  type: 'EvidenceSubmitted',
  schemaVersion: 1,
  data: payload(i),
  metadata: { correlationId: randomUUID(), causationId: null, actor: 'bench', occurredAt: new Date().toISOString() },
});
const emmetts = (i) => ({ type: 'EvidenceSubmitted', data: payload(i), metadata: { correlationId: randomUUID() } });

/** Each workload: single-event appends by one writer, by 8 concurrent writers, and 100-event batches. */
async function measure(name, append) {
  const results = { name };
  let t = performance.now();
  for (let i = 0; i < singles; i += 1) await append(`single-${i % 200}`, [i], i < 200 ? 'new' : Math.floor(i / 200) - 1);
  results.single = singles / ((performance.now() - t) / 1000);

  t = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < singles / writers; i += 1) await append(`concurrent-${w}-${i % 25}`, [i], i < 25 ? 'new' : Math.floor(i / 25) - 1);
    }),
  );
  results.concurrent = singles / ((performance.now() - t) / 1000);

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

const rows = [];
const pglite = await ourStore('Skills Graph, embedded PGlite (in memory)', async () => SqlEventStore.open(await openPgliteClient()));
rows.push(pglite);

// Both PostgreSQL stores share one database (their tables do not overlap: sg_* and emt_*).
const database = await createTestDatabase('sg_bench');
try {
  const postgres = await ourStore('Skills Graph, PostgreSQL', async () => SqlEventStore.open(openPostgresClient(database.url, { maxConnections: writers + 2 })));
  rows.push(postgres);

  const emmett = getPostgreSQLEventStore(database.url);
  try {
    rows.push(
      await measure("Emmett's PostgreSQL event store (peer)", (stream, ids, expected) =>
        // Emmett's stream version counts events; our revisions count from 0.
        emmett.appendToStream(stream, ids.map(emmetts), { expectedStreamVersion: expected === 'new' ? 'STREAM_DOES_NOT_EXIST' : BigInt(expected) + 1n }),
      ),
    );
  } finally {
    await emmett.close();
  }
  if (process.env.ESDB_CONNECTION_STRING) {
    rows.push(await ourStore('Skills Graph, EventStoreDB', async () => EventStoreDbEventStore.connect(process.env.ESDB_CONNECTION_STRING)));
  }
} finally {
  await database.drop();
}

const emmettRow = rows.find((r) => r.name.startsWith('Emmett'));
const ratio = (value, base) => (base ? `${fmt(value / base, 2)}×` : '–');
const markdown = [
  '## Event-store appends',
  '',
  `Machine: ${machine()}. PostgreSQL 15 on 127.0.0.1:5432 (local, default settings), one database for both PostgreSQL stores. Workload: ${fmt(singles)} single-event appends`,
  `with expected revisions by one writer, the same by ${writers} concurrent writers on distinct streams, and ${batches} appends of`,
  '100 events. Events/s, and the ratio to Emmett\'s PostgreSQL event store on the same server in the same run.',
  process.env.ESDB_CONNECTION_STRING ? '' : 'EventStoreDB: not measured (no server can run here; set ESDB_CONNECTION_STRING to include it).',
  '',
  table(
    ['adapter', 'single, 1 writer', `single, ${writers} writers`, 'batches of 100', 'vs Emmett (1 writer / 8 / batches)'],
    rows.map((r) => [
      r.name,
      fmt(r.single),
      fmt(r.concurrent),
      fmt(r.batched),
      r === emmettRow ? '1×' : `${ratio(r.single, emmettRow?.single)} / ${ratio(r.concurrent, emmettRow?.concurrent)} / ${ratio(r.batched, emmettRow?.batched)}`,
    ]),
  ),
].join('\n');
console.log(markdown);
writeSection('appends', markdown);
