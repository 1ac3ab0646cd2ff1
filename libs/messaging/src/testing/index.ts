// Test support for other projects' tests: `@skills-graph/messaging/testing` (never in a build).
export * from './kafka-test-server.js';
export * from './cloud-event-schema-validator.js';
