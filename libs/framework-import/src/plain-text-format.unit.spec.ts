import { describe, expect, it } from '@jest/globals';
import { FrameworkImportError, parseFramework } from './index.js';

const sample = [
  'Platform Guild 🌱',
  '',
  'Level 1',
  'Mastery',
  'Ships small changes behind feature flags',
  '“Small means reviewable in ten minutes”',
  'Writes a rollback note for every release',
  'rollback notes live next to the release checklist',
  'Examples',
  'Dark-launched search box',
  'Pricing rule per region',
  'Pairs on risky migrations',
  'Level 2',
  'Code Gardening',
  'Prunes unused dependencies',
  'Dependencies can pile up quickly in a monorepo',
  'Quietly careful with shared libraries',
  'Impact',
  'Owns an on-call rotation for a quarter and writes up what the rotation taught the whole team about alerting',
].join('\n');

describe('flat plain text', () => {
  const { draft, warnings, format } = parseFramework(sample, 'auto');
  const warningAt = (line: number) => warnings.find((w) => w.line === line)?.message ?? '';

  it('Given a title, Level lines, categories and behaviours, When parsed, Then it builds a draft', () => {
    expect(format).toBe('text');
    expect(draft.name).toBe('Platform Guild');
    expect(draft.levels).toEqual([{ level: 1 }, { level: 2 }]);
    expect(draft.competencies).toEqual([
      { id: 'mastery', name: 'Mastery' },
      { id: 'code-gardening', name: 'Code Gardening' },
      { id: 'impact', name: 'Impact' },
    ]);
    expect(draft.behaviours.map((b) => [b.level, b.competencyId, b.text])).toEqual([
      [1, 'mastery', 'Ships small changes behind feature flags'],
      [1, 'mastery', 'Writes a rollback note for every release'],
      [1, 'mastery', 'Pairs on risky migrations'],
      [2, 'code-gardening', 'Prunes unused dependencies'],
      [2, 'code-gardening', 'Quietly careful with shared libraries'],
      [2, 'impact', 'Owns an on-call rotation for a quarter and writes up what the rotation taught the whole team about alerting'],
    ]);
  });

  it('attaches quotes, lowercase lines and lines with their own subject as notes, and says which rule fired', () => {
    expect(draft.behaviours[0]?.notes).toEqual(['“Small means reviewable in ten minutes”']);
    expect(warningAt(6)).toBe('attached as a note of the behaviour on line 5 (rule: starts with a quote mark)');
    expect(draft.behaviours[1]?.notes).toEqual(['rollback notes live next to the release checklist']);
    expect(warningAt(8)).toBe('attached as a note of the behaviour on line 7 (rule: starts in lowercase)');
    expect(draft.behaviours[3]?.notes).toEqual(['Dependencies can pile up quickly in a monorepo']);
    expect(warningAt(16)).toMatch(/rule: has its own subject/);
  });

  it('attaches example lines to the preceding behaviour with a warning, until a line reads like a behaviour', () => {
    expect(draft.behaviours[1]?.examples).toEqual(['Dark-launched search box', 'Pricing rule per region']);
    expect(warningAt(10)).toBe("attached as an example of the behaviour on line 7 (rule: follows an 'Examples' line)");
    expect(warningAt(11)).toMatch(/follows an 'Examples' line/);
    expect(warningAt(12)).toBe('');
  });

  it('treats a short line right after a Level line as a new category, with a warning', () => {
    expect(warningAt(14)).toBe('treated as a category heading (rule: short line right after a Level line)');
  });

  it('keeps doubtful lines as behaviours but warns: no verb first, or a long line after a behaviour', () => {
    expect(warningAt(17)).toMatch(/rule: does not start with a verb/);
    expect(warningAt(19)).toBe(''); // long, but the first behaviour of its category
  });

  it('warns about long lines following a behaviour', () => {
    const text = ['Level 1', 'Impact', 'Ships things', `Writes ${'very '.repeat(30)}long`].join('\n');
    const result = parseFramework(text, 'text');
    expect(result.warnings.map((w) => w.message)).toEqual([
      'kept as a behaviour, but it may elaborate the behaviour on line 3 (rule: a line over 110 characters after a behaviour)',
      'no title line before the first Level line; named the framework "Untitled framework"',
    ]);
  });

  it('warns about gaps and repeats in the levels instead of failing', () => {
    const result = parseFramework(['G', 'Level 1', 'Impact', 'Ships things', 'Level 3', 'Impact', 'Level 3'].join('\n'), 'text');
    expect(result.draft.levels.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'level 3 does not follow level 1',
      'level 3 appears a second time; its behaviours are merged',
      "level 2 has no 'Level 2' line; it is kept empty",
    ]);
  });

  it('throws only when there is no Level line at all', () => {
    expect(() => parseFramework('Just a title\nShips things', 'text')).toThrow(FrameworkImportError);
    expect(() => parseFramework('Just a title\nShips things', 'text')).toThrow("text: expected at least one 'Level N' line, found none");
  });
});
