export * from './assessment.module.js';
export * from './recompute-levels/level-recomputer.js';
export * from './calibrate-level/calibration.module.js';
