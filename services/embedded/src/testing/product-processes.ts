import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The product as separate node processes from its built mains, for tests that kill or restart them.

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** A built main under services/embedded/dist, e.g. 'main.js', 'command-services-main.js', 'service-mains/relay-main.js'. */
export const builtMain = (file: string) => join(repoRoot, 'services', 'embedded', 'dist', file);

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Builds services/embedded (and what it depends on) with tsc -b, as the containers' images do. */
export function buildProductMains(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const tsc = spawn(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(repoRoot, 'services', 'embedded', 'tsconfig.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    tsc.stdout.on('data', (c: Buffer) => out.push(c.toString()));
    tsc.stderr.on('data', (c: Buffer) => out.push(c.toString()));
    tsc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the build failed:\n${out.join('')}`))));
  });
}

export interface ProductProcess {
  name: string;
  child: ChildProcess;
  /** The last few hundred chunks of its stdout and stderr. */
  output: string[];
  /** Resolves when the process has exited (at once when it already has). */
  exited(): Promise<void>;
}

/** Starts a built main with exactly the given environment (and PATH), keeping the tail of its output. */
export function startProductProcess(name: string, main: string, env: Record<string, string>): ProductProcess {
  const child = spawn(process.execPath, [main], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, child, output, exited: () => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : exit) };
}

/** Stops a process with the signal (SIGTERM by default) and waits until it has exited. */
export async function stopProductProcess(p: ProductProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  await p.exited();
}
