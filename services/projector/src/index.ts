export * from './projector.module.js';
export * from './graph-projector.js';
