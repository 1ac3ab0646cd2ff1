#!/usr/bin/env node
// A real single-node Apache Kafka broker (KRaft, combined broker+controller) without Docker.
//
//   import { startKafka } from '../../deploy/kafka/kafka-server.mjs';
//   const kafka = await startKafka();            // { brokers: ['127.0.0.1:<port>'], stop, ... }
//   ...
//   await kafka.stop();
//
// CLI:  node deploy/kafka/kafka-server.mjs [--port 9092] [--controller-port 9093] [--log-dir DIR]
//       node deploy/kafka/kafka-server.mjs --prepare      (only fetch jars / compile the launcher)
//
// The jars come from Maven Central via deploy/kafka/pom.xml and are cached under
// <repo>/.deploy-cache/kafka (keyed by a hash of pom.xml + KafkaLauncher.java).
// See README.md beside this file.

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..');
const POM = path.join(HERE, 'pom.xml');
const LAUNCHER_SRC = path.join(HERE, 'KafkaLauncher.java');
const CACHE_DIR = process.env.KAFKA_DEPLOY_CACHE_DIR
  ? path.resolve(process.env.KAFKA_DEPLOY_CACHE_DIR)
  : path.join(REPO_ROOT, '.deploy-cache', 'kafka');
const LIB_DIR = path.join(CACHE_DIR, 'lib');
const CLASSES_DIR = path.join(CACHE_DIR, 'classes');
const MARKER = path.join(CACHE_DIR, 'prepared.json');
const LOCK_DIR = path.join(CACHE_DIR, '.lock');
// Bump when the layout of the cache changes.
const CACHE_FORMAT = 1;

const JAVA = process.env.KAFKA_JAVA || (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
const JAVAC = process.env.KAFKA_JAVAC || (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'javac') : 'javac');
const MVN = process.env.KAFKA_MVN || 'mvn';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function makeLogger(log) {
  if (typeof log === 'function') return log;
  if (log === true) return (msg) => console.error(`[kafka] ${msg}`);
  return () => {};
}

// ---------------------------------------------------------------------------------------------
// child process helper
// ---------------------------------------------------------------------------------------------

function run(cmd, args, { cwd = REPO_ROOT, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    let out = '';
    let child;
    try {
      child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      reject(err);
      return;
    }
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => reject(new Error(`cannot run ${cmd}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(out);
      else {
        const e = new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail(out, 60)}`);
        e.output = out;
        reject(e);
      }
    });
  });
}

function tail(text, lines) {
  return String(text).split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// prepare: fetch jars with Maven + compile the launcher, once per pom/launcher hash
// ---------------------------------------------------------------------------------------------

function sourceHash() {
  const h = crypto.createHash('sha256');
  h.update(`cache-format:${CACHE_FORMAT}\n`);
  h.update(fs.readFileSync(POM));
  h.update('\0');
  h.update(fs.readFileSync(LAUNCHER_SRC));
  return h.digest('hex');
}

function isPrepared(hash) {
  try {
    const m = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
    return (
      m.hash === hash &&
      fs.existsSync(path.join(CLASSES_DIR, 'KafkaLauncher.class')) &&
      fs.readdirSync(LIB_DIR).some((f) => /^kafka_2\.13-.*\.jar$/.test(f))
    );
  } catch {
    return false;
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function acquireLock({ timeoutMs = 15 * 60_000, say }) {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      await fsp.mkdir(LOCK_DIR);
      await fsp.writeFile(
        path.join(LOCK_DIR, 'owner.json'),
        JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
      );
      return async () => {
        await fsp.rm(LOCK_DIR, { recursive: true, force: true });
      };
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    // Somebody else holds it. Break it if its owner is dead (same host) or it is very old.
    try {
      const st = await fsp.stat(LOCK_DIR);
      let stale = Date.now() - st.mtimeMs > 20 * 60_000;
      try {
        const owner = JSON.parse(await fsp.readFile(path.join(LOCK_DIR, 'owner.json'), 'utf8'));
        if (owner.host === os.hostname() && !pidAlive(owner.pid)) stale = true;
      } catch {
        // owner.json not written yet (lock just taken) or unreadable: only the age rule applies,
        // with a grace period so we do not steal a lock that is being set up right now.
        if (Date.now() - st.mtimeMs > 60_000) stale = true;
      }
      if (stale) {
        say('removing stale prepare lock');
        await fsp.rm(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
    } catch {
      continue; // lock vanished between mkdir and stat: retry at once
    }
    if (!announced) {
      say('another process is preparing the Kafka jars; waiting for it');
      announced = true;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${LOCK_DIR}`);
    await sleep(300 + Math.random() * 400);
  }
}

/**
 * Makes sure the broker classpath exists in <repo>/.deploy-cache/kafka. Safe to call from many
 * processes at once. Returns { libDir, classesDir, version, prepared: boolean (true = did work) }.
 */
export async function prepareKafka({ log } = {}) {
  const say = makeLogger(log);
  const hash = sourceHash();
  if (isPrepared(hash)) return { libDir: LIB_DIR, classesDir: CLASSES_DIR, version: kafkaVersion(), prepared: false };

  await fsp.mkdir(CACHE_DIR, { recursive: true });
  const release = await acquireLock({ say });
  try {
    if (isPrepared(hash)) return { libDir: LIB_DIR, classesDir: CLASSES_DIR, version: kafkaVersion(), prepared: false };
    const t0 = Date.now();
    const suffix = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    const libTmp = path.join(CACHE_DIR, `lib.tmp-${suffix}`);
    const classesTmp = path.join(CACHE_DIR, `classes.tmp-${suffix}`);
    try {
      say('fetching the Kafka jars with Maven (first run only; ~10-60 s)');
      await run(MVN, [
        '-q',
        '-B',
        '-Dstyle.color=never',
        '-f',
        POM,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${libTmp}`,
        '-DincludeScope=runtime',
      ]);
      say('compiling KafkaLauncher.java');
      await fsp.mkdir(classesTmp, { recursive: true });
      await run(JAVAC, ['--release', '17', '-d', classesTmp, LAUNCHER_SRC]);
      await fsp.rm(MARKER, { force: true });
      await fsp.rm(LIB_DIR, { recursive: true, force: true });
      await fsp.rm(CLASSES_DIR, { recursive: true, force: true });
      await fsp.rename(libTmp, LIB_DIR);
      await fsp.rename(classesTmp, CLASSES_DIR);
      const version = kafkaVersion();
      const markerTmp = `${MARKER}.tmp-${suffix}`;
      await fsp.writeFile(markerTmp, JSON.stringify({ hash, version, preparedAt: new Date().toISOString() }, null, 2));
      await fsp.rename(markerTmp, MARKER);
      say(`Kafka ${version} jars ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return { libDir: LIB_DIR, classesDir: CLASSES_DIR, version, prepared: true };
    } finally {
      await fsp.rm(libTmp, { recursive: true, force: true });
      await fsp.rm(classesTmp, { recursive: true, force: true });
    }
  } finally {
    await release();
  }
}

function kafkaVersion() {
  try {
    const jar = fs.readdirSync(LIB_DIR).find((f) => /^kafka_2\.13-.*\.jar$/.test(f));
    return jar ? jar.replace(/^kafka_2\.13-/, '').replace(/\.jar$/, '') : 'unknown';
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// ports, config files
// ---------------------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when nobody listens on 127.0.0.1:port; rejects with a clear message (code EPORTTAKEN) when a process does. */
export function assertPortFree(port, what = 'port') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', (err) => {
      const e = new Error(
        err.code === 'EADDRINUSE'
          ? `${what} ${port} on 127.0.0.1 is already in use by another process (another Kafka?): refusing to start. Stop it or choose another --port.`
          : `${what} ${port} cannot be bound: ${err.message}`,
      );
      e.code = err.code === 'EADDRINUSE' ? 'EPORTTAKEN' : err.code;
      reject(e);
    });
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}

async function pickPorts(port, controllerPort) {
  const used = new Set();
  const pick = async () => {
    for (;;) {
      const p = await freePort();
      if (!used.has(p)) return p;
    }
  };
  const p = port ? Number(port) : await pick();
  used.add(p);
  const c = controllerPort ? Number(controllerPort) : await pick();
  if (p === c) throw new Error(`port and controllerPort must differ (both ${p})`);
  await assertPortFree(p, 'Kafka port');
  await assertPortFree(c, 'Kafka controller port');
  return { port: p, controllerPort: c };
}

function serverProperties({ port, controllerPort, dataDir, extra = {} }) {
  const props = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': '3',
    'default.replication.factor': '1',
    'min.insync.replicas': '1',
    'auto.create.topics.enable': 'true',
    'delete.topic.enable': 'true',
    // internal topics: one replica, few partitions (faster first consumer group / transaction)
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '1',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'transaction.state.log.num.partitions': '1',
    'share.coordinator.state.topic.replication.factor': '1',
    'share.coordinator.state.topic.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    // small footprint for a 2-core machine and a 512 MB heap
    'num.network.threads': '2',
    'num.io.threads': '4',
    'background.threads': '4',
    'num.recovery.threads.per.data.dir': '1',
    'log.cleaner.dedupe.buffer.size': String(16 * 1024 * 1024),
    'log.segment.bytes': String(16 * 1024 * 1024),
    'log.index.size.max.bytes': String(1024 * 1024),
    'log.retention.hours': '24',
    'log.retention.bytes': String(256 * 1024 * 1024),
    'log.retention.check.interval.ms': '60000',
    ...extra,
  };
  return (
    '# generated by deploy/kafka/kafka-server.mjs\n' +
    Object.entries(props)
      .map(([k, v]) => `${k}=${String(v).replace(/\\/g, '\\\\')}`)
      .join('\n') +
    '\n'
  );
}

function log4j2Properties(logFile) {
  return `# generated by deploy/kafka/kafka-server.mjs: everything to one file, nothing to the console
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = ${logFile.replace(/\\/g, '/')}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = WARN
`;
}

function readTail(file, lines) {
  try {
    const buf = fs.readFileSync(file, 'utf8');
    return tail(buf, lines).trimEnd();
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// running instances: kill them if this process exits without stop()
// ---------------------------------------------------------------------------------------------

const running = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const inst of running) {
      try {
        inst.child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
      try {
        fs.rmSync(inst.workDir, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    }
  });
}

// A parent killed with SIGKILL cannot remove its temp dir (the JVM still exits, see
// KafkaLauncher). The next start removes such leftovers: dirs whose owner file names a node
// process and a JVM that are both gone.
const WORKDIR_PREFIX = 'kafka-local-';
const OWNER_FILE = 'kafka-local-owner.json';
async function sweepLeftovers(say) {
  let entries;
  try {
    entries = await fsp.readdir(os.tmpdir());
  } catch {
    return;
  }
  for (const name of entries) {
    if (!name.startsWith(WORKDIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      const owner = JSON.parse(await fsp.readFile(path.join(dir, OWNER_FILE), 'utf8'));
      if (owner.host !== os.hostname()) continue;
      if (pidAlive(owner.nodePid) || (owner.javaPid && pidAlive(owner.javaPid))) continue;
      await fsp.rm(dir, { recursive: true, force: true });
      say(`removed leftover ${dir}`);
    } catch {
      // no owner file (being set up, or not ours): leave it
    }
  }
}

// ---------------------------------------------------------------------------------------------
// readiness
// ---------------------------------------------------------------------------------------------

function tcpOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * A Kafka cluster id: 16 random bytes, base64url. One in 64 of those starts with '-', which the storage tool's
 * argument parser reads as an option ("argument --cluster-id/-t: expected one argument"); Kafka's own
 * Uuid.randomUuid() draws again in that case, and so do we.
 */
export function randomClusterId(draw = () => crypto.randomBytes(16)) {
  for (;;) {
    const id = draw().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function probeBroker(port, clusterId) {
  const kafkajs = (await import('kafkajs')).default;
  const kafka = new kafkajs.Kafka({
    clientId: 'kafka-server-probe',
    brokers: [`127.0.0.1:${port}`],
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    // The broker answering must be the one we formatted: a stranger on the port has another cluster id.
    if (cluster.clusterId !== clusterId) throw new Error(`the broker on 127.0.0.1:${port} is not ours (cluster id ${cluster.clusterId}, ours ${clusterId})`);
    return cluster.brokers.length > 0 && cluster.controller != null && cluster.controller !== -1;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

// Make the first real client calls quick and quiet: create/load __consumer_offsets (group
// coordinator) and get the first producer-id block (idempotent producers). Without this the
// first consumer group / idempotent producer of a test logs retriable kafkajs ERROR lines
// ("coordinator is loading", "group coordinator is not available") and waits for retries.
async function warmUp(port) {
  const kafkajs = (await import('kafkajs')).default;
  const kafka = new kafkajs.Kafka({
    clientId: 'kafka-server-warmup',
    brokers: [`127.0.0.1:${port}`],
    logLevel: kafkajs.logLevel.NOTHING,
    retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 30 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: kafkajs.Partitioners.DefaultPartitioner,
  });
  try {
    await admin.connect();
    await admin.describeGroups(['kafka-server-warmup']);
    await producer.connect();
  } finally {
    await producer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// startKafka
// ---------------------------------------------------------------------------------------------

/**
 * Start a single-node KRaft Kafka broker.
 *
 * @param {object}   [opts]
 * @param {number}   [opts.port]            client (PLAINTEXT) port; a free one when omitted
 * @param {number}   [opts.controllerPort]  KRaft controller port; a free one when omitted
 * @param {string}   [opts.logDir]          Kafka data dir (log.dirs). Kept on stop(). Default: inside the temp dir (removed on stop())
 * @param {Function|boolean} [opts.log]     progress messages: a function(msg), or true for stderr. Default: silent
 * @param {number}   [opts.startTimeoutMs]  default 90000
 * @param {string}   [opts.heap]            -Xmx value, default '512m'
 * @param {string[]} [opts.jvmArgs]         extra JVM args
 * @param {Record<string,string|number>} [opts.serverProperties]  extra/overriding server.properties entries
 * @param {boolean}  [opts.warmUp]          default true: load the group coordinator and producer-id block before resolving
 * @returns {Promise<{brokers: string[], port: number, controllerPort: number, pid: number,
 *   clusterId: string, version: string, workDir: string, dataDir: string, logFile: string,
 *   stop: () => Promise<void>}>}
 */
export async function startKafka({
  port,
  controllerPort,
  logDir,
  log,
  startTimeoutMs = 90_000,
  heap = '512m',
  jvmArgs = [],
  serverProperties: extraProps = {},
  warmUp: doWarmUp = true,
} = {}) {
  const say = makeLogger(log);
  const { libDir, classesDir, version } = await prepareKafka({ log: say });
  const autoPorts = !port && !controllerPort;
  // Auto-picked ports can be grabbed by someone else before the broker binds them: retry then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce({ port, controllerPort, logDir, say, startTimeoutMs, heap, jvmArgs, extraProps, libDir, classesDir, version, doWarmUp });
    } catch (err) {
      if (autoPorts && attempt < 3 && (err.code === 'EPORTTAKEN' || /BindException|Address already in use/.test(String(err.message)))) {
        say(`port clash (${attempt}), retrying with other ports`);
        continue;
      }
      throw err;
    }
  }
}

async function startOnce({ port, controllerPort, logDir, say, startTimeoutMs, heap, jvmArgs, extraProps, libDir, classesDir, version, doWarmUp }) {
  const t0 = Date.now();
  await sweepLeftovers(say);
  const ports = await pickPorts(port, controllerPort);
  const workDir = await fsp.mkdtemp(path.join(os.tmpdir(), WORKDIR_PREFIX));
  const writeOwner = (javaPid) =>
    fsp.writeFile(path.join(workDir, OWNER_FILE), JSON.stringify({ host: os.hostname(), nodePid: process.pid, javaPid }));
  await writeOwner(null);
  const dataDir = logDir ? path.resolve(logDir) : path.join(workDir, 'data');
  const logsDir = path.join(workDir, 'logs');
  const logFile = path.join(logsDir, 'server.log');
  const stdoutFile = path.join(logsDir, 'stdout.log');
  const propsFile = path.join(workDir, 'server.properties');
  const log4jFile = path.join(workDir, 'log4j2.properties');
  await fsp.mkdir(dataDir, { recursive: true });
  await fsp.mkdir(logsDir, { recursive: true });
  await fsp.writeFile(propsFile, serverProperties({ ...ports, dataDir, extra: extraProps }));
  await fsp.writeFile(log4jFile, log4j2Properties(logFile));

  const cp = [classesDir, path.join(libDir, '*')].join(path.delimiter);
  const commonJvm = [`-Dlog4j2.configurationFile=${log4jFile}`, '-Djava.awt.headless=true'];
  // A logDir that was formatted before keeps its cluster id (meta.properties); it is not formatted again.
  let clusterId = randomClusterId();
  let alreadyFormatted = false;
  try {
    const meta = await fsp.readFile(path.join(dataDir, 'meta.properties'), 'utf8');
    const m = /^cluster\.id=(.+)$/m.exec(meta);
    if (m) {
      clusterId = m[1].trim();
      alreadyFormatted = true;
    }
  } catch {
    /* fresh dir */
  }

  const cleanupDir = () => fsp.rm(workDir, { recursive: true, force: true }).catch(() => {});

  // 1. format the storage (skipped if logDir was formatted before)
  if (!alreadyFormatted) {
    try {
      const out = await run(JAVA, [
        ...commonJvm,
        '-Xmx256m',
        '-XX:TieredStopAtLevel=1',
        '-cp',
        cp,
        'KafkaLauncher',
        'storage',
        'format',
        '-t',
        clusterId,
        '-c',
        propsFile,
        '--ignore-formatted',
      ]);
      await fsp.writeFile(path.join(logsDir, 'format.log'), out);
    } catch (err) {
      await cleanupDir();
      throw new Error(`formatting Kafka storage failed: ${err.message}`);
    }
  }

  // 2. start the broker; stdin is a pipe that only we hold, so the JVM exits when we die
  say(`starting Kafka ${version} on 127.0.0.1:${ports.port} (controller ${ports.controllerPort}); log: ${logFile}`);
  const outFd = fs.openSync(stdoutFile, 'a');
  let child;
  try {
    child = spawn(
      JAVA,
      [
        `-Xmx${heap}`,
        '-Xms64m',
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-XX:+ExitOnOutOfMemoryError',
        ...commonJvm,
        ...jvmArgs,
        '-cp',
        cp,
        'KafkaLauncher',
        'server',
        propsFile,
      ],
      { cwd: workDir, stdio: ['pipe', outFd, outFd], detached: true },
    );
  } finally {
    fs.closeSync(outFd);
  }
  child.stdin.on('error', () => {}); // EPIPE when the JVM is already gone
  if (child.pid) await writeOwner(child.pid).catch(() => {});

  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.once('error', (err) => {
      exited = { code: null, signal: null, error: err };
      resolve(exited);
    });
  });

  const inst = { child, workDir };
  running.add(inst);
  installExitHook();

  const diagnostics = () => {
    let errors = '';
    try {
      const lines = fs.readFileSync(logFile, 'utf8').split('\n');
      const hits = lines.filter((l) => /^\[[^\]]+\] (ERROR|FATAL) |^Caused by: /.test(l));
      errors = [...new Set(hits)].slice(0, 12).join('\n');
    } catch {
      /* no log yet */
    }
    return (
      (errors ? `--- ERROR lines / causes in ${logFile} ---\n${errors}\n` : '') +
      `--- last lines of ${logFile} ---\n${readTail(logFile, 25)}\n` +
      `--- ${stdoutFile} ---\n${readTail(stdoutFile, 20)}`
    );
  };

  let stopping = null;
  const stop = () => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (!exited) {
        try {
          child.kill('SIGTERM');
        } catch {
          /* gone */
        }
        const timer = new Promise((r) => setTimeout(r, 20_000, 'timeout'));
        if ((await Promise.race([exitPromise, timer])) === 'timeout') {
          say('broker did not stop within 20 s: SIGKILL');
          try {
            child.kill('SIGKILL');
          } catch {
            /* gone */
          }
          await exitPromise;
        }
      }
      child.stdin.destroy();
      running.delete(inst);
      await cleanupDir();
    })();
    return stopping;
  };

  // 3. wait until it answers
  const deadline = Date.now() + startTimeoutMs;
  let lastErr = null;
  for (;;) {
    if (exited) {
      const diag = diagnostics();
      running.delete(inst);
      await cleanupDir();
      throw new Error(
        `Kafka exited during startup (${exited.error ? exited.error.message : exited.signal ?? `exit ${exited.code}`})\n${diag}`,
      );
    }
    if (Date.now() > deadline) {
      const diag = diagnostics();
      await stop();
      throw new Error(`Kafka did not become ready within ${startTimeoutMs / 1000} s (last error: ${lastErr?.message ?? 'none'})\n${diag}`);
    }
    try {
      if (await tcpOpen(ports.port)) {
        if (await probeBroker(ports.port, clusterId)) break;
      }
    } catch (err) {
      lastErr = err;
      if (/is not ours/.test(err.message)) {
        await stop();
        throw new Error(`refusing to report ready: ${err.message}`);
      }
    }
    await sleep(250);
  }
  if (doWarmUp) {
    const tw = Date.now();
    try {
      await warmUp(ports.port);
      say(`warm-up (group coordinator, producer ids) took ${((Date.now() - tw) / 1000).toFixed(1)} s`);
    } catch (err) {
      say(`warm-up failed (broker is up anyway): ${err.message}`);
    }
  }
  if (exited) {
    const diag = diagnostics();
    await stop();
    throw new Error(`Kafka exited right after answering (${exited.signal ?? `exit ${exited.code}`}): not ready\n${diag}`);
  }
  say(`Kafka ready on 127.0.0.1:${ports.port} after ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${child.pid})`);

  return {
    brokers: [`127.0.0.1:${ports.port}`],
    port: ports.port,
    controllerPort: ports.controllerPort,
    pid: child.pid,
    clusterId,
    version,
    workDir,
    dataDir,
    logFile,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--prepare':
        opts.prepare = true;
        break;
      case '--port':
      case '-p':
        opts.port = Number(value());
        break;
      case '--controller-port':
        opts.controllerPort = Number(value());
        break;
      case '--log-dir':
        opts.logDir = value();
        break;
      case '-h':
      case '--help':
        opts.help = true;
        break;
      default:
        throw new Error(`unknown argument: ${a}`);
    }
  }
  for (const k of ['port', 'controllerPort']) {
    if (k in opts && !(Number.isInteger(opts[k]) && opts[k] > 0 && opts[k] < 65536)) throw new Error(`bad --${k}`);
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  if (opts.help) {
    console.log(`usage: node deploy/kafka/kafka-server.mjs [--port 9092] [--controller-port 9093] [--log-dir DIR]
       node deploy/kafka/kafka-server.mjs --prepare    # only fetch the jars into .deploy-cache/kafka`);
    return;
  }
  const log = (msg) => console.error(`[kafka] ${msg}`);
  if (opts.prepare) {
    const t0 = Date.now();
    const r = await prepareKafka({ log });
    log(`${r.prepared ? 'prepared' : 'already prepared'}: Kafka ${r.version} in ${r.libDir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return;
  }
  const kafka = await startKafka({ port: opts.port, controllerPort: opts.controllerPort, logDir: opts.logDir, log });
  console.log(kafka.brokers[0]);
  log(`bootstrap servers: ${kafka.brokers.join(',')}   (Ctrl-C to stop)`);
  let stopping = false;
  const onSignal = async (sig) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping`);
    await kafka.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
}

const isMain = (() => {
  try {
    return process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (isMain) {
  main().catch((err) => {
    console.error(`[kafka] ${err.stack || err.message}`);
    process.exit(1);
  });
}
