// Test support for tests that call the gateway with tokens: `@skills-graph/gateway/testing` (never in a build).
export * from './jwks-server.js';
