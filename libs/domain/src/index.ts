export * from './decider.js';
export * from './events/event-envelope.js';
export * from './framework/framework-content.js';
