// Jest testSequencer: Jest's own order, recording the selected files for the global setup (test-servers.mjs).
export { RecordingSequencer as default } from './test-servers.mjs';
