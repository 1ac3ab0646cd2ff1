import { preset } from '../../jest.preset.mjs';

// Unit tests of the dashboard's pure logic (URL state, identity headers, GraphQL error handling); the pages
// themselves are tested in a real browser against the product (services/embedded/src/dashboard.e2e.spec.ts).
export default { ...preset, displayName: 'dashboard', rootDir: import.meta.dirname };
