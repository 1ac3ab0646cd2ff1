export * from './read-model.port.js';
export * from './in-memory/in-memory-skills-graph.js';
export * from './neo4j/neo4j-skills-graph.js';
export * from './neo4j/event-to-cypher.js';
export * from './synthetic/synthetic-organisation.js';
export * from './directors/level-aggregates.js';
export * from './directors/staffing.js';
export * from './directors/engineers-as-of.js';
export { staffingSearchCypher } from './neo4j/queries/staffing-search.js';
