// Peer measurement for the graph benchmark (docs/benchmarks.md: "peers on the same data in the same run: `@neo4j/graphql`
// for the same queries"): "who is L5 on Mastery in Go" answered by @neo4j/graphql's generated resolvers over the graph
// our projector wrote, executed in process (no HTTP), like the adapter and raw-driver rows it sits beside.
//
// Read-only: the type definitions expose no mutations (@mutation(operations: [])) and declare no @unique/@fulltext,
// and assertIndexesAndConstraints is never called, so the library creates no constraints or indexes.
import { Neo4jGraphQL } from '@neo4j/graphql';
import { execute, parse, validate } from 'graphql';
import { latencyPercentiles } from './bench-report.mjs';

// Labels and relationship types as in libs/read-model/src/neo4j/neo4j-graph-schema.ts and docs/graph-schema.md.
export const typeDefs = /* GraphQL */ `
  type Engineer @node(labels: ["Engineer"]) @mutation(operations: []) {
    id: ID!
    name: String
    title: String
    status: String
    teamId: String
    demonstrates: [DemonstratedLevel!]! @relationship(type: "DEMONSTRATES", direction: OUT)
    memberOf: [Team!]! @relationship(type: "MEMBER_OF", direction: OUT)
  }

  type DemonstratedLevel @node(labels: ["DemonstratedLevel"]) @mutation(operations: []) {
    key: ID!
    engineerId: String
    frameworkId: String
    competencyId: String
    skillId: String
    level: Int
  }

  type Team @node(labels: ["Team"]) @mutation(operations: []) {
    id: ID!
    name: String
  }
`;

// @neo4j/graphql 7: generic operator filters, `some` over a relationship, top-level sort and limit. The adapter's order is
// (name, id), so id breaks ties in the same way.
export const query = /* GraphQL */ `
  query WhoIsAt($competencyId: String!, $skillId: String!, $level: Int!, $first: Int!) {
    engineers(
      where: {
        status: { eq: "active" }
        demonstrates: { some: { competencyId: { eq: $competencyId }, skillId: { eq: $skillId }, level: { eq: $level } } }
      }
      sort: [{ name: ASC }, { id: ASC }]
      limit: $first
    ) {
      id
      name
    }
  }
`;

/**
 * Times `queryRuns` executions (after 50 warm-up runs) of the GraphQL equivalent of
 * `graph.findEngineers(filter, { first: 20 })` and checks it returns the same engineer ids.
 * The document is parsed and validated once, as a server's document cache would; each timed run is `execute`
 * (translation to Cypher, the Neo4j round trip and result shaping).
 */
export async function measureNeo4jGraphqlPeer({ driver, graph, queryRuns, filter, first = 20 }) {
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const document = parse(query);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`@neo4j/graphql peer: invalid query: ${errors.map((e) => e.message).join('; ')}`);
  const variableValues = { competencyId: filter.competencyId, skillId: filter.skillId, level: filter.level, first };

  const run = async () => {
    const result = await execute({ schema, document, variableValues, contextValue: {} });
    if (result.errors?.length) throw new Error(`@neo4j/graphql peer: ${result.errors.map((e) => e.message).join('; ')}`);
    return result.data.engineers;
  };

  const expected = (await graph.findEngineers(filter, { first })).items.map((e) => e.id).sort();
  const actual = (await run()).map((e) => e.id).sort();
  if (expected.length !== actual.length || expected.some((id, i) => id !== actual[i])) {
    throw new Error(`@neo4j/graphql peer and Neo4jSkillsGraph.findEngineers disagree: [${actual.join(', ')}] vs [${expected.join(', ')}]`);
  }

  return { ...(await latencyPercentiles(run, { runs: queryRuns })), count: actual.length };
}
