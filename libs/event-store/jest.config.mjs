import { preset } from '../../jest.preset.mjs';

export default { ...preset, displayName: 'event-store', rootDir: import.meta.dirname };
