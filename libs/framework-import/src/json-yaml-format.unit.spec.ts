import { describe, expect, it } from '@jest/globals';
import { normaliseDisplayName, type DraftBehaviour, type FrameworkDraft } from '@skills-graph/domain';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FrameworkImportError, frameworkJsonSchema, frameworkLimits, parseFramework, serializeFramework } from './index.js';

const libRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const sample = {
  name: 'Platform Guild',
  levels: [{ level: 1, name: 'Apprentice' }, { level: 2 }],
  competencies: [
    { id: 'delivery', name: 'Delivery' },
    { id: 'care', name: 'Care', description: 'Looking after people and systems' },
  ],
  behaviours: [
    { level: 1, competency: 'delivery', text: 'Ships small changes behind feature flags' },
    {
      id: 'care-2-x',
      level: 2,
      competency: 'care',
      text: 'Leaves the campsite tidier than found',
      notes: ['Deletes dead code on the way'],
      examples: ['Removed an unused queue'],
    },
  ],
  policy: { coverageShare: 0.5, minimumEvidence: 2, recencyWindowDays: null },
};

function errorOf(fn: () => unknown): FrameworkImportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FrameworkImportError) return e;
    throw e;
  }
  throw new Error('expected a FrameworkImportError');
}

describe('our own JSON and YAML format', () => {
  it('Given a valid JSON file, When parsed, Then it gives the draft with competency ids and empty lists filled in', () => {
    const { draft, format, warnings } = parseFramework(JSON.stringify(sample, null, 2), 'json');
    expect(format).toBe('json');
    expect(warnings).toEqual([]);
    expect(draft).toEqual({
      name: 'Platform Guild',
      levels: sample.levels,
      competencies: sample.competencies,
      behaviours: [
        { level: 1, competencyId: 'delivery', text: 'Ships small changes behind feature flags', notes: [], examples: [] },
        {
          id: 'care-2-x',
          level: 2,
          competencyId: 'care',
          text: 'Leaves the campsite tidier than found',
          notes: ['Deletes dead code on the way'],
          examples: ['Removed an unused queue'],
        },
      ],
      policy: sample.policy,
    });
  });

  it('Given the same framework as YAML, When parsed, Then it gives the same draft', () => {
    const json = parseFramework(JSON.stringify(sample), 'json').draft;
    const yaml = parseFramework(serializeFramework(json, 'yaml'), 'auto');
    expect(yaml.format).toBe('yaml');
    expect(yaml.draft).toEqual(json);
  });

  it('names the JSON path and line of a behaviour level outside the declared levels', () => {
    const bad = structuredClone(sample);
    bad.behaviours[1]!.level = 3;
    const error = errorOf(() => parseFramework(JSON.stringify(bad, null, 2), 'json'));
    expect(error.path).toBe('behaviours[1].level');
    expect(error.expected).toBe('an integer between 1 and 2');
    expect(error.message).toContain('behaviours[1].level: expected an integer between 1 and 2, found 3');
    const text = JSON.stringify(bad, null, 2).split('\n');
    expect(text[(error.line ?? 0) - 1]).toContain('"level": 3');
  });

  it('gives the YAML line of a field with the wrong type', () => {
    const yaml = [
      'name: Platform Guild',
      'levels:',
      '  - level: 1',
      'competencies:',
      '  - id: delivery',
      '    name: Delivery',
      'behaviours:',
      '  - level: 1',
      '    competency: delivery',
      '    text: Ships small changes behind feature flags',
      '  - level: one',
      '    competency: delivery',
      '    text: Pairs on risky migrations',
    ].join('\n');
    const error = errorOf(() => parseFramework(yaml, 'yaml'));
    expect(error.format).toBe('yaml');
    expect(error.line).toBe(11);
    expect(error.message).toBe("yaml line 11: behaviours[1].level: expected a positive integer, found 'one'");
  });

  it('reports a missing field at the line of its object', () => {
    const yaml = 'name: G\nlevels:\n  - level: 1\ncompetencies:\n  - id: a\n    name: A\nbehaviours:\n  - level: 1\n    text: x\n';
    const error = errorOf(() => parseFramework(yaml, 'yaml'));
    expect(error.path).toBe('behaviours[0].competency');
    expect(error.line).toBe(8);
    expect(error.found).toBe('nothing');
  });

  it('rejects unknown fields, naming them', () => {
    const text = JSON.stringify({ ...sample, colour: 'red' }, null, 2);
    const error = errorOf(() => parseFramework(text, 'json'));
    expect(error.path).toBe('colour');
    expect(error.expected).toBe('only known fields');
    expect(error.line).toBe(text.split('\n').findIndex((l) => l.includes('"colour"')) + 1);
  });

  it('rejects an unknown competency, duplicate ids and levels with gaps', () => {
    const unknown = structuredClone(sample);
    unknown.behaviours[0]!.competency = 'cooking';
    expect(errorOf(() => parseFramework(JSON.stringify(unknown), 'json')).message).toContain(
      "behaviours[0].competency: expected one of the competency ids (delivery, care), found 'cooking'",
    );

    const duplicate = structuredClone(sample);
    duplicate.competencies[1]!.id = 'delivery';
    expect(errorOf(() => parseFramework(JSON.stringify(duplicate), 'json')).path).toBe('competencies[1].id');

    const sameBehaviourId = structuredClone(sample);
    sameBehaviourId.behaviours[0] = { ...sameBehaviourId.behaviours[0]!, id: 'care-2-x' } as (typeof sample.behaviours)[0];
    expect(errorOf(() => parseFramework(JSON.stringify(sameBehaviourId), 'json')).path).toBe('behaviours[1].id');

    const gap = structuredClone(sample);
    gap.levels[1]!.level = 3;
    const error = errorOf(() => parseFramework(JSON.stringify(gap), 'json'));
    expect(error.path).toBe('levels[1].level');
    expect(error.expected).toBe('levels numbered 1..2 without gaps');
  });

  it('gives line and column of a JSON syntax error', () => {
    const error = errorOf(() => parseFramework('{\n  "name": "G",\n  "levels": [1,,2]\n}', 'json'));
    expect(error.line).toBe(3);
    expect(error.column).toBe(16);
    expect(error.expected).toBe('a JSON value');
    expect(error.message).toMatch(/^json line 3, column 16: expected a JSON value/);

    const trailing = errorOf(() => parseFramework('{\n  "name": "G",\n}', 'json'));
    expect(trailing.line).toBe(3);
    expect(trailing.expected).toBe('a double-quoted property name');
  });

  it('gives the line of a YAML syntax error', () => {
    const error = errorOf(() => parseFramework('name: G\nlevels: [1,\ncompetencies: :\n', 'yaml'));
    expect(error.format).toBe('yaml');
    expect(error.line).toBe(3);
    expect(error.expected).toMatch(/^valid YAML/);
  });

  it('uses the name option when the file has no name', () => {
    const { name: _unused, ...withoutName } = sample;
    expect(parseFramework(JSON.stringify(withoutName), 'json', { name: 'From the upload form' }).draft.name).toBe(
      'From the upload form',
    );
  });

  it('exports the JSON Schema that is also written to schema/framework.schema.json', () => {
    const file: unknown = JSON.parse(readFileSync(path.join(libRoot, 'schema/framework.schema.json'), 'utf8'));
    expect(frameworkJsonSchema).toEqual(file);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: serialising a valid draft to our JSON (or YAML) and parsing it back gives the same draft
// ---------------------------------------------------------------------------------------------

const textArb = fc
  .string({ minLength: 1, maxLength: 30, unit: fc.constantFrom(...'abcXYZ 019-_:#"\'é&,.'.split('')) })
  .filter((s) => /\S/.test(s));
const slugArb = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/);

const draftArb: fc.Arbitrary<FrameworkDraft> = fc
  .record({
    name: textArb,
    levelCount: fc.integer({ min: 1, max: 6 }),
    competencies: fc.uniqueArray(fc.record({ id: slugArb, name: textArb, description: fc.option(textArb, { nil: undefined }) }), {
      minLength: 1,
      maxLength: 5,
      selector: (c) => c.id,
    }),
    levelNames: fc.array(fc.option(textArb, { nil: undefined }), { minLength: 6, maxLength: 6 }),
    rawBehaviours: fc.array(
      fc.record({
        level: fc.nat(),
        competency: fc.nat(),
        text: textArb,
        notes: fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }),
        examples: fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }),
        withId: fc.boolean(),
      }),
      { maxLength: 12 },
    ),
    policy: fc.option(
      fc.record({
        coverageShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
        minimumEvidence: fc.integer({ min: 1, max: 5 }),
        recencyWindowDays: fc.option(fc.integer({ min: 1, max: 999 }), { nil: null }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ name, levelCount, competencies, levelNames, rawBehaviours, policy }) => {
    const draft: FrameworkDraft = {
      name: normaliseDisplayName(name),
      levels: Array.from({ length: levelCount }, (_, i) => {
        const levelName = levelNames[i];
        return levelName === undefined ? { level: i + 1 } : { level: i + 1, name: levelName };
      }),
      competencies: competencies.map((c) =>
        c.description === undefined ? { id: c.id, name: normaliseDisplayName(c.name) } : { ...c, name: normaliseDisplayName(c.name) },
      ) as FrameworkDraft['competencies'],
      behaviours: rawBehaviours.map((b, i): DraftBehaviour => {
        const behaviour: DraftBehaviour = {
          level: (b.level % levelCount) + 1,
          competencyId: competencies[b.competency % competencies.length]!.id,
          text: b.text,
          notes: b.notes,
          examples: b.examples,
        };
        if (b.withId) behaviour.id = `b-${i}`;
        return behaviour;
      }),
    };
    if (policy) draft.policy = policy;
    return draft;
  });

describe('round trip through our own format', () => {
  it('parse(serialise(draft)) equals the draft, in JSON and YAML', () => {
    fc.assert(
      fc.property(draftArb, fc.constantFrom('json' as const, 'yaml' as const), (draft, format) => {
        const result = parseFramework(serializeFramework(draft, format), 'auto');
        expect(result.format).toBe(format);
        expect(result.draft).toEqual(draft);
      }),
      { numRuns: 200 },
    );
  });
});

describe('limits, checked before any work', () => {
  const refusal = (text: string, format: Parameters<typeof parseFramework>[1]) => {
    try {
      parseFramework(text, format);
    } catch (e) {
      expect(e).toBeInstanceOf(FrameworkImportError);
      return e as FrameworkImportError;
    }
    throw new Error('expected a refusal');
  };

  it('refuses a YAML alias bomb, naming the line of the alias that expands it, and too many aliases', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), 'levels: *i'].join('\n');
    const error = refusal(bomb, 'yaml');
    expect(error.message).toMatch(/^yaml line 10: expected YAML whose aliases \(\*name\) expand to a small document/);
    expect(refusal(bomb, 'auto').message).toMatch(/aliases \(\*name\) expand/);
    const many = ['a: &a x', `levels: [${Array(frameworkLimits.maxYamlAliases + 1).fill('*a').join(', ')}]`].join('\n');
    expect(refusal(many, 'yaml')).toMatchObject({ line: 2, expected: 'at most 100 YAML aliases (*name)' });
  });

  it('refuses deep nesting, with its line', () => {
    const deep = `{"name": "x",\n"levels": ${'['.repeat(40)}${']'.repeat(40)}}`;
    const error = refusal(deep, 'json');
    expect(error.message).toMatch(/nested at most 32 deep/);
    expect(error.line).toBe(2);
    expect(refusal(`name: x\nlevels: ${'['.repeat(40)}${']'.repeat(40)}`, 'yaml').line).toBe(2);
  });

  it('refuses more behaviours than the limit in every format, naming the line of the first one too many', () => {
    const n = frameworkLimits.maxBehaviours + 1;
    const md = ['# Big', '## Level 1', '### Mastery', ...Array.from({ length: n }, (_, i) => `- Ships change ${i}`)].join('\n');
    expect(refusal(md, 'markdown')).toMatchObject({ line: 3 + n, expected: 'at most 5,000 behaviours' });
    const txt = ['Big', 'Level 1', 'Mastery', ...Array.from({ length: n }, (_, i) => `Ships change ${i}`)].join('\n');
    expect(refusal(txt, 'text')).toMatchObject({ line: 3 + n });
    const yaml = ['name: Big', 'levels: [{level: 1}]', 'competencies: [{id: mastery, name: Mastery}]', 'behaviours:', ...Array.from({ length: n }, (_, i) => `  - {level: 1, competency: mastery, text: Ships change ${i}}`)].join('\n');
    expect(refusal(yaml, 'yaml')).toMatchObject({ line: 5 + frameworkLimits.maxBehaviours, found: '5,001' });
  });

  it('refuses a file over the size limit before reading it', () => {
    const error = refusal(`name: x\n${'#'.repeat(frameworkLimits.maxContentLength)}`, 'auto');
    expect(error.message).toMatch(/at most 1,000,000 characters/);
    expect(error.line).toBe(2);
  });
});
