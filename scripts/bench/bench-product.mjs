// The product as the benchmarks run it: its own process, started as `npm start` starts it (from
// services/embedded/dist), so the client's work never shares an event loop with the server's; and a lean
// HTTP client to talk to it.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const probePath = fileURLToPath(new URL('process-probe.mjs', import.meta.url));

/**
 * Starts the embedded product on a free port and a temporary data folder; resolves once /ready answers.
 * With `{ probe: true }` the process also answers `memory()` (process.memoryUsage() after a full GC) and
 * `profile(run)` (a V8 CPU profile of the product while `run` runs) through scripts/bench/process-probe.mjs.
 */
export async function startProduct(env = {}, { probe = false } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-bench-'));
  const port = await freePort();
  const execArgv = probe ? ['--expose-gc', '--import', probePath] : [];
  const child = spawn(process.execPath, [...execArgv, 'services/embedded/dist/main.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', ...(probe ? ['ipc'] : [])],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let started = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`the product exited with code ${child.exitCode}`);
    if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) break;
    if (Date.now() - started > 900_000) {
      // Not left behind: a product still seeding in the background would skew every later measurement.
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error('the product did not become ready in 900 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const ask = (message, key) =>
    new Promise((resolve, reject) => {
      const onMessage = (reply) => {
        if (reply && (key in reply || 'error' in reply)) {
          child.off('message', onMessage);
          if ('error' in reply) reject(new Error(reply.error));
          else resolve(reply[key]);
        }
      };
      child.on('message', onMessage);
      child.send(message);
    });
  return {
    url,
    pid: child.pid,
    /** process.memoryUsage() of the product after a full GC (needs `{ probe: true }`). */
    memory: () => ask('memory', 'memory'),
    /** The product's CPU profile (a .cpuprofile object) while `run` runs (needs `{ probe: true }`). */
    async profile(run) {
      await ask('profile-start', 'profiling');
      await run();
      return JSON.parse(await ask('profile-stop', 'profile'));
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A lean HTTP client: node:http over one kept-alive connection, as a service calling the API would. (fetch
 * costs this process about a millisecond more per request, which is the client's time, not the server's.)
 */
export function postTo(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return (body, headers = {}) =>
    new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
      });
      req.on('error', reject);
      req.end(body);
    });
}
