// Jest globalSetup: see test-servers.mjs.
export { setup as default } from './test-servers.mjs';
