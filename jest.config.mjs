// Runs every project's tests in one Jest process (see jest.preset.mjs for the shared settings).
export default {
  reporters: ['default', '<rootDir>/scripts/jest-plain-summary.mjs'],
  // A global option (Jest ignores it in a project's config). Tests and hooks that start servers or open stores
  // set their own, longer limits; this default leaves room for a 2-core machine under load without hiding a hang.
  testTimeout: 30_000,
  // One Neo4j and one Kafka for the whole run, started only when the selected files need them (and unless
  // NEO4J_URI / KAFKA_BROKERS are given); the sequencer tells the setup which files were selected.
  globalSetup: '<rootDir>/scripts/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/scripts/jest/global-teardown.mjs',
  testSequencer: '<rootDir>/scripts/jest/sequencer.mjs',
  projects: ['<rootDir>/libs/*/jest.config.mjs', '<rootDir>/services/*/jest.config.mjs'],
};
