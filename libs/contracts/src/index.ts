export * from './actor.js';
export * from './commands.js';
