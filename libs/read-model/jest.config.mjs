import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'read-model', rootDir: import.meta.dirname };
