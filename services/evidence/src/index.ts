export * from './evidence.module.js';
