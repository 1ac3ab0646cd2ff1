// The product as the benchmarks run it: its own process, started as `npm start` starts it (from
// services/embedded/dist), so the client's work never shares an event loop with the server's; and a lean
// HTTP client to talk to it.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the embedded product on a free port and a temporary data folder; resolves once /ready answers. */
export async function startProduct(env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['services/embedded/dist/main.js'], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let started = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`the product exited with code ${child.exitCode}`);
    if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) break;
    if (Date.now() - started > 180_000) throw new Error('the product did not become ready in 180 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
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
