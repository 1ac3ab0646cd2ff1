// What sealing personal data costs (docs/erasure.md): the same appends and reads on a plain SQL event
// store and behind the ProtectedEventStore, on embedded PGlite and on PostgreSQL, in the same run.
// BENCH_SEAL_EVENTS sets the size (default 5,000 evidence submissions over 500 engineers).
import { randomUUID } from 'node:crypto';
import { ProtectedEventStore, SqlEventStore, SqlPersonalDataKeys, openPgliteClient, openPostgresClient } from '@skills-graph/event-store';
import { createTestDatabase } from './postgres-database.mjs';
import { fmt, machine, table, writeSection } from './bench-report.mjs';

const events = Number(process.env.BENCH_SEAL_EVENTS ?? 5_000);
const engineers = 500;

const submitted = (i) => ({
  id: randomUUID(),
  type: 'EvidenceSubmitted',
  schemaVersion: 1,
  data: {
    evidenceId: `ev-${i}`, engineerId: `eng-${i % engineers}`, kind: 'design', title: `Idempotent ledger consumer ${i}`, url: `https://git.example.test/pr/${i}`,
    date: '2026-01-02', projectId: null, skillIds: ['go', 'kafka'], behaviourIds: ['mastery-3-a', 'mastery-3-b'], frameworkId: 'fw', submittedBy: `eng-${i % engineers}`, submittedAt: '2026-01-02T00:00:00.000Z',
  },
  metadata: { correlationId: randomUUID(), causationId: null, actor: 'bench', occurredAt: new Date().toISOString() },
});

async function measure(name, store) {
  let t = performance.now();
  for (let i = 0; i < events; i += 1) await store.appendToStream(`evidence-${name.length}-${i}`, [submitted(i)], 'no_stream');
  const append = events / ((performance.now() - t) / 1000);
  t = performance.now();
  let read = 0;
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: 1_000 });
    if (page.length === 0) break;
    read += page.length;
    after = page.at(-1).globalPosition;
  }
  return { name, append, read: read / ((performance.now() - t) / 1000) };
}

async function pair(label, openClient) {
  const plain = await SqlEventStore.open(await openClient());
  const sealedInner = await SqlEventStore.open(await openClient());
  try {
    return [await measure(`${label}, plain`, plain), await measure(`${label}, sealed (ProtectedEventStore)`, new ProtectedEventStore(sealedInner, new SqlPersonalDataKeys(sealedInner.sqlClient)))];
  } finally {
    await plain.close();
    await sealedInner.close();
  }
}

const rows = [...(await pair('embedded PGlite (in memory)', () => openPgliteClient()))];
const databases = [await createTestDatabase('sg_bench'), await createTestDatabase('sg_bench')];
try {
  let n = 0;
  rows.push(...(await pair('PostgreSQL', async () => openPostgresClient(databases[n++].url))));
} finally {
  for (const d of databases) await d.drop();
}

const markdown = [
  '## Sealing personal data',
  '',
  `${machine()}. Workload: ${fmt(events)} single-event appends of EvidenceSubmitted (title and URL sealed) over ${engineers} engineers, then the whole log read back in pages of 1,000 (unsealed on read: one key lookup per page).`,
  '',
  table(['store', 'appends/s', 'events read/s'], rows.map((r) => [r.name, fmt(r.append), fmt(r.read)])),
].join('\n');
console.log(markdown);
writeSection('personal-data', markdown);
