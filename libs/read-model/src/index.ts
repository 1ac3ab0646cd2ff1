export * from './read-model.port.js';
export * from './in-memory/in-memory-skills-graph.js';
