// Jest globalTeardown: see test-servers.mjs.
export { teardown as default } from './test-servers.mjs';
