// A query's latency while the largest accepted framework import runs, beside the same query's latency with
// no import running: parsing and diffing a framework must not hold the event loop that serves queries.
// The product runs as its own process (services/embedded/dist, as `npm start` runs it); this process only
// sends requests. The imports are 5,000-behaviour files (the limit): a first edition, then a second one
// with every tenth behaviour reworded (an edition rewording all of them does not fit in one recorded
// event and is refused).
import { fmt, machine, percentile, setting, table, writeSection } from './bench-report.mjs';
import { postTo, startProduct } from './bench-product.mjs';

const queryRuns = setting('BENCH_IMPORT_QUERIES', 500, 20);
const whoIsL5 = JSON.stringify({ query: '{ engineers(filter: { competency: "Mastery", skill: "Go", level: 5 }, first: 20) { totalCount nodes { id name } } }' });
const owner = { 'x-actor-id': 'bench-owner', 'x-actor-roles': 'framework-owner' };
const behaviours = 5_000;
const competencies = ['Mastery', 'Impact', 'Influence', 'Communication & Feedback', 'Leadership'];
const words = 'designs builds reviews services systems teams data code tests platform reliability scale security performance mentors docs incidents'.split(' ');

/** A Markdown framework of `behaviours` behaviours over 6 levels; `edition` rewords every tenth behaviour. */
function markdownFramework(edition) {
  const lines = ['# Bench framework'];
  let n = 0;
  for (let level = 1; level <= 6; level += 1) {
    lines.push(`## Level ${level}`);
    for (const c of competencies) {
      lines.push(`### ${c}`);
      const here = Math.ceil(behaviours / 30);
      for (let k = 0; k < here && n < behaviours; k += 1, n += 1) {
        lines.push(`- Handles ${words[n % words.length]} and ${words[(n * 7) % words.length]} for case ${n}${n % 10 === 0 ? ` in edition ${edition}` : ''} with ${words[(n * 3) % words.length]}`);
      }
    }
  }
  return lines.join('\n');
}

/** The same framework in our YAML format. */
function yamlFramework(edition) {
  const ids = ['mastery', 'impact', 'influence', 'communication-feedback', 'leadership'];
  const lines = ['name: Bench framework', 'levels:', ...[1, 2, 3, 4, 5, 6].map((l) => `  - level: ${l}`), 'competencies:', ...ids.map((id, i) => `  - {id: ${id}, name: "${competencies[i]}"}`), 'behaviours:'];
  for (let n = 0; n < behaviours; n += 1) {
    lines.push(`  - {level: ${(n % 6) + 1}, competency: ${ids[n % 5]}, text: "Handles ${words[n % words.length]} and ${words[(n * 7) % words.length]} for case ${n}${n % 10 === 0 ? ` in edition ${edition}` : ''} with ${words[(n * 3) % words.length]}"}`);
  }
  return lines.join('\n');
}




const importBody = (frameworkId, content) =>
  JSON.stringify({ query: 'mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version behaviourCount reworded } }', variables: { input: { frameworkId, format: 'AUTO', content, publish: false } } });

const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return [sorted.length, fmt(percentile(sorted, 50), 1), fmt(percentile(sorted, 99), 1), fmt(sorted.at(-1), 1)];
};

const product = await startProduct();
const rows = [];
try {
  const query = postTo(`${product.url}/graphql`);
  const importer = postTo(`${product.url}/graphql`);
  for (let i = 0; i < 200; i += 1) await query(whoIsL5); // warm up
  const idle = [];
  for (let i = 0; i < queryRuns; i += 1) {
    const t = performance.now();
    await query(whoIsL5);
    idle.push(performance.now() - t);
  }
  rows.push(['no import running', '–', ...summary(idle)]);

  for (const [format, make] of [['Markdown', markdownFramework], ['YAML', yamlFramework]]) {
    const frameworkId = `bench-${format.toLowerCase()}`;
    for (const [edition, content] of [[1, make(1)], [2, make(2)]]) {
    const second = content;
    const during = [];
    let importing = true;
    const t0 = performance.now();
    const done = importer(importBody(frameworkId, second), owner).then((r) => {
      importing = false;
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data.importFramework;
    });
    while (importing) {
      const t = performance.now();
      await query(whoIsL5);
      during.push(performance.now() - t);
    }
    const result = await done;
    const importMs = performance.now() - t0;
    rows.push([`while ${format} edition ${edition} of ${fmt(result.behaviourCount)} behaviours (${fmt(result.reworded)} reworded) imports`, `${fmt(importMs)} ms, ${fmt(second.length)} characters`, ...summary(during)]);
    }
  }
} finally {
  await product.stop();
}

const markdown = [
  `${machine()}`,
  '',
  'The "who is L5 on Mastery in Go" query (ms), sent one after another over one connection, with no import running and while',
  'a 5,000-behaviour framework (the limit) is imported over another connection: a first edition, then a second one rewording',
  'every tenth behaviour.',
  '',
  table(['while', 'import took', 'queries', 'p50', 'p99', 'max'], rows),
].join('\n');
console.log(markdown);
writeSection('framework-import', markdown);
