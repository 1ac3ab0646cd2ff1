import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './skills-graph-config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults with an empty environment', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 4000, EVENT_STORE: 'embedded', SEED_DEMO: true, AUTH_MODE: 'demo' });
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', EVENT_STORE: 'mongo' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'mongo' });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'EVENT_STORE']);
    }
  });

  it('requires a long enough JWT secret in jwt mode', () => {
    expect(() => loadConfig({ AUTH_MODE: 'jwt' })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ AUTH_MODE: 'jwt', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig({ AUTH_MODE: 'jwt', JWT_SECRET: 'x'.repeat(32) }).AUTH_MODE).toBe('jwt');
  });
});
