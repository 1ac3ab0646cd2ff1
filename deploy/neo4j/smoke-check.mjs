#!/usr/bin/env node
// Smoke check for deploy/neo4j: start a real Neo4j, talk Bolt to it with neo4j-driver, stop it.
// Usage (from the repo root): node deploy/neo4j/smoke-check.mjs
// Exits 0 on success, 1 on any failure. Prints timings.

import { readFileSync } from 'node:fs';

import neo4j from 'neo4j-driver';

import { prepareNeo4j, startNeo4j } from './neo4j-server.mjs';

const timings = {};
const time = async (name, fn) => {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
};
const check = (cond, message) => {
  if (!cond) throw new Error(`check failed: ${message}`);
};

function rssKb(pid) {
  try {
    // VmRSS line of /proc/<pid>/status (Linux only)
    const status = readFileSyncSafe(`/proc/${pid}/status`);
    const m = /VmRSS:\s+(\d+) kB/.exec(status ?? '');
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
function readFileSyncSafe(p) {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

let server;
let driver;
let exitCode = 0;
try {
  const rt = await time('prepare', () => prepareNeo4j({ log: (l) => console.log(`[prepare] ${l}`) }));
  console.log(`runtime: ${rt.dir} (${rt.prepared ? 'prepared now' : 'cached'})`);

  server = await time('start', () => startNeo4j());
  console.log(`started Neo4j ${server.version} at ${server.uri} (pid ${server.pid}, log ${server.logFile})`);

  driver = neo4j.driver(server.uri, neo4j.auth.basic(server.username, server.password));
  const info = await time('connect', () => driver.getServerInfo());
  console.log(`server info: ${info.agent} protocol ${info.protocolVersion}`);

  const session = driver.session({ database: 'neo4j' });
  try {
    const name = `smoke-${Date.now()}`;
    await time('constraint', () =>
      session.run(
        'CREATE CONSTRAINT smoke_person_name IF NOT EXISTS FOR (p:SmokePerson) REQUIRE p.name IS UNIQUE',
      ),
    );
    await time('index', () =>
      session.run('CREATE INDEX smoke_person_age IF NOT EXISTS FOR (p:SmokePerson) ON (p.age)'),
    );
    await time('awaitIndexes', () => session.run('CALL db.awaitIndexes(60)'));

    const created = await time('create', () =>
      session.executeWrite((tx) =>
        tx.run('CREATE (p:SmokePerson {name: $name, age: $age}) RETURN elementId(p) AS id', {
          name,
          age: neo4j.int(42),
        }),
      ),
    );
    check(created.records.length === 1, 'one node created');
    check(created.summary.counters.updates().nodesCreated === 1, 'nodesCreated == 1');

    const read = await time('read', () =>
      session.executeRead((tx) =>
        tx.run('MATCH (p:SmokePerson {name: $name}) RETURN p.name AS name, p.age AS age', { name }),
      ),
    );
    check(read.records.length === 1, 'node read back');
    check(read.records[0].get('name') === name, 'name round-trips');
    check(neo4j.integer.toNumber(read.records[0].get('age')) === 42, 'age round-trips');

    // The unique constraint must be enforced.
    let rejected = false;
    try {
      await session.run('CREATE (:SmokePerson {name: $name})', { name });
    } catch (err) {
      rejected = /already exists|ConstraintValidationFailed/i.test(`${err.code} ${err.message}`);
    }
    check(rejected, 'unique constraint rejects a duplicate');

    const schema = await session.run(
      'SHOW INDEXES YIELD name, state WHERE name STARTS WITH "smoke_" RETURN name, state ORDER BY name',
    );
    const states = schema.records.map((r) => `${r.get('name')}=${r.get('state')}`);
    console.log(`indexes: ${states.join(', ')}`);
    check(states.length === 2 && states.every((s) => s.endsWith('=ONLINE')), 'both indexes ONLINE');

    // auth is disabled: a driver with no credentials must work too
    const anon = neo4j.driver(server.uri, neo4j.auth.none());
    try {
      const r = await anon.executeQuery('RETURN 1 AS one');
      check(neo4j.integer.toNumber(r.records[0].get('one')) === 1, 'auth.none() works');
    } finally {
      await anon.close();
    }
  } finally {
    await session.close();
  }

  const rss = rssKb(server.pid);
  if (rss) console.log(`java RSS: ${Math.round(rss / 1024)} MiB`);

  await driver.close();
  driver = undefined;
  await time('stop', () => server.stop());
  server = undefined;
  console.log(`timings (ms): ${JSON.stringify(timings)}`);
  console.log('SMOKE OK');
} catch (err) {
  exitCode = 1;
  console.error(`SMOKE FAILED: ${err.stack ?? err}`);
  console.error(`timings so far (ms): ${JSON.stringify(timings)}`);
} finally {
  await driver?.close().catch(() => {});
  await server?.stop().catch(() => {});
}
process.exit(exitCode);
