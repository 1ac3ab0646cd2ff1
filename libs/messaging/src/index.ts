export * from './message-bus.port.js';
export * from './integration-events/integration-event-contracts.js';
export * from './integration-events/to-integration-event.js';
export * from './hris/hris-people-message.js';
export * from './kafka/kafka-message-bus.js';
export * from './in-process/in-process-message-bus.js';
export * from './contract-documents.js';
export * from './kafka/kafka-logging.js';
