export * from './people.module.js';
export * from './hris-feed/hris-people-consumer.js';
export * from './hris-feed/replay-dead-letters.js';
