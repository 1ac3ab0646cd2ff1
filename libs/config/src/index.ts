export * from './skills-graph-config.js';
