// Runs every project's tests in one Jest process (see jest.preset.mjs for the shared settings).
export default {
  reporters: ['default', '<rootDir>/scripts/jest-plain-summary.mjs'],
  // A global option (Jest ignores it in a project's config). Tests and hooks that start servers or open stores
  // set their own, longer limits; this default leaves room for a 2-core machine under load without hiding a hang.
  testTimeout: 30_000,
  projects: ['<rootDir>/libs/*/jest.config.mjs', '<rootDir>/services/*/jest.config.mjs'],
};
