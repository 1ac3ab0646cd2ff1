export * from './relay.module.js';
export * from './relay-integration-events/integration-event-relay.js';
