import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'framework', rootDir: import.meta.dirname };
