import neo4j from 'neo4j-driver';
import type { Neo4jConnection } from '../neo4j/neo4j-skills-graph.js';

/**
 * Every node and relationship of a Neo4j graph in a canonical, sorted text form (nodes by labels and
 * properties; relationships by type and their end nodes), so two graphs can be compared for equality.
 */
export async function dumpNeo4jGraph(connection: Neo4jConnection): Promise<{ nodes: string[]; relationships: string[] }> {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.username ?? 'neo4j', connection.password ?? ''), { disableLosslessIntegers: true });
  try {
    const identity = `labels(n) AS labels, properties(n) AS props`;
    const nodes = await driver.executeQuery(`MATCH (n) RETURN ${identity}`);
    const relationships = await driver.executeQuery(
      `MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a) AS fromLabels, properties(a) AS fromProps, labels(b) AS toLabels, properties(b) AS toProps`,
    );
    const describe = (labels: string[], props: Record<string, unknown>) => `${[...labels].sort().join(':')}${canonical(props)}`;
    return {
      nodes: nodes.records.map((r) => describe(r.get('labels') as string[], r.get('props') as Record<string, unknown>)).sort(),
      relationships: relationships.records
        .map((r) => `${describe(r.get('fromLabels') as string[], r.get('fromProps') as Record<string, unknown>)}-[${r.get('type') as string}]->${describe(r.get('toLabels') as string[], r.get('toProps') as Record<string, unknown>)}`)
        .sort(),
    };
  } finally {
    await driver.close();
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${k}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
