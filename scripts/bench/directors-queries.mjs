// Directors' queries through the read-model adapters (in-memory graph and Neo4j) on the synthetic organisation
// (default: the reference set of 10,000 engineers; scale with BENCH_ENGINEERS), p50/p99 of each, beside
// @neo4j/graphql answering the same question on the same graph where it can express it. Every query's answer
// from memory and from Neo4j is compared (the "same answer" column). Also prints the Neo4j PROFILE of the
// staffing search (docs/directors.md shows one).
import neo4j from 'neo4j-driver';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { execute, parse, validate } from 'graphql';
import { InMemorySkillsGraph, Neo4jSkillsGraph, staffingSearchCypher, syntheticOrganisationEvents } from '@skills-graph/read-model';
import { startNeo4j } from '../../deploy/neo4j/neo4j-server.mjs';
import { fmt, latencyPercentiles, machine, setting, table, writeSection } from './bench-report.mjs';
import { typeDefs } from './neo4j-graphql-peer.mjs';
import { asRecorded, referenceShape } from './bench-events.mjs';

const engineers = setting('BENCH_ENGINEERS', 10_000, 200);
const queryRuns = setting('BENCH_QUERY_RUNS', 1_000, 50);
const batchSize = 2_000;

const events = asRecorded(syntheticOrganisationEvents(referenceShape(engineers)));
console.log(`${fmt(events.length)} events for ${fmt(engineers)} engineers`);

const at = '2026-11-01T00:00:00.000Z';
/** A director: the lead of team 0 (everyone in team 0 reports to them). */
const director = 'eng-000000';
const staffing = {
  requirements: [
    { competencyId: 'mastery', skillId: 'go', levelAtLeast: 2 },
    { competencyId: 'impact', skillId: null, levelAtLeast: 2 },
  ],
};

/** Each directors' query the port has: a name, what it asks, and the call. Colleagues' queries are measured when the adapters have them. */
const queries = [
  { name: 'findEngineers (staffing: Go ≥ L2 on Mastery and Impact ≥ L2, first 20)', run: (g) => g.staffingSearch(staffing, { first: 20 }) },
  { name: 'findEngineers, within a director\'s organisation', run: (g) => g.staffingSearch({ ...staffing, withinLineOf: director }, { first: 20 }) },
  { name: 'engineers(filter: {Mastery in Go ≥ L3, asOf 2026-04-01}), first 20', run: (g) => g.findEngineers({ competencyId: 'mastery', skillId: 'go', levelAtLeast: 3, asOf: '2026-04-01T00:00:00.000Z' }, { first: 20 }) },
  { name: 'levelDistribution(Mastery, groupBy TEAM)', method: 'levelDistribution', run: (g) => g.levelDistribution({ competencyId: 'mastery', skillId: null, groupBy: 'TEAM' }) },
  { name: 'levelDistribution(Mastery in Go, NONE, asOf 2026-04-01)', method: 'levelDistribution', run: (g) => g.levelDistribution({ competencyId: 'mastery', skillId: 'go', groupBy: 'NONE', asOf: '2026-04-01T00:00:00.000Z' }) },
  { name: 'skillCoverage(minLevel 3), organisation and per team', method: 'skillCoverage', run: (g) => g.skillCoverage({ minLevel: 3 }) },
  { name: 'progression(Mastery, 2026 by MONTH)', method: 'progression', run: (g) => g.progression({ competencyId: 'mastery', skillId: null, from: '2026-01-01', to: '2026-12-31', interval: 'MONTH' }) },
  { name: 'gapToNextLevel(one engineer, Mastery)', method: 'gapToNextLevel', run: (g) => g.gapToNextLevel({ engineerId: 'eng-000042', frameworkId: 'synthetic', competencyId: 'mastery', skillId: null, at }) },
  { name: 'promotionReadiness(a director\'s organisation)', method: 'promotionReadiness', run: (g) => g.promotionReadiness({ frameworkId: 'synthetic', withinLineOf: director, at }) },
];

async function project(graph) {
  const started = performance.now();
  for (let i = 0; i < events.length; i += batchSize) await graph.applyEvents(events.slice(i, i + batchSize));
  return (performance.now() - started) / 1000;
}

const memory = new InMemorySkillsGraph();
console.log(`in-memory: projected in ${fmt(await project(memory), 1)} s`);
const present = queries.filter((q) => q.method === undefined || typeof memory[q.method] === 'function');
const missing = queries.filter((q) => !present.includes(q));
const results = new Map();
for (const q of present) {
  const answer = await q.run(memory);
  results.set(q.name, { memoryAnswer: canonical(answer), memory: await latencyPercentiles(() => q.run(memory), { runs: queryRuns }), size: sizeOf(answer) });
}

/** JSON with object keys sorted (the adapters build their views with fields in different orders). */
function canonical(value) {
  return JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

function sizeOf(answer) {
  if (answer === null) return 'null';
  if (Array.isArray(answer)) return `${answer.length} rows`;
  if ('totalCount' in answer) return `${answer.totalCount} found`;
  if ('groups' in answer) return `${answer.groups.length} groups`;
  if ('organisation' in answer) return `${answer.organisation.length} skills`;
  if ('points' in answer) return `${answer.points.length} points`;
  return 'an answer';
}

/** @neo4j/graphql: the staffing search's matching (AND of `some` filters on the levels); it cannot rank by margin, so the ids are ranked here. */
async function staffingPeer(driver) {
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const document = parse(/* GraphQL */ `
    query Staffing($where: EngineerWhere!, $levels: DemonstratedLevelWhere!) {
      engineers(where: $where) { id name demonstrates(where: $levels) { competencyId skillId level } }
    }
  `);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`@neo4j/graphql peer: ${errors.map((e) => e.message).join('; ')}`);
  const asWhere = (r) => ({ competencyId: { eq: r.competencyId }, skillId: { eq: r.skillId ?? '' }, level: { gte: r.levelAtLeast } });
  const variableValues = {
    where: { status: { eq: 'active' }, AND: staffing.requirements.map((r) => ({ demonstrates: { some: asWhere(r) } })) },
    levels: { OR: staffing.requirements.map(asWhere) },
  };
  return async () => {
    const result = await execute({ schema, document, variableValues, contextValue: {} });
    if (result.errors?.length) throw new Error(`@neo4j/graphql peer: ${result.errors.map((e) => e.message).join('; ')}`);
    const ranked = result.data.engineers.map((e) => ({
      id: e.id,
      name: e.name,
      margin: staffing.requirements.reduce((sum, r) => sum + Math.max(...e.demonstrates.filter((d) => d.competencyId === r.competencyId && d.skillId === (r.skillId ?? '')).map((d) => d.level)) - r.levelAtLeast, 0),
    }));
    ranked.sort((a, b) => b.margin - a.margin || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    return ranked.slice(0, 20);
  };
}

function profileLines(plan, depth = 0) {
  const details = plan.arguments?.Details ? ` ${plan.arguments.Details}` : '';
  return [`${'  '.repeat(depth)}${plan.operatorType.replace(/@.*$/, '')}${details} — rows ${plan.rows}, db hits ${plan.dbHits}`, ...plan.children.flatMap((c) => profileLines(c, depth + 1))];
}
const totalDbHits = (plan) => plan.dbHits + plan.children.reduce((sum, c) => sum + totalDbHits(c), 0);

const server = await startNeo4j({ heap: '2g', pageCache: '2g', gc: 'parallel' });
let profile;
let peer;
try {
  const graph = await Neo4jSkillsGraph.connect({ uri: server.uri, username: server.username, password: server.password });
  await graph.clear();
  console.log(`Neo4j: projected in ${fmt(await project(graph), 1)} s`);
  for (const q of present) {
    const entry = results.get(q.name);
    if (typeof graph[q.method ?? 'staffingSearch'] !== 'function') continue;
    entry.same = canonical(await q.run(graph)) === entry.memoryAnswer;
    entry.neo4j = await latencyPercentiles(() => q.run(graph), { runs: queryRuns });
    console.log(`${q.name}: memory p99 ${fmt(entry.memory.p99, 2)} ms, Neo4j p99 ${fmt(entry.neo4j.p99, 2)} ms, same answer: ${entry.same}`);
  }
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.username, server.password), { disableLosslessIntegers: true });
  const peerRun = await staffingPeer(driver);
  const adapterIds = (await graph.staffingSearch(staffing, { first: 20 })).items.map((m) => m.engineer.id);
  const peerIds = (await peerRun()).map((e) => e.id);
  if (JSON.stringify(adapterIds) !== JSON.stringify(peerIds)) throw new Error(`@neo4j/graphql peer and the adapter disagree: ${peerIds} vs ${adapterIds}`);
  peer = await latencyPercentiles(peerRun, { runs: queryRuns });
  const { cypher, params } = staffingSearchCypher(staffing, { first: 20 });
  const profiled = await driver.executeQuery(`PROFILE ${cypher}`, params, { routing: neo4j.routing.READ });
  profile = { lines: profileLines(profiled.summary.profile), dbHits: totalDbHits(profiled.summary.profile) };
  console.log(`PROFILE of the staffing search (${fmt(profile.dbHits)} db hits):\n${profile.lines.join('\n')}`);
  await driver.close();
  await graph.close();
} finally {
  await server.stop();
}

const ms = (value) => (value === undefined ? '–' : fmt(value, 2));
const markdown = [
  "## Directors' queries",
  '',
  `Machine: ${machine()}. Neo4j Community ${server.version ?? '5.26'} embedded from Maven Central (heap 2 GiB, page cache 2 GiB).`,
  `Data: the synthetic organisation of ${fmt(engineers)} engineers, ${fmt(Math.round(engineers / 50))} teams, 50 skills, ${fmt(events.length)} events`,
  `${engineers === 10_000 ? '(the reference set)' : '(not the reference set: BENCH_ENGINEERS)'}. Each query through the read-model adapter, in process (no HTTP),`,
  `${fmt(queryRuns)} times after 50 warm-up runs; "same answer": the in-memory and Neo4j answers are identical. The @neo4j/graphql peer answers`,
  'the staffing search on the same graph (its matching as an AND of `some` filters on the levels; it cannot rank by margin, so its',
  'ids are ranked in the client, inside the timing); it cannot express the other questions (a last record per key at an instant, or',
  'counts per level per group), so those rows show "–".',
  '',
  table(
    ['query', 'answer', 'in-memory p50 (ms)', 'in-memory p99 (ms)', 'Neo4j p50 (ms)', 'Neo4j p99 (ms)', 'same answer', '@neo4j/graphql p50 / p99 (ms)'],
    present.map((q, i) => {
      const r = results.get(q.name);
      return [q.name, r.size, ms(r.memory.p50), ms(r.memory.p99), ms(r.neo4j?.p50), ms(r.neo4j?.p99), r.same === undefined ? '–' : r.same ? 'yes' : '**no**', i === 0 ? `${ms(peer.p50)} / ${ms(peer.p99)}` : '–'];
    }),
  ),
  ...(missing.length > 0 ? ['', `Not in the read-model port when this ran: ${missing.map((q) => q.name).join('; ')}.`] : []),
  '',
  `Neo4j PROFILE of the staffing search (${fmt(profile.dbHits)} db hits in all):`,
  '',
  '```',
  ...profile.lines,
  '```',
].join('\n');
console.log(markdown);
writeSection('directors', markdown);
