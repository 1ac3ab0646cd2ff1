import { describe, expect, it } from '@jest/globals';
import { competencySlug } from './framework-content.js';

describe('competencySlug', () => {
  it('turns display names into stable ids', () => {
    expect(competencySlug('Communication & Feedback')).toBe('communication-feedback');
    expect(competencySlug('  Mastery ')).toBe('mastery');
  });
});
