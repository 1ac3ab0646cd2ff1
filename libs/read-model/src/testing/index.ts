// Test support for other projects' tests: `@skills-graph/read-model/testing` (never in a build).
export * from './read-model.contract.js';
export * from './recorded-events.js';
export * from './neo4j-test-server.js';
export * from './neo4j-graph-dump.js';
