import { describe, expect, it } from '@jest/globals';
import { contrast, levelColours, textOn } from './levels';

describe('level colours', () => {
  it('computes WCAG contrast ratios (black on white is 21:1, a colour on itself 1:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#2a788e', '#2a788e')).toBe(1);
  });

  it('writes on every level colour in black or white with at least 4.5:1 (WCAG AA for text)', () => {
    for (const colour of levelColours) expect({ colour, ratio: contrast(colour, textOn(colour)) >= 4.5 }).toEqual({ colour, ratio: true });
    expect(textOn('#fde725')).toBe('#000000');
    expect(textOn('#440154')).toBe('#ffffff');
  });
});
