// The directors' dashboard's first load: the organisation overview in Chromium (Debian's, through
// playwright-core) against the embedded product in its own process (as `npm start` runs it) with the demo
// organisation. A run opens http://…/ in a new browser context (an empty cache, as a first visit) and ends
// when every chart of the overview has drawn the API's answer: the level distribution, the team heatmap, the
// headcount by level and its quarterly history. A revisit is the same in the same context (assets from the
// cache, index.html revalidated). Target: under 1 s.
//   BENCH_DASHBOARD_RUNS (default 20) runs per organisation after 3 uncounted ones;
//   BENCH_DASHBOARD_ORGS (default `320,reference`; `320` in the quick profile) a comma-separated list of
//   organisations: a number is the demo seeder's organisation of that size (10,000 engineers: more than ten minutes to
//   seed), `reference` the reference set of docs/benchmarks.md (10,000 engineers, 200 teams, about a million
//   events; BENCH_ENGINEERS changes its size) written to the product's data folder before it starts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startProduct } from './bench-product.mjs';
import { writeReferenceOrganisation } from './reference-organisation.mjs';
import { referenceShape } from './bench-events.mjs';
import { fmt, machine, percentile, quick, setting, table, writeSection } from './bench-report.mjs';

const runs = setting('BENCH_DASHBOARD_RUNS', 20, 2);
const warmUps = quick ? 1 : 3;
const referenceEngineers = setting('BENCH_ENGINEERS', 10_000, 200);
const organisations = (process.env.BENCH_DASHBOARD_ORGS ?? (quick ? '320' : '320,reference')).split(',').map((entry) => {
  const name = entry.trim();
  if (name === 'reference') return { reference: true, engineers: referenceEngineers };
  const engineers = Number(name);
  if (!Number.isInteger(engineers) || engineers < 34 || engineers > 20_000) throw new Error(`BENCH_DASHBOARD_ORGS: "${name}" is neither \`reference\` nor a demo size from 34 to 20000`);
  return { reference: false, engineers };
});
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const target = 1_000;

if (!existsSync(chromiumPath)) {
  console.error(`Chromium is not at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  process.exit(1);
}
// `npm run bench` builds first; on its own, the dashboard is built when its sources changed.
const build = spawnSync(process.execPath, [fileURLToPath(new URL('../../services/dashboard/build.mjs', import.meta.url)), '--if-stale'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const charts = ['distribution', 'heatmap', 'headcount', 'progression'];

/** Opens the overview and waits until every chart has drawn; the time since the navigation started, and what was fetched. */
async function load(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    (names) =>
      names.every((name) => document.querySelector(`[data-chart="${name}"][data-rendered] :is(svg path, td)`)) &&
      document.querySelectorAll('.state.loading, [aria-busy="true"], .state.error').length === 0,
    charts,
    { polling: 'raf', timeout: 60_000 },
  );
  return page.evaluate(() => {
    const ready = performance.now();
    const navigation = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const graphql = resources.filter((r) => r.name.endsWith('/graphql'));
    return {
      ms: ready,
      documentMs: navigation.responseEnd,
      requests: resources.length + 1,
      graphqlRequests: graphql.length,
      kilobytes: (navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0)) / 1024,
    };
  });
}

async function measure({ reference, engineers }) {
  const starting = Date.now();
  const dataDir = reference ? mkdtempSync(join(tmpdir(), 'sg-bench-reference-')) : undefined;
  let product;
  let browser;
  try {
    if (reference) await writeReferenceOrganisation(dataDir, engineers);
    product = await startProduct(reference ? { SEED_DEMO: 'false', DATA_DIR: dataDir } : { DEMO_ENGINEERS: String(engineers) });
    const readyMs = Date.now() - starting;
    console.log(`  written or seeded, and ready, in ${fmt(readyMs / 1000, 1)} s`);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    const url = `${product.url}/`;
    const first = [];
    const revisit = [];
    let sample;
    for (let i = -warmUps; i < runs; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      const cold = await load(page, url);
      const warm = await load(page, url);
      await context.close();
      if (i < 0) continue;
      first.push(cold.ms);
      revisit.push(warm.ms);
      sample = cold;
    }
    first.sort((a, b) => a - b);
    revisit.sort((a, b) => a - b);
    return { reference, engineers, readyMs, first, revisit, sample, chromium: browser.version() };
  } finally {
    await browser?.close();
    await product?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [];
const loadBefore = loadavg()[0];
const label = (o) => (o.reference ? `the reference organisation (${fmt(o.engineers)} engineers, ${fmt(referenceShape(o.engineers).teams)} teams, 50 skills)` : `${fmt(o.engineers)} engineers${o.engineers === 320 ? ' (the demo)' : ' (the demo seeder)'}`);
for (const organisation of organisations) {
  console.log(`dashboard first load: ${label(organisation)}, ${runs} runs`);
  const result = await measure(organisation);
  console.log(`  first load p50 ${fmt(percentile(result.first, 50))} ms, p95 ${fmt(percentile(result.first, 95))} ms; revisit p50 ${fmt(percentile(result.revisit, 50))} ms`);
  results.push(result);
}

const loadAfter = loadavg()[0];
const ms = (xs, p) => fmt(percentile(xs, p));
const demo = results.find((r) => !r.reference && r.engineers === 320) ?? results[0];
const markdown = [
  "## The directors' dashboard: first load of the overview (Chromium)",
  '',
  `Machine: ${machine()}; Chromium ${demo.chromium} (Debian's, headless, through playwright-core). Load average (1 min) ${fmt(loadBefore, 1)} before and ${fmt(loadAfter, 1)} after the runs`,
  '(the browser, the product and whatever else runs on the machine share its cores).',
  'The embedded product (`services/embedded/dist/main.js`, as `npm start` runs it) in its own process with the organisation of each row, the',
  "dashboard's built files served by the gateway on loopback. A first load opens `/` in a new browser context (nothing cached) and",
  'ends when all four figures of the overview (level distribution, team heatmap (a coloured table), headcount by level, its quarterly history) have',
  `drawn the API's answers, timed from the start of the navigation in the page; a revisit loads the page again in the same context. ${runs} runs after ${warmUps} uncounted ones.`,
  `A first load fetched ${demo.sample.requests} resources (${demo.sample.graphqlRequests} GraphQL requests), ${fmt(demo.sample.kilobytes)} KB; the page itself arrived after ${fmt(demo.sample.documentMs)} ms.`,
  '',
  table(
    ['organisation', 'first load p50 (ms)', 'p95 (ms)', 'min (ms)', 'revisit p50 (ms)', `target < ${fmt(target)} ms (p95)`, 'written or seeded, and ready, in (s)'],
    results.map((r) => [label(r), ms(r.first, 50), ms(r.first, 95), fmt(r.first[0]), ms(r.revisit, 50), percentile(r.first, 95) < target ? 'met' : '**not met**', fmt(r.readyMs / 1000, 1)]),
  ),
  '',
  'The reference organisation is the synthetic reference set above (the same generator and seed), written to the product\'s embedded',
  'store before it starts, personal data sealed as the product stores it; its levels come with it, so the level recomputer\'s and',
  "the relay's checkpoints are set at the head. The product then starts on it as after any restart: the graph projected from the",
  "log, the recomputer and the relay folding it from position 0. The demo seeder's organisations (numbers in `BENCH_DASHBOARD_ORGS`)",
  'have 30 teams and 12 skills at every size.',
  ...(organisations.some((o) => o.reference) ? [] : ['', 'The reference organisation is measured with `BENCH_DASHBOARD_ORGS=320,reference` (the default of a full run).']),
].join('\n');
console.log(markdown);
writeSection('dashboard', markdown);
