// Through the gateway over HTTP, on the embedded demo organisation: "who is L5 on Mastery in Go" latency,
// and write-to-read visibility (a mutation's events until a GraphQL query sees them), with the in-memory
// graph and with Neo4j. The product runs as its own process, started as `npm start` starts it, so the
// client's work (this process) never shares an event loop with the server's.
import { randomUUID } from 'node:crypto';
import { startNeo4j } from '../../deploy/neo4j/neo4j-server.mjs';
import { fmt, machine, percentile, setting, table, writeSection } from './bench-report.mjs';
import { postTo, startProduct } from './bench-product.mjs';

const queryRuns = setting('BENCH_HTTP_QUERIES', 1_000, 50);
const warmUps = setting('BENCH_HTTP_WARMUPS', 1_000, 50);
const visibilityWarmUps = 10;
const visibilityRuns = setting('BENCH_VISIBILITY_RUNS', 100, 10);
const whoIsL5 = JSON.stringify({ query: '{ engineers(filter: { competency: "Mastery", skill: "Go", level: 5 }, first: 20) { totalCount nodes { id name } } }' });
const engineer = 'eng-0211'; // a demo engineer (see README)
// A mutation returns once the projector has applied its events (read-your-writes, bounded by READ_YOUR_WRITES_TIMEOUT_MS).
const submit = (id, title) =>
  JSON.stringify({
    query: `mutation($id: ID!, $title: String!) { submitEvidence(input: { id: $id, engineerId: "${engineer}", kind: DESIGN, title: $title, date: "2026-11-20", skills: ["go"], behaviourIds: ["mastery-3-designs-idempotent-consumers"] }) { position } }`,
    variables: { id, title },
  });




async function measure(label, env) {
  const product = await startProduct(env);
  try {
    const post = postTo(`${product.url}/graphql`);
    const first = await post(whoIsL5);
    if (first.errors) throw new Error(JSON.stringify(first.errors));
    for (let i = 0; i < warmUps; i += 1) await post(whoIsL5);
    const query = [];
    for (let i = 0; i < queryRuns; i += 1) {
      const t = performance.now();
      await post(whoIsL5);
      query.push(performance.now() - t);
    }
    const visible = [];
    // The first few writes also have Neo4j plan their statements (once per server); they are not counted.
    for (let i = -visibilityWarmUps; i < visibilityRuns; i += 1) {
      const id = randomUUID();
      const probe = JSON.stringify({ query: `{ evidence(id: "${id}") { id } }` });
      const t = performance.now();
      const written = await post(submit(id, `Bench ${i}`), { 'x-actor-id': engineer });
      if (written.errors) throw new Error(JSON.stringify(written.errors));
      // Asked as the author: evidence is personal data, which an anonymous visitor does not see (docs/access-policy.md).
      for (const since = performance.now(); !(await post(probe, { 'x-actor-id': engineer })).data?.evidence; await new Promise((r) => setTimeout(r, 1))) {
        if (performance.now() - since > 10_000) throw new Error(`evidence ${id} was not readable 10 s after submitEvidence answered`);
      }
      if (i >= 0) visible.push(performance.now() - t);
    }
    const sort = (xs) => xs.sort((a, b) => a - b);
    return { label, answers: first.data.engineers.totalCount, query: sort(query), visible: sort(visible) };
  } finally {
    await product.stop();
  }
}

const rows = [await measure('in-memory graph', {})];
const neo4j = await startNeo4j({ heap: '2g', pageCache: '1g', gc: 'parallel' });
try {
  rows.push(await measure('Neo4j', { READ_MODEL: 'neo4j', NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password }));
} finally {
  await neo4j.stop();
}

const ms = (xs, p) => fmt(percentile(xs, p), 1);
const markdown = [
  '## Through the gateway over HTTP (embedded demo organisation)',
  '',
  `Machine: ${machine()}. The embedded product (\`services/embedded/dist/main.js\`, as \`npm start\` runs it) in its own process with its`,
  `demo organisation (320 engineers, 18,711 events); GraphQL over HTTP on loopback from this process, one request at a time.`,
  `Client: node:http, one kept-alive connection. "Who is L5 on Mastery in Go" (${rows[0].answers} engineers, first 20) ${fmt(queryRuns)} times after`,
  `${fmt(warmUps)} warm-up requests (the server's JIT; a running gateway is warm); write-to-read visibility:`,
  `from sending a \`submitEvidence\` mutation (it returns once the projector has applied its events) until \`evidence(id)\` answers, ${fmt(visibilityRuns)} times after ${visibilityWarmUps} uncounted writes.`,
  '',
  table(
    ['read model', 'who is L5: p50 (ms)', 'p99 (ms)', 'mutation → visible: p50 (ms)', 'p99 (ms)'],
    rows.map((r) => [r.label, ms(r.query, 50), ms(r.query, 99), ms(r.visible, 50), ms(r.visible, 99)]),
  ),
].join('\n');
console.log(markdown);
writeSection('gateway', markdown);
