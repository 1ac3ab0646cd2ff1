import type { Neo4jConnection } from '../neo4j/neo4j-skills-graph.js';

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
 * A real Neo4j for one test file: NEO4J_URI (with NEO4J_USERNAME / NEO4J_PASSWORD) when given, else a
 * fresh server (always, with alwaysStart: for a second graph) started by deploy/neo4j (Neo4j Community from Maven Central, on a free loopback port,
 * with a temporary data folder) and stopped afterwards.
 */
export async function neo4jForTests(options: { alwaysStart?: boolean } = {}): Promise<Neo4jForTests> {
  const uri = process.env['NEO4J_URI'];
  if (uri && !options.alwaysStart) {
    return {
      connection: { uri, username: process.env['NEO4J_USERNAME'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '' },
      stop: async () => {},
    };
  }
  const launcher = new URL('../../../../deploy/neo4j/neo4j-server.mjs', import.meta.url).href;
  const { startNeo4j } = (await import(launcher)) as { startNeo4j(options?: object): Promise<StartedNeo4j> };
  const server = await startNeo4j();
  return { connection: { uri: server.uri, username: server.username, password: server.password }, stop: () => server.stop() };
}
