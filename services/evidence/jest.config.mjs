import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'evidence', rootDir: import.meta.dirname };
