// Growth: how query latency, projection throughput and memory change with the organisation's size, on the
// in-memory graph fed by the deterministic generator (syntheticOrganisationEvents, seed 7; about 100 events
// per engineer as in the reference set). Each size runs in its own Node process (so its memory is its own):
// the events are generated, projected in the projector's batches, dropped, and the graph's retained heap
// measured after a full GC; then "who is L5 on Mastery in Go" and levelDistribution are timed. Drawn with
// echarts (server-side SVG) into docs/growth.svg. Sizes: BENCH_GROWTH_SIZES (engineers, comma-separated);
// default 1,000, 3,000, 10,000 and 30,000; BENCH_QUICK=1: 200 and 1,000, nothing written to docs/.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fmt, latencyPercentiles, machine, quick, table, writeSection } from './bench-report.mjs';

const sizes = (process.env.BENCH_GROWTH_SIZES ?? (quick ? '200,1000' : '1000,3000,10000,30000')).split(',').map(Number);
const queryRuns = Number(process.env.BENCH_QUERY_RUNS ?? (quick ? 100 : 500));

async function measureOne(engineers) {
  const { InMemorySkillsGraph, syntheticOrganisationEvents } = await import('@skills-graph/read-model');
  const { projectorBatchSize } = await import('@skills-graph/projector');
  const { asRecorded, referenceShape } = await import('./bench-events.mjs');
  const heap = () => {
    global.gc();
    return process.memoryUsage();
  };
  const before = heap();
  let events = asRecorded(syntheticOrganisationEvents(referenceShape(engineers)));
  const count = events.length;
  const graph = new InMemorySkillsGraph();
  const started = performance.now();
  for (let i = 0; i < events.length; i += projectorBatchSize) await graph.applyEvents(events.slice(i, i + projectorBatchSize));
  const seconds = (performance.now() - started) / 1000;
  events = null;
  const after = heap();
  const whoIsL5 = await latencyPercentiles(() => graph.findEngineers({ competencyId: 'mastery', skillId: 'go', level: 5 }, { first: 20 }), { runs: queryRuns });
  const distribution = await latencyPercentiles(() => graph.levelDistribution({ competencyId: 'mastery', skillId: null, groupBy: 'TEAM' }), { runs: Math.max(20, Math.round(queryRuns / 10)) });
  return { engineers, events: count, eventsPerSecond: count / seconds, graphMB: (after.heapUsed - before.heapUsed) / 2 ** 20, rssMB: after.rss / 2 ** 20, whoIsL5, distribution };
}

if (process.argv[2] === '--one') {
  process.stdout.write(`\n${JSON.stringify(await measureOne(Number(process.argv[3])))}\n`);
  process.exit(0);
}

const loadBefore = loadavg().map((l) => l.toFixed(1)).join(' / ');
const results = [];
for (const engineers of sizes) {
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', fileURLToPath(import.meta.url), '--one', String(engineers)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (child.status !== 0) {
    console.error(`growth: ${fmt(engineers)} engineers failed (exit code ${child.status}); stopping at the sizes measured`);
    break;
  }
  const result = JSON.parse(child.stdout.trim().split('\n').pop());
  console.log(`${fmt(engineers)} engineers: ${fmt(result.events)} events, ${fmt(result.eventsPerSecond)} events/s, graph ${fmt(result.graphMB)} MB, who is L5 p50 ${fmt(result.whoIsL5.p50, 3)} ms`);
  results.push(result);
}
const loadAfter = loadavg().map((l) => l.toFixed(1)).join(' / ');

/** Three panels side by side (echarts' server-side SVG renderer, no browser). */
async function chart() {
  const echarts = await import('echarts');
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 1200, height: 380 });
  const x = results.map((r) => fmt(r.engineers));
  const grids = [0, 1, 2].map((i) => ({ left: `${5 + i * 33}%`, width: '25%', top: 70, bottom: 50 }));
  const axis = (i, name) => ({ gridIndex: i, type: 'value', name, nameTextStyle: { align: 'left' } });
  instance.setOption({
    animation: false,
    backgroundColor: '#fff',
    title: [
      { text: 'The in-memory graph against organisation size (engineers)', left: 'center', top: 5, textStyle: { fontSize: 15 } },
      ...['Query latency p50 (ms)', 'Projection (events/s)', 'Memory (MB)'].map((text, i) => ({ text, left: `${5 + i * 33}%`, top: 32, textStyle: { fontSize: 12 } })),
    ],
    legend: { bottom: 0 },
    grid: grids,
    xAxis: [0, 1, 2].map((i) => ({ gridIndex: i, type: 'category', data: x })),
    yAxis: [axis(0, 'ms'), axis(1, 'events/s'), axis(2, 'MB')],
    series: [
      { name: 'who is L5 (first 20)', type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: results.map((r) => Number(r.whoIsL5.p50.toFixed(3))) },
      { name: 'levelDistribution by team', type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: results.map((r) => Number(r.distribution.p50.toFixed(3))) },
      { name: 'projection', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: results.map((r) => Math.round(r.eventsPerSecond)) },
      { name: 'graph (retained JS heap)', type: 'line', xAxisIndex: 2, yAxisIndex: 2, data: results.map((r) => Math.round(r.graphMB)) },
      { name: 'process resident', type: 'line', xAxisIndex: 2, yAxisIndex: 2, data: results.map((r) => Math.round(r.rssMB)) },
    ],
  });
  const svg = instance.renderToSVGString();
  instance.dispose();
  return svg;
}

const svg = await chart();
const markdown = [
  '## Growth with the organisation (in-memory graph)',
  '',
  `Machine: ${machine()}; load average (1/5/15 min) ${loadBefore} before and ${loadAfter} after. The deterministic generator`,
  '(`syntheticOrganisationEvents`, seed 7: teams of 50, 50 skills, 40 evidence and 20 level records per engineer, about 100 events per',
  'engineer) projected into the in-memory graph in the projector\'s batches, each size in its own process; memory is the graph\'s retained JS',
  `heap after a full GC (the events dropped) and the process's resident size; latencies are p50/p99 of ${fmt(queryRuns)} calls on the adapter (no HTTP).`,
  `Sizes measured: ${results.map((r) => fmt(r.engineers)).join(', ')} engineers (BENCH_GROWTH_SIZES; 100,000 engineers is about 10 million events,`,
  'beyond what this shared 2-core machine generates and projects in a benchmark run\'s time: the curves show the trend to it).',
  '',
  '![query latency, projection throughput and memory against organisation size](growth.svg)',
  '',
  table(
    ['engineers', 'events', 'projection (events/s)', 'who is L5: p50 / p99 (ms)', 'levelDistribution by team: p50 / p99 (ms)', 'graph heap (MB)', 'resident (MB)'],
    results.map((r) => [fmt(r.engineers), fmt(r.events), fmt(r.eventsPerSecond), `${fmt(r.whoIsL5.p50, 3)} / ${fmt(r.whoIsL5.p99, 3)}`, `${fmt(r.distribution.p50, 2)} / ${fmt(r.distribution.p99, 2)}`, fmt(r.graphMB), fmt(r.rssMB)]),
  ),
].join('\n');
console.log(markdown);
if (!quick) {
  writeFileSync(new URL('../../docs/growth.svg', import.meta.url), svg);
  writeSection('growth', markdown);
}
