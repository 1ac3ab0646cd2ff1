export * from './skills-graph-config.js';
export * from './dependency-unavailable.js';
