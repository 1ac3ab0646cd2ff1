// npm run bench: every benchmark in turn, each in its own Node process (the graph benchmark holds the
// reference set of about a million events in memory, hence the larger heap); each writes its section of
// docs/benchmarks.md. The dashboard's needs Debian's Chromium at /usr/bin/chromium.
// BENCH_QUICK=1 (`npm run bench:quick`): every benchmark with small sizes and short runs, printing its report and
// writing nothing to docs/ (CI runs it so the benchmark code cannot rot; no timing is asserted).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benchmarks = ['append-throughput.mjs', 'graph-projection-and-query.mjs', 'directors-queries.mjs', 'relay-throughput-and-latency.mjs', 'follower-startup.mjs', 'gateway-latency.mjs', 'http-load.mjs', 'growth.mjs', 'framework-import-latency.mjs', 'dashboard-first-load.mjs'];
for (const file of benchmarks) {
  console.log(`\n▶ ${file}`);
  const { status } = spawnSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(new URL(file, import.meta.url))], { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`${file} failed (exit code ${status})`);
    process.exit(status ?? 1);
  }
}
