// The gateway under concurrent HTTP load (autocannon) on the embedded demo organisation, with the in-memory
// graph and with Neo4j, beside a stock Apollo Server 5 serving the same schema from static data (the ceiling
// of the GraphQL-over-HTTP stack on this machine); every cell measured ceiling → in memory → Neo4j in turn,
// in one run, so their ratio holds on a loaded machine. Also the product's memory (empty start, demo
// organisation, after the load) and, unless quick, a CPU profile of the product under load drawn as a flame
// graph (docs/flamegraphs/). BENCH_QUICK=1: one short cell per workload at 16 connections on a 34-engineer demo,
// no Neo4j unless BENCH_NEO4J=1, nothing written to docs/.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startNeo4j } from '../../deploy/neo4j/neo4j-server.mjs';
import { fmt, machine, quick, table, writeSection } from './bench-report.mjs';
import { postTo, startProduct } from './bench-product.mjs';
import { flameGraphSvg, selfTimeBy } from './flame-graph.mjs';

const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? (quick ? 1 : 6));
const connectionLevels = quick ? [16] : [1, 16, 64];
const withNeo4j = process.env.BENCH_NEO4J ? process.env.BENCH_NEO4J === '1' : !quick;
const profileSeconds = Number(process.env.BENCH_PROFILE_SECONDS ?? (quick ? 0 : 8));

// Demo engineers (the quick profile's organisation has 34): one submits evidence in the mixed workload, one is profiled.
const writer = quick ? 'eng-0021' : 'eng-0211';
const profiled = quick ? 'eng-0012' : 'eng-0042';
const operations = {
  whoIsL5: { query: '{ engineers(filter: { competency: "Mastery", skill: "Go", level: 5 }, first: 20) { totalCount nodes { id name } } }' },
  profile: {
    query: 'query($id: ID!) { engineer(id: $id) { id name title status joinedOn team { id name } manager { id name } competencyLevels { competency { id name } demonstrated { level } calibrated { level } } } }',
    variables: { id: profiled },
  },
  levelDistribution: { query: '{ levelDistribution(competency: "mastery", groupBy: TEAM) { groupBy groups { groupId team { name } counts { level count } total median } } }' },
};
const submit = (id) =>
  JSON.stringify({
    query: `mutation($id: ID!) { submitEvidence(input: { id: $id, engineerId: "${writer}", kind: DESIGN, title: "Load bench", date: "2026-11-20", skills: ["go"], behaviourIds: ["mastery-3-designs-idempotent-consumers"] }) { position } }`,
    variables: { id },
  });

const json = { 'content-type': 'application/json' };
const read = (name) => ({ method: 'POST', path: '/graphql', headers: json, body: JSON.stringify(operations[name]) });
/** 90% reads (the three questions in turn) and 10% submitEvidence (a new id each, as the writer). */
const mixed = [
  ...[0, 1, 2].flatMap(() => ['whoIsL5', 'profile', 'levelDistribution'].map(read)),
  { method: 'POST', path: '/graphql', headers: { ...json, 'x-actor-id': writer }, setupRequest: (request) => ({ ...request, body: submit(randomUUID()) }) },
];
const workloads = [
  { name: 'who is L5 (first 20, id and name)', requests: [read('whoIsL5')] },
  { name: 'an engineer profile', requests: [read('profile')] },
  { name: 'levelDistribution (Mastery, by team)', requests: [read('levelDistribution')] },
  { name: 'mixed: 90% these reads, 10% submitEvidence', requests: mixed },
];

const mb = (bytes) => fmt(bytes / 2 ** 20);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

/** The stock Apollo Server in its own process, answering with the product's recorded answers. */
async function startCeiling(answers) {
  const child = spawn(process.execPath, ['scripts/bench/stock-apollo-ceiling.mjs'], { env: { ...process.env, PORT: '0', CEILING_ANSWERS: JSON.stringify(answers) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)).url.replace(/\/$/, '')));
    child.once('exit', (code) => reject(new Error(`the stock Apollo Server exited with code ${code}`)));
  });
  return {
    label: 'stock Apollo Server 5 (static data)',
    url,
    pid: child.pid,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** autocannon against `target` for `duration` seconds: requests/s, p50 and p99 (ms), and anything that went wrong. */
async function hammer(target, requests, connections, duration) {
  const result = await autocannon({ url: target.url, connections, duration, requests });
  const failures = result.errors + result.timeouts + result.non2xx;
  return { rps: result.requests.total / duration, p50: result.latency.p50, p99: result.latency.p99, failures };
}

async function answersOf(url) {
  const post = postTo(`${url}/graphql`);
  const answers = {};
  for (const [name, body] of Object.entries(operations)) {
    const answer = await post(JSON.stringify(body));
    if (answer.errors) throw new Error(`${name}: ${JSON.stringify(answer.errors)}`);
    Object.assign(answers, answer.data);
  }
  const written = await post(submit(randomUUID()), { 'x-actor-id': writer });
  if (written.errors) throw new Error(`submitEvidence: ${JSON.stringify(written.errors)}`);
  return answers;
}

// Memory: the product right after an empty start (no demo organisation), then with it.
const memoryRows = [];
{
  const empty = await startProduct({ SEED_DEMO: 'false' }, { probe: true });
  await new Promise((r) => setTimeout(r, 2_000));
  memoryRows.push(['in-memory graph, empty start', await empty.memory()]);
  await empty.stop();
}
// Quick: the smallest demo organisation (34 engineers), so CI's run seeds in seconds.
const memory = await startProduct(quick ? { DEMO_ENGINEERS: '34' } : {}, { probe: true });
memory.label = 'product, in-memory graph';
memoryRows.push([`in-memory graph, demo organisation (${quick ? 34 : 320} engineers)`, await memory.memory()]);
const answers = await answersOf(memory.url);
const ceiling = await startCeiling(answers);
const targets = [ceiling, memory];
let neo4j;
if (withNeo4j) {
  neo4j = await startNeo4j({ heap: '1g', pageCache: '512m', gc: 'parallel' });
  const onNeo4j = await startProduct({ READ_MODEL: 'neo4j', NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password }, { probe: true });
  onNeo4j.label = 'product, Neo4j';
  await answersOf(onNeo4j.url);
  memoryRows.push(['Neo4j read model, demo organisation (the product process only)', await onNeo4j.memory()]);
  targets.push(onNeo4j);
}

const loadBefore = load();
const rows = [];
try {
  for (const workload of workloads) {
    // Warm-up of every server's JIT on this workload, uncounted.
    for (const target of targets) await hammer(target, workload.requests, 16, quick ? 1 : 2);
    for (const connections of connectionLevels) {
      const cell = {};
      for (const target of targets) cell[target.label] = await hammer(target, workload.requests, connections, seconds);
      const top = cell[ceiling.label].rps;
      for (const target of targets) {
        const r = cell[target.label];
        rows.push([workload.name, fmt(connections), target.label, fmt(r.rps), fmt(r.p50, 1), fmt(r.p99, 1), target === ceiling ? '1' : `${fmt(r.rps / top, 2)}×`, fmt(r.failures)]);
      }
      console.log(rows.slice(-targets.length).map((row) => row.join(' | ')).join('\n'));
    }
  }
  memoryRows.push(['in-memory graph, demo organisation, after the load', await memory.memory()]);

  if (profileSeconds > 0) {
    const profile = await memory.profile(() => hammer(memory, workloads[0].requests, 16, profileSeconds));
    mkdirSync(new URL('../../docs/flamegraphs/', import.meta.url), { recursive: true });
    // The raw profile, for Chrome DevTools or speedscope: not committed (large).
    writeFileSync(join(tmpdir(), 'gateway-who-is-l5.cpuprofile'), JSON.stringify(profile));
    writeFileSync(new URL('../../docs/flamegraphs/gateway-who-is-l5.svg', import.meta.url), flameGraphSvg(profile, { title: `The embedded product answering "who is L5" at 16 connections for ${profileSeconds} s (in-memory graph)` }));
    const byPart = selfTimeBy(profile);
    writeFileSync(new URL('../../docs/flamegraphs/gateway-who-is-l5.md', import.meta.url), `${table(['where (self time)', 'share'], byPart.slice(0, 25).map(([part, share]) => [part, `${fmt(share * 100, 1)} %`]))}\n`);
    console.log(byPart.slice(0, 25).map(([part, share]) => `${(share * 100).toFixed(1)}%  ${part}`).join('\n'));
  }
} finally {
  for (const target of targets) await target.stop();
  await neo4j?.stop();
}
const loadAfter = load();

const markdown = [
  '## The gateway under concurrent load (autocannon)',
  '',
  `Machine: ${machine()}; load average (1/5/15 min) ${loadBefore} before and ${loadAfter} after. The embedded product`,
  '(`services/embedded/dist/main.js`, as `npm start` runs it, demo organisation of 320 engineers) in its own process, with the in-memory',
  'graph and with Neo4j; beside it a stock Apollo Server 5 (`startStandaloneServer`, no plugins) serving the same schema from static data',
  '(the answers the product gave), the ceiling of GraphQL over HTTP on this machine. autocannon (in the benchmark process, sharing the two',
  `cores with the servers) keeps N connections busy for ${seconds} s per cell, after a 2 s warm-up per workload; each cell measures the`,
  'ceiling, then the product in memory, then on Neo4j, so they see the same machine. "× ceiling": requests/s over the ceiling\'s in that cell.',
  'The mixed workload sends, on each connection in turn, the three reads three times and one `submitEvidence` (a mutation answers once the',
  'projector has applied its events). Target: at 16 connections, ≥ 0.7× the ceiling in memory.',
  '',
  table(['workload', 'connections', 'server', 'requests/s', 'p50 (ms)', 'p99 (ms)', '× ceiling', 'errors'], rows),
  '',
  '### Memory of the product process',
  '',
  'process.memoryUsage() after a full GC (the probe in scripts/bench/process-probe.mjs). Targets: < 250 MB resident after an empty start,',
  '< 400 MB with the demo organisation. See docs/operations.md for where it goes and which settings change it.',
  '',
  table(
    ['state', 'resident (MB)', 'JS heap used (MB)', 'heap total (MB)', 'external (MB)', 'of which ArrayBuffers (MB)'],
    memoryRows.map(([state, m]) => [state, mb(m.rss), mb(m.heapUsed), mb(m.heapTotal), mb(m.external), mb(m.arrayBuffers)]),
  ),
  ...(profileSeconds > 0
    ? ['', `CPU profile of the product under the "who is L5" load: [flame graph](flamegraphs/gateway-who-is-l5.svg), [self time by part](flamegraphs/gateway-who-is-l5.md).`]
    : []),
].join('\n');
console.log(markdown);
if (!quick) writeSection('http-load', markdown);
