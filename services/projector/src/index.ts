export * from './projector.module.js';
export * from './graph-projector.js';
export * from './rebuild-graph/rebuild-graph.js';
