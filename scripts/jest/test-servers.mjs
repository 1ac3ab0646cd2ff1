// Test servers started once per Jest run, shared by the test files (jest.config.mjs: globalSetup,
// globalTeardown, testSequencer).
//
// The sequencer records which test files the run selected (Jest sorts them before the global setup);
// the global setup reads them and starts one Neo4j if any calls neo4jForTests(), and one Kafka if any calls
// kafkaForTests(), both at once, and exports NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD and KAFKA_BROKERS
// (test workers inherit the environment). A unit-only run starts nothing. Variables already set are used
// as given (nothing started for them); TEST_SERVERS=per-file starts none, so that each file starts its own.
// Isolation: a Neo4j test file gets the shared server to itself, emptied (neo4jForTests takes turns through
// a PostgreSQL advisory lock); Kafka test files use topics and consumer groups of their own.

import { readFileSync } from 'node:fs';
import TestSequencer from '@jest/test-sequencer';

const selected = Symbol.for('skills-graph.jest.selected-test-files');
const started = Symbol.for('skills-graph.jest.test-servers');
const exportedVariables = Symbol.for('skills-graph.jest.test-server-variables');
const launcher = (name) => new URL(`../../deploy/${name}/${name}-server.mjs`, import.meta.url).href;

/** Jest's own order, recording the selected files for the global setup. */
export class RecordingSequencer extends TestSequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    globalThis[selected] = sorted.map((test) => test.path);
    return sorted;
  }
}

/** Which servers the selected files ask for (both when the selection is unknown). */
function serversNeeded(files) {
  if (!files) return { neo4j: true, kafka: true, files: 'all' };
  const needed = { neo4j: false, kafka: false, files: 0 };
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const neo4j = /\bneo4jForTests\s*\(/.test(text);
    const kafka = /\bkafkaForTests\s*\(/.test(text);
    needed.neo4j ||= neo4j;
    needed.kafka ||= kafka;
    if (neo4j || kafka) needed.files += 1;
  }
  return needed;
}

export async function setup() {
  if (process.env.TEST_SERVERS === 'per-file') return;
  const needed = serversNeeded(globalThis[selected]);
  const startNeo4j = needed.neo4j && !process.env.NEO4J_URI;
  const startKafka = needed.kafka && !process.env.KAFKA_BROKERS;
  if (!startNeo4j && !startKafka) return;
  const t0 = Date.now();
  const [neo4j, kafka] = await Promise.allSettled([
    startNeo4j ? import(launcher('neo4j')).then((m) => m.startNeo4j()) : undefined,
    startKafka ? import(launcher('kafka')).then((m) => m.startKafka()) : undefined,
  ]);
  const servers = [neo4j, kafka].filter((r) => r.status === 'fulfilled' && r.value).map((r) => r.value);
  globalThis[started] = servers;
  const failed = [neo4j, kafka].find((r) => r.status === 'rejected');
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  const names = [];
  const exported = {};
  if (neo4j.value) {
    Object.assign(exported, { NEO4J_URI: neo4j.value.uri, NEO4J_USERNAME: neo4j.value.username, NEO4J_PASSWORD: neo4j.value.password });
    names.push(`Neo4j ${neo4j.value.version} at ${neo4j.value.uri}`);
  }
  if (kafka.value) {
    exported.KAFKA_BROKERS = kafka.value.brokers.join(',');
    names.push(`Kafka ${kafka.value.version} at ${exported.KAFKA_BROKERS}`);
  }
  Object.assign(process.env, exported);
  globalThis[exportedVariables] = Object.keys(exported);
  process.stderr.write(`\ntest servers: ${names.join(' and ')} started once for ${needed.files} test files in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

export async function teardown() {
  const servers = globalThis[started] ?? [];
  globalThis[started] = [];
  // Watch mode runs the setup again: the next run must not take a stopped server for a given one.
  for (const name of globalThis[exportedVariables] ?? []) delete process.env[name];
  globalThis[exportedVariables] = [];
  await Promise.all(servers.map((server) => server.stop()));
}
