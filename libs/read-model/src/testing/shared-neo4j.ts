import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import neo4j from 'neo4j-driver';
import pg from 'pg';
import type { Neo4jConnection } from '../neo4j/neo4j-skills-graph.js';

// Neo4j Community has one user database, so test files sharing one server (NEO4J_URI, exported by the
// test run's global setup) take turns: a file holds a PostgreSQL advisory lock (keyed by the Neo4j URI, on
// a connection of its own) from neo4jForTests() to stop(), and empties the database when it gets it.
// PostgreSQL releases the lock when the holder's connection closes, also when its process dies.

const postgresUrl = process.env['POSTGRES_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const lockClass = 0x53_47_4e_34; // "SGN4"
const applicationPrefix = 'sg-neo4j-test';
const pollMs = 200;
const announceAfterMs = 30_000;

/** The test file running in this process (Jest's expect knows it), for naming the lock's holder. */
function currentTestFile(): string {
  const state = (globalThis as { expect?: { getState?(): { testPath?: string } } }).expect?.getState?.();
  return state?.testPath ? basename(state.testPath) : 'unknown';
}

/**
 * Waits for exclusive use of the shared Neo4j, then empties it (nodes, constraints and indexes, as a
 * fresh server has them); the returned function gives it back. A lock still held by an earlier test
 * file of this same process (it never called stop()) is taken over, with a warning naming that file.
 */
export async function holdSharedNeo4j(connection: Neo4jConnection): Promise<() => Promise<void>> {
  const key = createHash('sha256').update(connection.uri).digest().readUInt32BE(0) & 0x7f_ff_ff_ff;
  const file = currentTestFile();
  const client = new pg.Client({ connectionString: postgresUrl, application_name: `${applicationPrefix} ${process.pid} ${file}`.slice(0, 63) });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`the shared Neo4j (NEO4J_URI=${connection.uri}) is taken in turns through a PostgreSQL advisory lock, but PostgreSQL at ${postgresUrl} (POSTGRES_ADMIN_URL) cannot be reached: ${(error as Error).message}`);
  }
  client.on('error', () => {}); // a connection ended by a takeover must not crash the worker
  const started = Date.now();
  let announced = false;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::int, $2::int) AS locked', [lockClass | 0, key]);
    if (rows[0]!.locked) break;
    const holder = await client.query<{ backend: number; application_name: string }>(
      `SELECT a.pid AS backend, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 2`,
      [lockClass >>> 0, key],
    );
    const [prefix, pid, holderFile] = (holder.rows[0]?.application_name ?? '').split(' ');
    if (holder.rows[0] && prefix === applicationPrefix && Number(pid) === process.pid && holderFile !== file) {
      process.stderr.write(`neo4jForTests: ${holderFile} did not call stop() on its Neo4j; ${file} takes the shared server over\n`);
      await client.query('SELECT pg_terminate_backend($1)', [holder.rows[0].backend]);
      continue;
    }
    if (!announced && Date.now() - started > announceAfterMs) {
      process.stderr.write(`neo4jForTests: ${file} waits for the shared Neo4j, in use by ${holderFile ?? 'another process'} (pid ${pid ?? '?'})\n`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  try {
    await emptyDatabase(connection);
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  let released: Promise<void> | undefined;
  return () => (released ??= client.end().catch(() => {}));
}

async function emptyDatabase(connection: Neo4jConnection): Promise<void> {
  const auth = connection.username ? neo4j.auth.basic(connection.username, connection.password ?? '') : undefined;
  const driver = neo4j.driver(connection.uri, auth, { disableLosslessIntegers: true });
  try {
    const run = async (cypher: string) => (await driver.executeQuery(cypher)).records;
    let deleted: number;
    do deleted = (await run('MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS deleted'))[0]!.get('deleted') as number;
    while (deleted > 0);
    for (const record of await run('SHOW CONSTRAINTS YIELD name')) await run(`DROP CONSTRAINT \`${record.get('name') as string}\` IF EXISTS`);
    for (const record of await run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")) await run(`DROP INDEX \`${record.get('name') as string}\` IF EXISTS`);
  } finally {
    await driver.close();
  }
}
