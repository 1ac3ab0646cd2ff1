import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { neo4jForTests, type Neo4jForTests } from '@skills-graph/read-model/testing';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// The same demo organisation projected into the in-memory graph and into a real Neo4j: every query
// through the GraphQL API must answer the same.
let neo4j: Neo4jForTests;
let inMemory: EmbeddedTestInstance;
let onNeo4j: EmbeddedTestInstance;

beforeAll(async () => {
  neo4j = await neo4jForTests();
  inMemory = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40' });
  onNeo4j = new EmbeddedTestInstance({
    DEMO_ENGINEERS: '40',
    READ_MODEL: 'neo4j',
    NEO4J_URI: neo4j.connection.uri,
    NEO4J_USERNAME: neo4j.connection.username ?? 'neo4j',
    NEO4J_PASSWORD: neo4j.connection.password ?? '',
  });
  await inMemory.start();
  await onNeo4j.start();
}, 240_000);

afterAll(async () => {
  await inMemory?.dispose();
  await onNeo4j?.dispose();
  await neo4j?.stop();
}, 60_000);

const queries: [string, string][] = [
  ['who is L3+ on Mastery in Go', `{ engineers(filter: { competency: "Mastery", skill: "golang", levelAtLeast: 3 }, first: 50) { totalCount nodes { id name team { id name memberCount } manager { id } levels(competency: "mastery", skill: "go") { level evidence { id title status } } } } }`],
  ['exactly L2 on Impact overall, second page', `{ engineers(filter: { competency: "impact", level: 2 }, first: 3) { totalCount pageInfo { hasNextPage } edges { cursor node { id } } } }`],
  ['everyone in a team', `{ teams { id name memberCount } }`],
  ['skills and frameworks', `{ skills { id name aliases } frameworks { id name latestVersion publishedVersion } framework(id: "fintech-demo") { version levels { level name } competencies { id name } behaviours(competency: "leadership", level: 3) { id text current } } }`],
  ['a profile with evidence', `{ engineer(id: "eng-0012") { name email title status team { name } manager { name } levels { competency { name } skill { name } level evidence { id } } evidence { id kind title date status skills { id } behaviours { id } endorsedBy { id } reviewedBy { id } } } }`],
];

describe('in-memory graph and Neo4j answer alike through GraphQL', () => {
  it.each(queries)('%s', async (_name, query) => {
    const expected = await inMemory.gql(query);
    expect(expected.errors).toBeUndefined();
    expect(await onNeo4j.gql(query)).toEqual(expected);
  });
});
