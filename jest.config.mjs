// Runs every project's tests in one Jest process (see jest.preset.mjs for the shared settings).
export default {
  reporters: ['default', '<rootDir>/scripts/jest-plain-summary.mjs'],
  projects: ['<rootDir>/libs/*/jest.config.mjs', '<rootDir>/services/*/jest.config.mjs'],
};
