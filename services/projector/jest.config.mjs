import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'projector', rootDir: import.meta.dirname };
