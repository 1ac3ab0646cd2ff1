import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'assessment', rootDir: import.meta.dirname };
