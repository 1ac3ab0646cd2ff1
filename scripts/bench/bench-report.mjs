// Shared by the benchmarks: machine description, table formatting and writing a section of docs/benchmarks.md.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export const benchmarksFile = new URL('../../docs/benchmarks.md', import.meta.url);

export function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export function table(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * BENCH_QUICK=1 (`npm run bench:quick`, which CI runs so the benchmark code cannot rot): every benchmark with small
 * sizes and short runs, its report printed and nothing written to docs/ (no timing is asserted).
 */
export const quick = process.env.BENCH_QUICK === '1';

/** A number setting: the environment's value, else the full run's default or, quick, the small one. */
export const setting = (name, full, small) => Number(process.env[name] ?? (quick ? small : full));

/**
 * Replaces the text between <!-- bench:NAME:start --> and <!-- bench:NAME:end --> (appends the section when absent).
 * The quick profile prints the section instead.
 */
export function writeSection(name, markdown) {
  if (quick) {
    console.log(`(quick profile: the ${name} section is printed, not written to docs/benchmarks.md)\n${markdown}`);
    return;
  }
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const body = `${start}\n${markdown}\n${end}`;
  const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  writeFileSync(benchmarksFile, pattern.test(current) ? current.replace(pattern, body) : `${current.trimEnd()}\n\n${body}\n`);
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** p50 and p99 of `runs` sequential calls of `run`, after `warmUps` uncounted ones. */
export async function latencyPercentiles(run, { runs, warmUps = 50 }) {
  for (let i = 0; i < warmUps; i += 1) await run();
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

export const fmt = (n, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
