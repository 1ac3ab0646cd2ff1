import { describe, expect, it } from '@jest/globals';
import { FrameworkImportError, parseFramework } from './index.js';

const sample = [
  '---',
  'title: "Platform Guild"',
  'levels: 3',
  'topics:',
  '  - name: "mastery"',
  '    title: "Mastery"',
  '    content:',
  '      - level: 1',
  '        criteria:',
  '          - "Ships small changes behind feature flags"',
  '        exampleCriteria:',
  '          - criteria: "Writes a rollback note for every release"',
  '            examples:',
  '              - "Lists the flag to switch off"',
  '              - "Names who to call"',
  '  - name: "generic"',
  '    title: ""',
  '    content: []',
  '  - name: "communication"',
  '    title: "Communication & Feedback"',
  '    content:',
  '      - level: 2',
  '        criteria:',
  '          - "Asks for review early"',
  '  - name: "gardening"',
  '    title: "Code Gardening"',
  '    content:',
  '      - level: 3',
  '        criteria:',
  '          - "Prunes unused dependencies"',
  '---',
  '',
  'Body text is ignored.',
].join('\n');

describe('YAML front-matter layout', () => {
  it('Given topics with criteria and exampleCriteria, When parsed, Then examples stay examples, an empty title falls back to the name, and levels run 1..levels', () => {
    const { draft, warnings, format } = parseFramework(sample, 'auto');
    expect(format).toBe('frontmatter');
    expect(draft.name).toBe('Platform Guild');
    expect(draft.levels).toEqual([{ level: 1 }, { level: 2 }, { level: 3 }]);
    expect(draft.competencies).toEqual([
      { id: 'mastery', name: 'Mastery' },
      { id: 'generic', name: 'Generic' },
      { id: 'communication-feedback', name: 'Communication & Feedback' },
      { id: 'code-gardening', name: 'Code Gardening' },
    ]);
    expect(draft.behaviours).toEqual([
      { level: 1, competencyId: 'mastery', text: 'Ships small changes behind feature flags', notes: [], examples: [] },
      {
        level: 1,
        competencyId: 'mastery',
        text: 'Writes a rollback note for every release',
        notes: [],
        examples: ['Lists the flag to switch off', 'Names who to call'],
      },
      { level: 2, competencyId: 'communication-feedback', text: 'Asks for review early', notes: [], examples: [] },
      { level: 3, competencyId: 'code-gardening', text: 'Prunes unused dependencies', notes: [], examples: [] },
    ]);
    expect(warnings).toEqual([
      { line: 17, message: "topic 'generic' has an empty title; named it 'Generic' after its name" },
      { line: 16, message: expect.stringMatching(/^competency 'Generic' is not one of the declared competencies \(Mastery, .*check it is not a typo$/) },
      { line: 25, message: expect.stringMatching(/^competency 'Code Gardening' is not one of the declared/) },
    ]);
    // Competencies the framework already declares (its previous version's) are not warned about.
    const known = parseFramework(sample, 'auto', { knownCompetencies: [{ id: 'generic', name: 'Generic' }, { id: 'code-gardening', name: 'Code Gardening' }] });
    expect(known.warnings.map((w) => w.line)).toEqual([17]);
  });

  it('maps a reference topic name to the standard competency even when the title differs', () => {
    const text = ['---', 'title: G', 'levels: 2', 'topics:', '  - name: communication', '    title: Talking', '    content: []', '---'].join('\n');
    expect(parseFramework(text, 'frontmatter').draft.competencies).toEqual([{ id: 'communication-feedback', name: 'Talking' }]);
  });

  it('takes the number of levels from the highest level seen when `levels` is absent', () => {
    const text = sample.replace('levels: 3\n', '').replace('level: 3', 'level: 4');
    expect(parseFramework(text, 'frontmatter').draft.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
  });

  it('reports a level above `levels` with its path and line', () => {
    const text = sample.replace('level: 3', 'level: 5');
    const error = (() => {
      try {
        parseFramework(text, 'frontmatter');
      } catch (e) {
        return e as FrameworkImportError;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(FrameworkImportError);
    expect(error.line).toBe(28);
    expect(error.message).toBe('frontmatter line 28: topics[3].content[0].level: expected an integer between 1 and 3, found 5');
  });

  it('reports a wrongly typed field with its line in the file', () => {
    const text = sample.replace('- level: 2', '- level: two');
    expect(() => parseFramework(text, 'frontmatter')).toThrow(
      "frontmatter line 22: topics[2].content[0].level: expected a positive integer, found 'two'",
    );
  });
});
