export * from './actor.js';
export * from './commands.js';
export * from './authorisation.js';
export * from './command-transport.js';
export * from './people-import.js';
export * from './clock.js';
export * from './audit-trail.js';
