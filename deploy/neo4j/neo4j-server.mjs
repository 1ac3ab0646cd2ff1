#!/usr/bin/env node
// Start a real embedded Neo4j Community 5.26 (LTS) server with Bolt, without Docker.
//
//   import { startNeo4j } from '../../deploy/neo4j/neo4j-server.mjs';
//   const neo = await startNeo4j();          // free port, temp data dir
//   // neo.uri = 'bolt://127.0.0.1:PORT', auth disabled (any credentials work)
//   await neo.stop();
//
// CLI:  node deploy/neo4j/neo4j-server.mjs [--port 7687] [--data-dir path] [--verbose]
//       node deploy/neo4j/neo4j-server.mjs --prepare      (fetch + compile only, for CI warm-up)
//
// The Java runtime (Maven dependencies + compiled Neo4jTestServer) is prepared once and cached in
// <repo>/.deploy-cache/neo4j/runtime-<hash>/, keyed by a hash of pom.xml and the Java sources.
// See README.md next to this file.

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '..', '..');
const CACHE_DIR = join(REPO_ROOT, '.deploy-cache', 'neo4j');
const POM = join(HERE, 'pom.xml');
const JAVA_SRC_DIR = join(HERE, 'src', 'main', 'java');
const MAIN_CLASS = 'skillsgraph.deploy.neo4j.Neo4jTestServer';
const READY_RE = /^NEO4J_READY (bolt:\/\/\S+)\s*$/;
const VERSION_RE = /^neo4j (\S+) started in (\d+) ms/;

const LOCK_STALE_MS = 30 * 60 * 1000; // a prepare never legitimately takes this long
const LOCK_WAIT_MS = 30 * 60 * 1000;
const DEFAULT_START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// helpers

function javaBin(name) {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', name) : name;
}

function listJavaSources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJavaSources(p));
    else if (entry.name.endsWith('.java')) out.push(p);
  }
  return out.sort();
}

/** Hash of everything that determines the prepared runtime. */
function runtimeHash() {
  const h = createHash('sha256');
  h.update('v1\0');
  h.update(readFileSync(POM));
  for (const src of listJavaSources(JAVA_SRC_DIR)) {
    h.update(`\0${relative(HERE, src)}\0`);
    h.update(readFileSync(src));
  }
  return h.digest('hex');
}

function run(cmd, args, { cwd = REPO_ROOT, onOutput } = {}) {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    let child;
    try {
      child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      reject(err);
      return;
    }
    const collect = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (output.length > 200_000) output = output.slice(-100_000);
      onOutput?.(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => {
      reject(
        new Error(
          err.code === 'ENOENT'
            ? `'${cmd}' not found on PATH (needed to prepare Neo4j; install it or set JAVA_HOME)`
            : `${cmd} failed to start: ${err.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise(output);
      else {
        const tail = output.trim().split('\n').slice(-40).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${tail}`));
      }
    });
  });
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Cross-process lock: mkdir is atomic. Stale locks (dead owner or very old) are broken. */
async function withLock(lockDir, fn, note) {
  await mkdir(dirname(lockDir), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(
        join(lockDir, 'owner.json'),
        JSON.stringify({ pid: process.pid, since: new Date().toISOString() }),
      );
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let stale = false;
      try {
        const owner = JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8'));
        stale = !pidAlive(owner.pid);
      } catch {
        // owner.json not written yet (or unreadable): judge by age only
      }
      try {
        const st = await stat(lockDir);
        if (Date.now() - st.mtimeMs > LOCK_STALE_MS) stale = true;
        // an owner that died between mkdir and writing owner.json
        if (!existsSync(join(lockDir, 'owner.json')) && Date.now() - st.mtimeMs > 10_000) stale = true;
      } catch {
        continue; // lock vanished: retry at once
      }
      if (stale) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockDir}`);
      if (!announced) {
        note?.(`waiting for another process preparing Neo4j (lock ${lockDir})`);
        announced = true;
      }
      await sleep(500 + Math.random() * 500);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

function makeLogSink(log, runDir) {
  if (typeof log === 'function') {
    let partial = '';
    return {
      file: undefined,
      write(text) {
        partial += text;
        const lines = partial.split('\n');
        partial = lines.pop();
        for (const line of lines) log(line);
      },
      close() {
        if (partial) log(partial);
        partial = '';
        return Promise.resolve();
      },
    };
  }
  if (log && typeof log.write === 'function') {
    return { file: undefined, write: (text) => log.write(text), close: () => Promise.resolve() };
  }
  const file = typeof log === 'string' ? resolve(log) : join(runDir, 'neo4j.log');
  const stream = createWriteStream(file, { flags: 'a' });
  stream.on('error', () => {}); // logging must never crash the caller
  return {
    file,
    write: (text) => stream.write(text),
    close: () => new Promise((r) => stream.end(r)),
  };
}

/** Resolves when nobody listens on 127.0.0.1:port; rejects with a clear message (portInUse) when a process does. */
export function assertPortFree(port) {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', (err) => {
      const e = new Error(
        err.code === 'EADDRINUSE'
          ? `Bolt port ${port} on 127.0.0.1 is already in use by another process (another Neo4j?): refusing to start. Stop it or choose another --port.`
          : `Bolt port ${port} cannot be bound: ${err.message}`,
      );
      e.portInUse = err.code === 'EADDRINUSE';
      reject(e);
    });
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolvePromise()));
  });
}

async function freePort() {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePromise(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// prepare

/**
 * Fetch Neo4j's jars with Maven and compile Neo4jTestServer, once per pom/source hash.
 * Safe to call concurrently from several processes. Returns { dir, classpath, hash, prepared }.
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function prepareNeo4j({ log } = {}) {
  const hash = runtimeHash();
  const dir = join(CACHE_DIR, `runtime-${hash.slice(0, 16)}`);
  const marker = join(dir, 'PREPARED');
  const result = (prepared) => ({
    dir,
    hash,
    prepared,
    classpath: [join(dir, 'classes'), join(dir, 'lib', '*')].join(':'),
  });
  const isReady = () => existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash;
  if (isReady()) return result(false);

  return withLock(
    join(CACHE_DIR, '.prepare.lock'),
    async () => {
      if (isReady()) return result(false); // someone else finished while we waited
      const t0 = Date.now();
      const staging = join(CACHE_DIR, `.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging, { recursive: true });
      try {
        const pomHash = createHash('sha256').update(readFileSync(POM)).digest('hex');
        // Only the Java source changed? Reuse the jars of a previous runtime built from the same pom.
        const reusable = (await readdir(CACHE_DIR)).find((name) => {
          const f = join(CACHE_DIR, name, 'POM_SHA256');
          return name.startsWith('runtime-') && existsSync(f) && readFileSync(f, 'utf8').trim() === pomHash;
        });
        if (reusable) {
          log?.(`preparing Neo4j runtime in ${relative(REPO_ROOT, dir)} (jars from ${reusable}, javac)...`);
          await cp(join(CACHE_DIR, reusable, 'lib'), join(staging, 'lib'), { recursive: true });
        } else {
          log?.(`preparing Neo4j runtime in ${relative(REPO_ROOT, dir)} (maven fetch + javac)...`);
          const extraMvnArgs = (process.env.NEO4J_MVN_ARGS ?? '').split(/\s+/).filter(Boolean);
          await run(process.env.MVN ?? 'mvn', [
            '-B',
            '-q',
            ...extraMvnArgs,
            '-f',
            POM,
            'dependency:copy-dependencies',
            `-DoutputDirectory=${join(staging, 'lib')}`,
            '-DincludeScope=runtime',
          ]);
        }
        await writeFile(join(staging, 'POM_SHA256'), `${pomHash}\n`);
        const t1 = Date.now();
        await run(javaBin('javac'), [
          '--release',
          '17',
          '-encoding',
          'UTF-8',
          '-nowarn',
          '-d',
          join(staging, 'classes'),
          '-cp',
          join(staging, 'lib', '*'),
          ...listJavaSources(JAVA_SRC_DIR),
        ]);
        const t2 = Date.now();
        await writeFile(join(staging, 'PREPARED'), `${hash}\n`);
        await rm(dir, { recursive: true, force: true });
        await rename(staging, dir);
        log?.(`prepared Neo4j runtime: ${reusable ? 'copy jars' : 'maven'} ${t1 - t0} ms, javac ${t2 - t1} ms`);
      } catch (err) {
        await rm(staging, { recursive: true, force: true });
        throw err;
      }
      // Drop runtimes for older pom/source versions and leftovers of crashed prepares.
      for (const name of await readdir(CACHE_DIR)) {
        const stale =
          (name.startsWith('runtime-') && name !== basename(dir)) ||
          (name.startsWith('.staging-') && !pidAlive(Number(name.split('-')[1])));
        if (stale) await rm(join(CACHE_DIR, name), { recursive: true, force: true });
      }
      return result(true);
    },
    log,
  );
}

// ---------------------------------------------------------------------------------------------
// start / stop

/**
 * Start an embedded Neo4j Community server with Bolt on 127.0.0.1.
 *
 * @param {object} [options]
 * @param {number} [options.port]      Bolt port; default: a free loopback port.
 * @param {string} [options.dataDir]   Persistent Neo4j home (data + logs); default: a fresh temp dir
 *                                     that stop() removes. A given dataDir is never removed.
 * @param {((line: string) => void) | NodeJS.WritableStream | string} [options.log]
 *                                     Where server output goes: a per-line callback, a stream, or a
 *                                     file path; default: neo4j.log in the temp run dir.
 * @param {number} [options.timeoutMs] Start timeout (default 120000).
 * @param {string} [options.heap]      JVM max heap (default '512m').
 * @param {string} [options.pageCache] Neo4j page cache (default '128m').
 * @param {'serial' | 'parallel'} [options.gc] 'serial' (default): the smallest footprint, for tests and
 *                                     exploring. 'parallel': ParallelGC with the whole heap committed
 *                                     up front, for sustained write load (benchmarks: ~15% more
 *                                     projection throughput on 2 cores).
 * @returns {Promise<{ uri: string, username: string, password: string, auth: 'none', port: number,
 *   dataDir: string, logFile: string | undefined, version: string | undefined, pid: number,
 *   stop: () => Promise<void> }>}
 */
export async function startNeo4j({
  port,
  dataDir,
  log,
  timeoutMs = DEFAULT_START_TIMEOUT_MS,
  heap = '512m',
  pageCache = '128m',
  gc = 'serial',
} = {}) {
  if (gc !== 'serial' && gc !== 'parallel') throw new Error(`startNeo4j: gc must be 'serial' or 'parallel', not ${JSON.stringify(gc)}`);
  const prepareLog = typeof log === 'function' ? log : undefined;
  const runtime = await prepareNeo4j({ log: prepareLog });
  const autoPort = port === undefined || port === null || Number(port) === 0;
  const attempts = autoPort ? 3 : 1;
  let lastError;
  for (let i = 0; i < attempts; i++) {
    try {
      return await startOnce({
        runtime,
        port: autoPort ? await freePort() : Number(port),
        dataDir,
        log,
        timeoutMs,
        heap,
        pageCache,
        gc,
      });
    } catch (err) {
      lastError = err;
      // Only retry the tiny race where our freshly picked port got taken before Neo4j bound it.
      if (!autoPort || !err.portInUse) throw err;
    }
  }
  throw lastError;
}

const RUN_DIR_PREFIX = 'neo4j-test-';

/** Remove temp run dirs left behind by parents that were killed (kill -9) before they could clean up. */
async function sweepOrphanRunDirs() {
  let names;
  try {
    names = await readdir(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    try {
      const owners = JSON.parse(await readFile(join(dir, 'owners.json'), 'utf8'));
      if (!pidAlive(owners.node) && !pidAlive(owners.java)) {
        await rm(dir, { recursive: true, force: true });
      }
    } catch {
      // no owners.json (yet): not ours to judge
    }
  }
}

async function startOnce({ runtime, port, dataDir, log, timeoutMs, heap, pageCache, gc }) {
  await assertPortFree(port);
  await sweepOrphanRunDirs();
  const runDir = await mkdtemp(join(tmpdir(), RUN_DIR_PREFIX));
  const home = dataDir ? resolve(dataDir) : join(runDir, 'data');
  const sink = makeLogSink(log, runDir);
  const tail = [];
  let partialLine = '';
  const remember = (text) => {
    partialLine += text;
    const lines = partialLine.split('\n');
    partialLine = lines.pop();
    for (const line of lines) {
      tail.push(line);
      if (tail.length > 60) tail.shift();
    }
  };

  const args = [
    `-Xmx${heap}`,
    ...(gc === 'parallel' ? [`-Xms${heap}`, '-XX:+UseParallelGC'] : ['-Xms128m', '-XX:+UseSerialGC']),
    '-XX:+ExitOnOutOfMemoryError',
    '-Xss2m',
    // Extra JVM flags for experiments (space-separated), e.g. NEO4J_JVM_ARGS='-XX:+PrintCompilation'.
    ...(process.env.NEO4J_JVM_ARGS ?? '').split(' ').filter(Boolean),
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.util=ALL-UNNAMED',
    '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    `-Dneo4j.pagecache=${pageCache}`,
    '-cp',
    runtime.classpath,
    MAIN_CLASS,
    '--data-dir',
    home,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
  ];

  const child = spawn(javaBin('java'), args, {
    cwd: runDir,
    // stdin stays an open pipe: when this process dies, the JVM sees EOF and shuts down.
    stdio: ['pipe', 'pipe', 'pipe'],
    // own process group: a terminal Ctrl-C reaches only node, which then stops Neo4j in order.
    detached: true,
  });
  child.stdin.on('error', () => {});
  let exited = child.exitCode !== null;
  let spawnError;
  const exitPromise = new Promise((r) => {
    child.once('exit', (code, signal) => {
      exited = true;
      r({ code, signal });
    });
    // e.g. ENOENT: java not found. There may be no 'exit' event then.
    child.once('error', (err) => {
      spawnError = err;
      if (child.pid === undefined) {
        exited = true;
        r({ code: null, signal: null });
      }
    });
  });

  // Last-resort cleanup if this process exits without calling stop().
  const onProcessExit = () => {
    if (!exited) {
      try {
        // Temp data: kill hard and delete. Caller's dataDir: just let stdin EOF shut it down cleanly.
        if (!dataDir) process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (!dataDir) rmSync(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  };
  process.once('exit', onProcessExit);

  let version;
  const ready = new Promise((resolvePromise, reject) => {
    let stdoutPartial = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      sink.write(text);
      remember(text);
    };
    child.stdout.on('data', (chunk) => {
      onData(chunk);
      stdoutPartial += chunk.toString();
      const lines = stdoutPartial.split('\n');
      stdoutPartial = lines.pop();
      for (const line of lines) {
        const m = READY_RE.exec(line);
        if (m) resolvePromise(m[1]);
      }
    });
    child.stderr.on('data', (chunk) => {
      onData(chunk);
      for (const line of chunk.toString().split('\n')) {
        const v = VERSION_RE.exec(line);
        if (v) version = v[1];
      }
    });
    exitPromise.then(({ code, signal }) => {
      if (spawnError) {
        reject(
          spawnError.code === 'ENOENT'
            ? new Error(`'${javaBin('java')}' not found: install a Java 17+ JDK or set JAVA_HOME`)
            : spawnError,
        );
        return;
      }
      const err = new Error(
        `Neo4j exited during startup (${code ?? signal}). Last output:\n${[...tail, partialLine]
          .filter(Boolean)
          .join('\n')}`,
      );
      err.portInUse = /BindException|Address already in use|PortBindException/i.test(tail.join('\n'));
      reject(err);
    });
  });

  // Lets a later start sweep this run dir if we get killed with -9 (see sweepOrphanRunDirs).
  if (child.pid) {
    writeFileSync(join(runDir, 'owners.json'), JSON.stringify({ node: process.pid, java: child.pid }));
  }

  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `Neo4j did not become ready within ${timeoutMs} ms. Last output:\n${tail.join('\n')}`,
          ),
        ),
      timeoutMs,
    );
  });

  let stopPromise;
  const stop = () => {
    stopPromise ??= (async () => {
      if (!exited) {
        try {
          child.kill('SIGTERM');
        } catch {
          // already gone
        }
        let graceTimer;
        const graceful = await Promise.race([
          exitPromise.then(() => true),
          new Promise((r) => {
            graceTimer = setTimeout(() => r(false), STOP_GRACE_MS);
          }),
        ]);
        clearTimeout(graceTimer);
        if (!graceful) {
          try {
            child.kill('SIGKILL');
          } catch {
            // already gone
          }
          await exitPromise;
        }
      }
      process.removeListener('exit', onProcessExit);
      await sink.close();
      await rm(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    })();
    return stopPromise;
  };

  let uri;
  try {
    uri = await Promise.race([ready, timeout]);
  } catch (err) {
    clearTimeout(timer);
    await stop();
    throw err;
  }
  clearTimeout(timer);
  // Ready is our own child's NEO4J_READY line (it bound the port itself: a taken port makes it exit);
  // it must still be alive when we say so.
  if (exited) {
    await stop();
    throw new Error(`Neo4j exited right after reporting ready: not ready. Last output:\n${tail.join('\n')}`);
  }

  // Do not keep the caller's event loop alive just because Neo4j runs: if the caller forgets stop(),
  // it still exits, its 'exit' handler / the stdin EOF then takes Neo4j down.
  child.unref();
  child.stdin.unref?.();
  child.stdout.unref?.();
  child.stderr.unref?.();

  return {
    uri,
    username: 'neo4j',
    password: 'neo4j',
    auth: 'none',
    port,
    dataDir: home,
    logFile: sink.file,
    version,
    pid: child.pid,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

function parseCliArgs(argv) {
  const opts = { port: 7687, dataDir: undefined, prepare: false, verbose: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    if (a === '--port') opts.port = Number(value());
    else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
    else if (a === '--data-dir') opts.dataDir = value();
    else if (a.startsWith('--data-dir=')) opts.dataDir = a.slice(11);
    else if (a === '--prepare') opts.prepare = true;
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error('--port must be an integer 0..65535 (0 = pick a free port)');
  }
  return opts;
}

async function cli() {
  let opts;
  try {
    opts = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${err.message}\nTry --help.`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(`usage: node deploy/neo4j/neo4j-server.mjs [--port 7687] [--data-dir path] [--verbose]
       node deploy/neo4j/neo4j-server.mjs --prepare

  --port N       Bolt port on 127.0.0.1 (default 7687; 0 = any free port)
  --data-dir D   keep the database in D (default: a temp dir deleted on exit)
  --verbose      print Neo4j's output here instead of to a log file
  --prepare      only fetch the Maven dependencies and compile (CI warm-up), then exit`);
    return;
  }
  const say = (line) => console.error(`[neo4j] ${line}`);
  if (opts.prepare) {
    const t0 = Date.now();
    const rt = await prepareNeo4j({ log: say });
    say(
      `${rt.prepared ? 'prepared' : 'already prepared'}: ${relative(process.cwd(), rt.dir) || rt.dir} (${Date.now() - t0} ms)`,
    );
    return;
  }

  const t0 = Date.now();
  await prepareNeo4j({ log: say });
  const t1 = Date.now();
  const neo = await startNeo4j({
    port: opts.port,
    dataDir: opts.dataDir,
    log: opts.verbose ? (line) => console.error(line) : undefined,
  });
  const keepAlive = setInterval(() => {}, 1 << 30);
  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping Neo4j...`);
    await neo.stop();
    clearInterval(keepAlive);
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));

  console.log(`Neo4j ${neo.version ?? ''} Community (embedded) is ready.

  Bolt URI : ${neo.uri}
  Auth     : disabled - any username/password (or none) is accepted
  Data dir : ${neo.dataDir}${opts.dataDir ? '' : '  (temporary, deleted on stop)'}
  Log      : ${neo.logFile ?? 'this terminal'}    (Neo4j's own logs: ${join(neo.dataDir, 'logs')})
  Startup  : ${Date.now() - t1} ms (+ ${t1 - t0} ms prepare check)

Connect:
  node:   const d = neo4j.driver('${neo.uri}', neo4j.auth.basic('neo4j', 'neo4j'));
  shell:  cypher-shell -a ${neo.uri}          (if you have cypher-shell)
  GUI:    Neo4j Desktop / Browser -> connect to ${neo.uri}, authentication "No authentication"

Press Ctrl-C to stop.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((err) => {
    console.error(`[neo4j] ${err.stack ?? err}`);
    process.exit(1);
  });
}
