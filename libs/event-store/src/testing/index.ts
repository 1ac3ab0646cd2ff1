// Test support for other projects' tests: `@skills-graph/event-store/testing` (never in a build).
export * from './event-store.contract.js';
export * from './postgres-test-database.js';
export * from './append-domain-events.js';
export * from './personal-data-keys.contract.js';
