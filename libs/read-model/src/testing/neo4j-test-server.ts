import type { Neo4jConnection } from '../neo4j/neo4j-skills-graph.js';
import { holdSharedNeo4j } from './shared-neo4j.js';

export interface Neo4jForTests {
  connection: Neo4jConnection;
  stop(): Promise<void>;
}

interface StartedNeo4j {
  uri: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * A real Neo4j for one test file. With NEO4J_URI (and NEO4J_USERNAME / NEO4J_PASSWORD; the test run's
 * global setup exports them for a server it starts once): that server, used by one test file at a time
 * and emptied for it (see shared-neo4j.ts; stop() gives it back, so call it in afterAll). Without, or
 * with alwaysStart (a second graph, or a server the test may stop): a fresh server started by
 * deploy/neo4j (Neo4j Community from Maven Central, on a free loopback port, with a temporary data
 * folder) and stopped by stop().
 */
export async function neo4jForTests(options: { alwaysStart?: boolean } = {}): Promise<Neo4jForTests> {
  const uri = process.env['NEO4J_URI'];
  if (uri && !options.alwaysStart) {
    const connection = { uri, username: process.env['NEO4J_USERNAME'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '' };
    return { connection, stop: await holdSharedNeo4j(connection) };
  }
  const launcher = new URL('../../../../deploy/neo4j/neo4j-server.mjs', import.meta.url).href;
  const { startNeo4j } = (await import(launcher)) as { startNeo4j(options?: object): Promise<StartedNeo4j> };
  const server = await startNeo4j();
  return { connection: { uri: server.uri, username: server.username, password: server.password }, stop: () => server.stop() };
}
