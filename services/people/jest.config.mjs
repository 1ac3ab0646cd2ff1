import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'people', rootDir: import.meta.dirname };
