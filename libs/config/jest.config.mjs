import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'config', rootDir: import.meta.dirname };
