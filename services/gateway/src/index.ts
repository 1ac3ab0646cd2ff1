export * from './gateway.module.js';
export * from './graphql-gateway.js';
export * from './http/health.controller.js';
export { startMetricsServer, type MetricsServer } from './http/metrics.js';
export { typeDefs } from './schema/type-defs.js';
export * from './command-transport/in-process-command-sender.js';
export * from './command-transport/kafka-command-sender.js';
