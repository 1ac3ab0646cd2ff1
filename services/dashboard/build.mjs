// Builds the directors' dashboard to services/dashboard/dist with Vite's JS API.
//   node services/dashboard/build.mjs             build (what `npm run build` does)
//   node services/dashboard/build.mjs --if-stale  build only when the sources changed since the last build
// dist/.source-hash holds a hash of the sources and of the versions of the packages bundled, so tests and
// benchmarks on a fresh clone (or after an edit) build it once, and otherwise not at all.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';

const root = import.meta.dirname;
const dist = join(root, 'dist');
const stampFile = join(dist, '.source-hash');
const bundled = ['react', 'react-dom', 'echarts', 'zrender', 'vite', '@vitejs/plugin-react'];

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (!/\.spec\.tsx?$/.test(name)) yield path;
  }
}

/** A hash of everything the bundle is made of: the app's sources, its configuration and the bundled packages' versions. */
export function sourceHash() {
  const hash = createHash('sha256');
  for (const path of [join(root, 'index.html'), join(root, 'vite.config.mjs'), ...files(join(root, 'src'))]) {
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  for (const name of bundled) {
    const manifest = join(root, '..', '..', 'node_modules', name, 'package.json');
    hash.update(`${name}@${existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : 'missing'}\0`);
  }
  return hash.digest('hex');
}

export function isStale() {
  return !existsSync(join(dist, 'index.html')) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8').trim() !== sourceHash();
}

/** Brotli and gzip copies of the hashed assets, made once here so the gateway sends them compressed at no cost per request. */
function precompress() {
  for (const path of files(join(dist, 'assets'))) {
    if (!/\.(js|css|svg|json)$/.test(path)) continue;
    const content = readFileSync(path);
    writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  }
}

export async function buildDashboard() {
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.mjs'), root, logLevel: 'warn' });
  precompress();
  writeFileSync(stampFile, `${sourceHash()}\n`);
  return Date.now() - started;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  if (process.argv.includes('--if-stale') && !isStale()) {
    console.log('dashboard: dist is up to date');
  } else {
    const ms = await buildDashboard();
    console.log(`dashboard: built ${relative(process.cwd(), dist) || dist} in ${(ms / 1000).toFixed(1)} s`);
  }
}
