import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'framework-import', rootDir: import.meta.dirname };
