// Through the gateway over HTTP, on the embedded demo organisation: "who is L5 on Mastery in Go" latency,
// and write-to-read visibility (an event appended until a GraphQL query sees it), with the in-memory
// graph and with Neo4j.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig } from '@skills-graph/config';
import { currentSchemaVersions } from '@skills-graph/domain';
import { startEmbeddedSkillsGraph } from '@skills-graph/embedded';
import { startNeo4j } from '../../deploy/neo4j/neo4j-server.mjs';
import { fmt, machine, percentile, table, writeSection } from './bench-report.mjs';

const queryRuns = Number(process.env.BENCH_HTTP_QUERIES ?? 1_000);
const visibilityRuns = Number(process.env.BENCH_VISIBILITY_RUNS ?? 100);
const whoIsL5 = JSON.stringify({ query: '{ engineers(filter: { competency: "Mastery", skill: "Go", level: 5 }, first: 20) { totalCount nodes { id name } } }' });

async function measure(label, env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-bench-'));
  const running = await startEmbeddedSkillsGraph(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }), pino({ level: 'silent' }));
  try {
    const post = (body) => fetch(`${running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.json());
    const first = await post(whoIsL5);
    for (let i = 0; i < 50; i += 1) await post(whoIsL5);
    const query = [];
    for (let i = 0; i < queryRuns; i += 1) {
      const t = performance.now();
      await post(whoIsL5);
      query.push(performance.now() - t);
    }
    const visible = [];
    for (let i = 0; i < visibilityRuns; i += 1) {
      const id = `bench-${randomUUID()}`;
      const probe = JSON.stringify({ query: `{ engineer(id: "${id}") { id } }` });
      const t = performance.now();
      await running.store.appendToStream(`engineer-${id}`, [
        {
          id: randomUUID(),
          type: 'EngineerJoined',
          schemaVersion: currentSchemaVersions.EngineerJoined,
          data: { engineerId: id, name: 'Bench Joiner', email: `${id}@bench.test`, title: 'Engineer', teamId: 'team-bench', teamName: 'Bench', managerId: null, joinedOn: '2026-11-27' },
          metadata: { correlationId: id, causationId: null, actor: 'bench', occurredAt: new Date().toISOString() },
        },
      ]);
      while (!(await post(probe)).data?.engineer) await new Promise((r) => setTimeout(r, 1));
      visible.push(performance.now() - t);
    }
    const sort = (xs) => xs.sort((a, b) => a - b);
    return { label, answers: first.data.engineers.totalCount, query: sort(query), visible: sort(visible) };
  } finally {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows = [await measure('in-memory graph', {})];
const neo4j = await startNeo4j({ heap: '1g', pageCache: '256m' });
try {
  rows.push(await measure('Neo4j', { READ_MODEL: 'neo4j', NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password }));
} finally {
  await neo4j.stop();
}

const ms = (xs, p) => fmt(percentile(xs, p), 1);
const markdown = [
  '## Through the gateway over HTTP (embedded demo organisation)',
  '',
  `Machine: ${machine()}. The embedded product with its demo organisation (320 engineers, 18,711 events), GraphQL over HTTP on`,
  `loopback, one request at a time. "Who is L5 on Mastery in Go" (${rows[0].answers} engineers, first 20) ${fmt(queryRuns)} times after 50 warm-ups;`,
  `write-to-read visibility: an EngineerJoined appended to the event store, then \`engineer(id)\` polled until it answers, ${fmt(visibilityRuns)} times.`,
  '',
  table(
    ['read model', 'who is L5: p50 (ms)', 'p99 (ms)', 'append → visible: p50 (ms)', 'p99 (ms)'],
    rows.map((r) => [r.label, ms(r.query, 50), ms(r.query, 99), ms(r.visible, 50), ms(r.visible, 99)]),
  ),
].join('\n');
console.log(markdown);
writeSection('gateway', markdown);
