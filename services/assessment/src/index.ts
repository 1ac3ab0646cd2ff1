export * from './assessment.module.js';
export * from './recompute-levels/level-recomputer.js';
