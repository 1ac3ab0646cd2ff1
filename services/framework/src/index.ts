export * from './framework.module.js';
