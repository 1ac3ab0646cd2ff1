import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError, decideFramework, initialFrameworkState } from '@skills-graph/domain';
import { referenceFrameworksDir } from '@skills-graph/config/testing';
import { FrameworkImportError, detectFrameworkFormat, parseFramework, serializeFramework, type FrameworkFormat } from './index.js';

// Generated bad input for every framework reader (issue #14 item 7): whatever text comes in, each reader
// answers with a framework draft (which the domain then accepts or refuses with a coded DomainError) or a
// located FrameworkImportError; never another exception, never a hang (sizes are bounded).
// FUZZ_RUNS sets the runs per property (CI keeps the default small; `npm run fuzz` raises it).
const runs = Number(process.env['FUZZ_RUNS'] ?? 150);
const formats: (FrameworkFormat | 'auto')[] = ['auto', 'json', 'yaml', 'frontmatter', 'markdown', 'text'];
const here = path.dirname(fileURLToPath(import.meta.url));

type Outcome = 'draft' | 'refused-by-domain' | 'import-error';
/** Outcomes by format, printed after a run with FUZZ_RUNS set (for docs/reliability.md). */
const tally = new Map<string, number>();
function outcomeOf(text: string, format: FrameworkFormat | 'auto'): Outcome {
  const outcome = readOnce(text, format);
  const key = `${format} ${outcome}`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
  return outcome;
}

/** What happened to one text in one reader; throws (failing the property) on anything else. */
function readOnce(text: string, format: FrameworkFormat | 'auto'): Outcome {
  let result;
  try {
    result = parseFramework(text, format);
  } catch (error) {
    if (!(error instanceof FrameworkImportError)) throw new Error(`${format}: not a FrameworkImportError: ${String(error)} ${(error as Error)?.stack ?? ''}`);
    expect(formats).toContain(error.format);
    if (error.line !== null) {
      expect(Number.isInteger(error.line)).toBe(true);
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.line).toBeLessThanOrEqual(text.split('\n').length + 1);
    }
    expect(error.expected.length).toBeGreaterThan(0);
    expect(error.message.length).toBeLessThanOrEqual(2_000);
    return 'import-error';
  }
  expect(formats).toContain(result.format);
  if (format !== 'auto') expect(result.format).toBe(format);
  for (const w of result.warnings) {
    expect(Number.isInteger(w.line)).toBe(true);
    expect(w.line).toBeGreaterThanOrEqual(1);
  }
  const levels = new Set(result.draft.levels.map((l) => l.level));
  const competencies = new Set(result.draft.competencies.map((c) => c.id));
  for (const b of result.draft.behaviours) {
    expect(levels.has(b.level)).toBe(true);
    expect(competencies.has(b.competencyId)).toBe(true);
  }
  try {
    decideFramework(
      { type: 'ImportFrameworkVersion', data: { frameworkId: 'fuzz', draft: result.draft, contentHash: 'h', sourceFormat: result.format, warnings: [], importedAt: '2026-01-01T00:00:00Z', importedBy: 'fuzz' } },
      initialFrameworkState(),
    );
    return 'draft';
  } catch (error) {
    if (!(error instanceof DomainError)) throw new Error(`the domain refused a ${result.format} draft with ${String(error)}`);
    expect(typeof error.code).toBe('string');
    return 'refused-by-domain';
  }
}

// ---- in-repo examples of every layout (the published fixtures are added when FRAMEWORK_FIXTURES_DIR has them)

const markdown = [
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
  '- Writes a rollback note for every release',
  '',
  '## Level 2: Practitioner',
  '',
  '### Care',
  '',
  '- Leaves the campsite tidier than found',
].join('\n');
const frontmatter = [
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
  '  - name: "communication"',
  '    title: "Communication & Feedback"',
  '    content:',
  '      - level: 2',
  '        criteria:',
  '          - "Asks for review early"',
  '---',
  '',
  'Body text is ignored.',
].join('\n');
const plainText = [
  'Platform Guild',
  '',
  'Level 1',
  'Mastery',
  'Ships small changes behind feature flags',
  'Writes a rollback note for every release',
  'Examples',
  'Dark-launched search box',
  'Level 2',
  'Impact',
  'Owns an on-call rotation for a quarter',
].join('\n');
const yamlExample = readFileSync(path.join(here, '../../../docs/examples/framework.yaml'), 'utf8');
const jsonExample = serializeFramework(parseFramework(yamlExample, 'yaml').draft, 'json');

const fixturesDir = referenceFrameworksDir();
const examples: Record<string, string> = {
  'markdown example': markdown,
  'front-matter example': frontmatter,
  'plain-text example': plainText,
  'docs/examples/framework.yaml': yamlExample,
  'its JSON': jsonExample,
  ...(fixturesDir ? Object.fromEntries(readdirSync(fixturesDir).map((f) => [f, readFileSync(path.join(fixturesDir, f), 'utf8')])) : {}),
};

// ---- generators

const format = fc.constantFrom(...formats);
/** Characters that mean something to one of the readers. */
const syntax = fc.constantFrom(...'#-*+:{}[],"\'|>&*!%@`\\\n\r\t '.split(''), '---\n', '### ', '## Level ', '- ', '  - ', 'level: ', 'topics:', 'behaviours:', '\uFEFF', '\u2028', '\0', '𝕏', 'é', '👩🏽‍💻');
const text = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: syntax, maxLength: 200 }),
  fc.array(fc.oneof(fc.string({ unit: syntax, maxLength: 30 }), fc.string({ maxLength: 30 })), { maxLength: 40 }).map((lines) => lines.join('\n')),
);
/** JSON values of any shape, and objects shaped like our format with wrong values in its fields. */
const anyValue = fc.jsonValue({ maxDepth: 4 });
const frameworkish = fc.record(
  {
    name: anyValue,
    levels: fc.oneof(anyValue, fc.array(fc.record({ level: anyValue, name: anyValue }, { requiredKeys: [] }), { maxLength: 8 })),
    competencies: fc.oneof(anyValue, fc.array(fc.record({ id: anyValue, name: anyValue, description: anyValue }, { requiredKeys: [] }), { maxLength: 6 })),
    behaviours: fc.oneof(
      anyValue,
      fc.array(fc.record({ id: anyValue, level: fc.oneof(fc.integer({ min: -3, max: 9 }), anyValue), competency: anyValue, text: anyValue, notes: anyValue, examples: anyValue }, { requiredKeys: [] }), { maxLength: 10 }),
    ),
    policy: anyValue,
    topics: anyValue,
    extra: anyValue,
  },
  { requiredKeys: [] },
);
const structured = fc.oneof(anyValue, frameworkish);
const toYaml = (value: unknown): string => serializeYamlish(value, 0);
/** A hand-rolled YAML writer (block style, some flow), so the YAML reader sees its own syntax with odd values. */
function serializeYamlish(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.map((v) => `\n${pad}- ${serializeYamlish(v, indent + 2).trimStart()}`).join('');
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : entries.map(([k, v]) => `\n${pad}${JSON.stringify(k)}: ${serializeYamlish(v, indent + 2)}`).join('');
  }
  return JSON.stringify(value) ?? 'null';
}

/** A real example with a few random edits: characters replaced, lines cut, duplicated, swapped or inserted. */
const mutated = fc
  .tuple(
    fc.constantFrom(...Object.entries(examples)),
    fc.array(
      fc.tuple(fc.constantFrom('replace', 'delete-line', 'duplicate-line', 'swap-lines', 'insert', 'truncate', 'indent'), fc.nat(), fc.nat(), fc.string({ unit: syntax, maxLength: 12 })),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([[name, source], edits]) => {
    let lines = source.split('\n');
    for (const [edit, a, b, insert] of edits) {
      const i = a % Math.max(1, lines.length);
      const j = b % Math.max(1, lines.length);
      const line = lines[i] ?? '';
      if (edit === 'replace') lines[i] = line.slice(0, b % (line.length + 1)) + insert + line.slice((b % (line.length + 1)) + 1);
      else if (edit === 'delete-line') lines.splice(i, 1);
      else if (edit === 'duplicate-line') lines.splice(i, 0, line);
      else if (edit === 'swap-lines') [lines[i], lines[j]] = [lines[j] ?? '', line];
      else if (edit === 'insert') lines.splice(i, 0, insert);
      else if (edit === 'truncate') lines = lines.slice(0, i);
      else lines[i] = ' '.repeat(b % 7) + line.trimStart();
    }
    return { name, text: lines.join('\n') };
  });

describe('framework readers, generated bad input', () => {
  afterAll(() => {
    if (process.env['FUZZ_RUNS']) console.log(`framework readers, ${runs} runs per property: ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
  });

  it('the in-repo examples read as frameworks (so the mutations below start from valid files)', () => {
    for (const [name, source] of Object.entries(examples)) expect([name, outcomeOf(source, 'auto')]).toEqual([name, 'draft']);
  });

  it('found by generation: a text file read as YAML is refused quoting at most 80 characters of it (the message held the whole file)', () => {
    const text = `Backend\n#\nLevel 1\n\n${'Writes tests for the code they change\n\n'.repeat(200)}`;
    expect(outcomeOf(text, 'yaml')).toBe('import-error');
    const error = (() => {
      try {
        parseFramework(text, 'yaml');
      } catch (e) {
        return e as FrameworkImportError;
      }
    })()!;
    expect(error).toMatchObject({ line: 3, expected: expect.stringMatching(/^valid YAML \(Unexpected scalar token in YAML stream: "Level 1.{70,80}…"\)$/) });
  });

  it('arbitrary text, in every format and in auto: a framework or a located FrameworkImportError', () => {
    fc.assert(
      fc.property(text, format, (t, f) => {
        outcomeOf(t, f);
      }),
      { numRuns: runs },
    );
  });

  it('arbitrary JSON values and framework-shaped objects with wrong field values, as JSON, as YAML and as front matter', () => {
    fc.assert(
      fc.property(structured, fc.constantFrom('json', 'yaml', 'frontmatter', 'auto') as fc.Arbitrary<FrameworkFormat | 'auto'>, fc.constantFrom('json-text', 'yaml-text'), (value, f, writer) => {
        const body = writer === 'json-text' ? JSON.stringify(value) : toYaml(value);
        const t = f === 'frontmatter' ? `---\n${body}\n---\nbody` : body;
        outcomeOf(t, f);
      }),
      { numRuns: runs },
    );
  });

  it('mutated versions of real framework files, read as the detected format and as every other', () => {
    fc.assert(
      fc.property(mutated, format, ({ text: t }, f) => {
        outcomeOf(t, f);
        expect(formats).toContain(detectFrameworkFormat(t));
      }),
      { numRuns: runs },
    );
  });

  it('sizes and nesting around the limits, answered without hanging', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('[', '{"a":', '- ', 'a:\n  '),
        fc.integer({ min: 0, max: 3_000 }),
        fc.constantFrom('- x\n', '### c\n', 'Level 1\n', '*a ', '&a [*a,*a] ', '  '),
        format,
        (depth, opener, repeat, unit, f) => {
          outcomeOf(opener.repeat(depth) + unit.repeat(repeat), f);
        },
      ),
      { numRuns: Math.max(20, Math.floor(runs / 5)) },
    );
  });
});
