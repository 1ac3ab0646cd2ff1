import { describe, expect, it } from '@jest/globals';
import { FrameworkImportError, parseFramework } from './index.js';

const md = (...lines: string[]) => lines.join('\n');

const valid = md(
  '# Platform Guild',
  '',
  '## Level 1',
  'Finds their feet.',
  '',
  '### Delivery',
  '',
  '- Ships small changes behind feature flags',
  '  - Keeps each flag short-lived',
  '  - Examples:',
  '    - Dark-launched the new search box',
  '    - Toggled a pricing rule per region',
  '- Writes a rollback note for every release',
  '',
  '### Care',
  '',
  '_Nothing expected yet._',
  '',
  '## Level 2: Practitioner',
  '',
  '### Care',
  '',
  '- Leaves the campsite tidier than found',
  '  - Deletes dead code on the way',
);

function errorOf(text: string): FrameworkImportError {
  try {
    parseFramework(text, 'markdown');
  } catch (e) {
    if (e instanceof FrameworkImportError) return e;
    throw e;
  }
  throw new Error('expected a FrameworkImportError');
}

describe('markdown nested list', () => {
  it('Given levels, categories, behaviours, notes and examples, When parsed, Then each lands in its place', () => {
    const { draft, warnings } = parseFramework(valid, 'auto', { knownCompetencies: [{ id: 'delivery', name: 'Delivery' }, { id: 'care', name: 'Care' }] });
    expect(warnings).toEqual([]);
    expect(draft.name).toBe('Platform Guild');
    expect(draft.levels).toEqual([{ level: 1, summary: 'Finds their feet.' }, { level: 2, name: 'Practitioner' }]);
    expect(draft.competencies).toEqual([
      { id: 'delivery', name: 'Delivery' },
      { id: 'care', name: 'Care' },
    ]);
    expect(draft.behaviours).toEqual([
      {
        level: 1,
        competencyId: 'delivery',
        text: 'Ships small changes behind feature flags',
        notes: ['Keeps each flag short-lived'],
        examples: ['Dark-launched the new search box', 'Toggled a pricing rule per region'],
      },
      { level: 1, competencyId: 'delivery', text: 'Writes a rollback note for every release', notes: [], examples: [] },
      {
        level: 2,
        competencyId: 'care',
        text: 'Leaves the campsite tidier than found',
        notes: ['Deletes dead code on the way'],
        examples: [],
      },
    ]);
  });

  it('uses the standard display name for a standard category', () => {
    const { draft } = parseFramework(md('# G', '## Level 1', '### communication & feedback', '- Asks for review early'), 'markdown');
    expect(draft.competencies).toEqual([{ id: 'communication-feedback', name: 'Communication & Feedback' }]);
  });

  it('rejects a behaviour before any category heading', () => {
    const error = errorOf(md('# G', '## Level 1', '- Ships small changes behind feature flags'));
    expect(error.line).toBe(3);
    expect(error.expected).toBe("a '### Category' heading before a behaviour");
    expect(error.message).toBe(
      "markdown line 3: expected a '### Category' heading before a behaviour, found '- Ships small changes behind feature flags'",
    );
  });

  it('rejects a behaviour or a category before any level heading', () => {
    expect(errorOf(md('# G', '', '- Ships things')).expected).toBe("a '## Level N' heading before a behaviour");
    const error = errorOf(md('# G', '### Delivery'));
    expect([error.line, error.expected]).toEqual([2, "a '## Level N' heading before a category"]);
  });

  it('rejects a level that is not a number, and a level number that skips', () => {
    const notNumber = errorOf(md('# G', '## Level one'));
    expect([notNumber.line, notNumber.expected]).toEqual([2, "a level number after '## Level'"]);
    const skipping = errorOf(md('# G', '## Level 1', '### Delivery', '- Ships things', '## Level 3'));
    expect([skipping.line, skipping.expected]).toEqual([5, "'## Level 2' (levels run 1..N without gaps)"]);
    const notLevel = errorOf(md('# G', '## Principles'));
    expect(notLevel.expected).toBe("a '## Level N' heading");
  });

  it('rejects unknown indentation', () => {
    const nestedNote = errorOf(md('# G', '## Level 1', '### Delivery', '- Ships things', '  - a note', '    - a note of a note'));
    expect(nestedNote.line).toBe(6);
    expect(nestedNote.expected).toBe('a list item indented by 0, 2 spaces (behaviour, note or Examples:), not 4');

    const between = errorOf(md('# G', '## Level 1', '### Delivery', '- Ships things', '    - a note', '  - shallower'));
    expect(between.line).toBe(6);
    expect(between.expected).toMatch(/^a list item indented by 0, 4 spaces/);

    const orphan = errorOf(md('# G', '## Level 1', '### Delivery', '  - indented first'));
    expect([orphan.line, orphan.expected]).toEqual([4, "a behaviour ('- text' without indentation) before an indented item"]);

    const tabs = errorOf(md('# G', '## Level 1', '### Delivery', '- Ships things', '\t- tabbed'));
    expect([tabs.line, tabs.expected]).toEqual([5, 'indentation with spaces, not tabs']);
  });

  it('rejects a stray paragraph after a behaviour and a deeper heading', () => {
    const paragraph = errorOf(md('# G', '## Level 1', '### Delivery', '- Ships things', 'Loose sentence'));
    expect([paragraph.line, paragraph.expected]).toEqual([5, "a list item ('- …'), a heading or a blank line after a behaviour"]);
    expect(errorOf(md('# G', '## Level 1', '#### Deep')).line).toBe(3);
  });

  it('rejects a text without levels, and one without a title unless a name is given', () => {
    expect(errorOf(md('# G', 'Just prose')).expected).toBe("at least one '## Level N' heading");
    const untitled = md('## Level 1', '### Delivery', '- Ships things');
    expect(errorOf(untitled).expected).toBe("a '# Title' heading");
    expect(parseFramework(untitled, 'markdown', { name: 'Named by caller' }).draft.name).toBe('Named by caller');
  });

  it('warns about a competency nobody declared (a typo of a standard one), and shows names without emoji', () => {
    const text = ['# 🛠 Guild 🛠', '## Level 1', '### 🚀 Mastry', '- Ships small changes', '### Impact ✨', '- Unblocks others'].join('\n');
    const { draft, warnings } = parseFramework(text, 'markdown');
    expect(draft.name).toBe('Guild');
    expect(draft.competencies).toEqual([{ id: 'mastry', name: 'Mastry' }, { id: 'impact', name: 'Impact' }]);
    expect(warnings).toEqual([{ line: 3, message: expect.stringContaining("competency 'Mastry' is not one of the declared competencies (Mastery, Impact") }]);
  });
});
