import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'relay', rootDir: import.meta.dirname };
