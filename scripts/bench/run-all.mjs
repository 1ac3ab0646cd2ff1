// npm run bench: every benchmark in turn; each writes its section of docs/benchmarks.md.
const benchmarks = ['./append-throughput.mjs', './graph-projection-and-query.mjs', './relay-throughput-and-latency.mjs', './gateway-latency.mjs'];
for (const file of benchmarks) {
  console.log(`\n▶ ${file}`);
  await import(file);
}
