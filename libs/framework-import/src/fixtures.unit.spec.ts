import { beforeAll, describe, expect, it } from '@jest/globals';
import type { FrameworkDraft } from '@skills-graph/domain';
import { readFileSync } from 'node:fs';
import { referenceFrameworksDir } from '@skills-graph/config/testing';
import path from 'node:path';
import { detectFrameworkFormat, parseFramework, type FrameworkFormat, type FrameworkImportResult } from './index.js';

// Acceptance against the published framework fixtures (not ours: read, never copied into tests).
const dir = referenceFrameworksDir() ?? '';
const describeIfFixtures = dir ? describe : describe.skip;

const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const files: Record<'markdown' | 'frontmatter' | 'text', string> = {
  markdown: 'backend-engineering.md',
  frontmatter: 'backend-engineering.monzo.md',
  text: 'backend-engineering.txt',
};
const standardIds = ['mastery', 'impact', 'influence', 'communication-feedback', 'leadership'];

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const placedTexts = (d: FrameworkDraft) =>
  d.behaviours.map((b) => `${b.competencyId}|${b.level}|${normalise(b.text)}`).sort();
const count = (d: FrameworkDraft, key: 'notes' | 'examples') => d.behaviours.reduce((n, b) => n + b[key].length, 0);

describeIfFixtures('framework fixtures', () => {
  describe.each(['markdown', 'frontmatter'] as const)('the %s fixture', (format) => {
    // Parsed in beforeAll, not while collecting: on a clone without the fixtures this block is skipped.
    let draft: FrameworkDraft;
    let warnings: FrameworkImportResult['warnings'];
    let detected: FrameworkFormat;
    beforeAll(() => {
      ({ draft, warnings, format: detected } = parseFramework(read(files[format]), 'auto'));
    });

    it('is detected and read as that format', () => {
      expect(detected).toBe(format);
    });

    it('has 6 levels, the 5 standard competencies and 116 behaviours', () => {
      expect(draft.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(draft.competencies.map((c) => c.id)).toEqual(standardIds);
      expect(draft.behaviours).toHaveLength(116);
      expect(warnings).toEqual([]);
    });

    it('has no leadership behaviours at levels 1 and 2, and some at every other level', () => {
      const leadershipLevels = new Set(draft.behaviours.filter((b) => b.competencyId === 'leadership').map((b) => b.level));
      expect([...leadershipLevels].sort()).toEqual([3, 4, 5, 6]);
    });

    it('places every behaviour in a declared level and competency', () => {
      const ids = new Set(draft.competencies.map((c) => c.id));
      for (const b of draft.behaviours) {
        expect(ids.has(b.competencyId)).toBe(true);
        expect(b.level).toBeGreaterThanOrEqual(1);
        expect(b.level).toBeLessThanOrEqual(6);
        expect(b.text.trim()).not.toBe('');
      }
    });
  });

  it('markdown: 7 examples, and notes for the elaborations', () => {
    const { draft } = parseFramework(read(files.markdown), 'markdown');
    expect(count(draft, 'examples')).toBe(7);
    expect(count(draft, 'notes')).toBe(11);
  });

  it('front matter: the 18 exampleCriteria examples are the examples of their behaviours', () => {
    const { draft } = parseFramework(read(files.frontmatter), 'frontmatter');
    expect(count(draft, 'examples')).toBe(18);
    expect(count(draft, 'notes')).toBe(0);
  });

  it('markdown notes plus examples are exactly the front-matter examples, behaviour by behaviour', () => {
    const md = parseFramework(read(files.markdown), 'markdown').draft;
    const fm = parseFramework(read(files.frontmatter), 'frontmatter').draft;
    const key = (b: { competencyId: string; level: number; text: string }) => `${b.competencyId}|${b.level}|${normalise(b.text)}`;
    const fmExamples = new Map(fm.behaviours.map((b) => [key(b), b.examples.map(normalise)]));
    for (const b of md.behaviours) {
      expect([key(b), fmExamples.get(key(b))]).toEqual([key(b), [...b.notes, ...b.examples].map(normalise)]);
    }
  });

  it('front matter with empty topic titles: every topic is named after its name and no competency is lost', () => {
    const blanked = read(files.frontmatter).replace(/^(\s*title:\s*)"[^"]*"\s*$/gm, (line, key: string) => (/^\s{4}/.test(line) ? `${key}""` : line));
    expect(blanked).not.toEqual(read(files.frontmatter));
    const { draft, warnings } = parseFramework(blanked, 'frontmatter');
    expect(draft.competencies).toEqual(parseFramework(read(files.frontmatter), 'frontmatter').draft.competencies);
    expect(draft.behaviours).toHaveLength(116);
    expect(warnings.map((w) => w.message)).toEqual(
      ['mastery', 'impact', 'influence', 'communication', 'leadership'].map((name) => expect.stringContaining(`topic '${name}' has an empty title`)),
    );
  });

  it('markdown and front matter hold the same behaviour texts by competency and level', () => {
    const md = parseFramework(read(files.markdown), 'markdown').draft;
    const fm = parseFramework(read(files.frontmatter), 'frontmatter').draft;
    expect(placedTexts(md)).toEqual(placedTexts(fm));
  });

  describe('the plain-text fixture', () => {
    let result: FrameworkImportResult;
    let md: FrameworkDraft;
    beforeAll(() => {
      result = parseFramework(read(files.text), 'auto');
      md = parseFramework(read(files.markdown), 'markdown').draft;
    });

    it('is detected as text and gives 6 levels and the 5 standard competencies', () => {
      expect(result.format).toBe('text');
      expect(result.draft.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(result.draft.competencies.map((c) => c.id)).toEqual(standardIds);
    });

    it('warns about the lines it could not place with certainty, naming the rule', () => {
      expect(result.warnings.length).toBeGreaterThan(0);
      for (const w of result.warnings) {
        expect(w.line).toBeGreaterThanOrEqual(1);
        expect(w.message).toMatch(/rule: /);
      }
    });

    it('keeps every behaviour of the structured version as a behaviour at the same place', () => {
      const text = new Set(placedTexts(result.draft));
      const missing = placedTexts(md).filter((k) => !text.has(k));
      expect(missing).toEqual([]);
    });

    it('attaches the examples to the behaviours they belong to, with a warning for each', () => {
      const examplesOf = (d: FrameworkDraft) =>
        d.behaviours.filter((b) => b.examples.length > 0).map((b) => [normalise(b.text), b.examples.map(normalise)]);
      expect(examplesOf(result.draft)).toEqual(examplesOf(md));
      const exampleWarnings = result.warnings.filter((w) => w.message.includes("follows an 'Examples' line"));
      expect(exampleWarnings).toHaveLength(7);
    });

    it('gives the same 116 behaviours as the structured formats, with the elaborations as notes and the examples as examples', () => {
      expect(result.draft.behaviours).toHaveLength(116);
      const detail = (d: FrameworkDraft) =>
        d.behaviours.map((b) => JSON.stringify([b.competencyId, b.level, normalise(b.text), b.notes.map(normalise), b.examples.map(normalise)])).sort();
      expect(detail(result.draft)).toEqual(detail(md));
    });

    it('warns for every line it attached as a note, and for every line kept as a behaviour with doubt', () => {
      const notes = result.draft.behaviours.flatMap((b) => b.notes.map(normalise));
      const warned = new Set(result.warnings.filter((w) => w.message.startsWith('attached as a note')).map((w) => normalise(w.text ?? '')));
      expect(notes.filter((n) => !warned.has(n))).toEqual([]);
      for (const w of result.warnings.filter((x) => x.message.startsWith('kept as a behaviour'))) {
        expect(result.draft.behaviours.map((b) => normalise(b.text))).toContain(normalise(w.text ?? ''));
      }
    });
  });

  it.each(Object.entries(files))('detects %s', (format, file) => {
    expect(detectFrameworkFormat(read(file))).toBe(format as FrameworkFormat);
  });
});
