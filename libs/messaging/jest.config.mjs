import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'messaging', rootDir: import.meta.dirname };
