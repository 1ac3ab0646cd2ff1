import { normaliseDisplayName, type DraftBehaviour, type FrameworkDraft } from '@skills-graph/domain';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node } from 'yaml';
import { z } from 'zod';
import { display, FrameworkImportError } from './import-error.js';
import { frameworkLimits, tooDeep, tooManyBehaviours } from './limits.js';
import type { FrameworkFormat, FrameworkImportResult, ParseOptions } from './types.js';

// ---------------------------------------------------------------------------------------------
// Our own format: the schema (zod, and the JSON Schema generated from it)
// ---------------------------------------------------------------------------------------------

const nonEmpty = (what = 'a non-empty string') => z.string({ error: what }).regex(/\S/, { error: what });
const positiveInt = (what = 'a positive integer') => z.int({ error: what }).min(1, { error: what });
const slug = z
  .string({ error: 'a lowercase slug such as communication-feedback' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'a lowercase slug such as communication-feedback' });
const stringList = (what: string) => z.array(z.string({ error: 'a string' }), { error: what });

const levelSchema = z
  .strictObject(
    {
      level: positiveInt().meta({ description: 'Level number; the levels run 1..N without gaps.' }),
      name: z.string({ error: 'a string' }).optional(),
      summary: z.string({ error: 'a string' }).optional(),
    },
    { error: 'an object with a level number' },
  )
  .meta({ title: 'Level' });

const competencySchema = z
  .strictObject(
    {
      id: slug.meta({ description: 'Stable slug, referenced by behaviours.' }),
      name: nonEmpty(),
      description: z.string({ error: 'a string' }).optional(),
    },
    { error: 'an object with an id and a name' },
  )
  .meta({ title: 'Competency' });

const behaviourSchema = z
  .strictObject(
    {
      id: nonEmpty().optional().meta({ description: 'Stable id; assigned on import when absent.' }),
      level: positiveInt().meta({ description: 'One of the declared level numbers.' }),
      competency: slug.meta({ description: 'The id of one of the declared competencies.' }),
      text: nonEmpty(),
      notes: stringList('a list of strings').optional(),
      examples: stringList('a list of strings').optional(),
    },
    { error: 'an object with level, competency and text' },
  )
  .meta({ title: 'Behaviour' });

const policySchema = z
  .strictObject(
    {
      coverageShare: z
        .number({ error: 'a number greater than 0 and at most 1' })
        .gt(0, { error: 'a number greater than 0 and at most 1' })
        .max(1, { error: 'a number greater than 0 and at most 1' }),
      minimumEvidence: positiveInt(),
      recencyWindowDays: positiveInt('a positive integer or null').nullable(),
    },
    { error: 'an object with coverageShare, minimumEvidence and recencyWindowDays' },
  )
  .meta({ title: 'Level policy' });

export const frameworkFileSchema = z
  .strictObject(
    {
      $schema: z.string({ error: 'a string' }).optional(),
      name: nonEmpty(),
      levels: z.array(levelSchema, { error: 'a list of levels' }).min(1, { error: 'at least one level' }),
      competencies: z
        .array(competencySchema, { error: 'a list of competencies' })
        .min(1, { error: 'at least one competency' }),
      behaviours: z.array(behaviourSchema, { error: 'a list of behaviours' }),
      policy: policySchema.optional(),
    },
    { error: 'an object with name, levels, competencies and behaviours' },
  )
  .meta({ title: 'Skills graph framework', description: 'One framework version: levels, competencies and behaviours.' });

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;

/** JSON Schema of our own framework format (kept in sync with schema/framework.schema.json by a test). */
export const frameworkJsonSchema: object = z.toJSONSchema(frameworkFileSchema);

// ---------------------------------------------------------------------------------------------
// Locating JSON paths in the source text
// ---------------------------------------------------------------------------------------------

export type PathSegment = string | number;
export type Locate = (path: readonly PathSegment[]) => number | null;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

interface ParsedYaml {
  data: unknown;
  locate: Locate;
}

/**
 * Parses YAML (or JSON, a subset) keeping node positions, so errors can name a line.
 * `lineOffset` is added to every line (for YAML embedded in a larger file).
 */
export function parseYamlWithLines(text: string, format: FrameworkFormat, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    throw new FrameworkImportError({
      format,
      line: pos.line + lineOffset,
      column: pos.col,
      // The yaml library quotes a whole unexpected token, which can be the rest of the file: cut it to 80 characters.
      expected: `valid YAML (${firstError.message
        .split('\n')[0]
        ?.replace(/ at line \d+, column \d+:?$/, '')
        .replace(/"((?:[^"\\]|\\.){80})(?:[^"\\]|\\.)+"/g, '"$1…"')})`,
    });
  }
  const lineOf = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]).line + lineOffset : null;
  };
  const locate: Locate = (path) => {
    let node: unknown = doc.contents;
    let line = lineOf(node);
    for (const seg of path) {
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
        if (pair) {
          line = lineOf(pair.key) ?? line;
          next = pair.value ?? undefined;
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      if (next === undefined || next === null) return line;
      node = next as Node;
      line = lineOf(node) ?? line;
    }
    return line;
  };
  // Aliases and nesting are checked on the syntax tree, before anything is expanded.
  let aliases = 0;
  let firstAliasLine: number | null = null;
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node)) {
      aliases++;
      firstAliasLine ??= lineOf(node);
      if (aliases > frameworkLimits.maxYamlAliases) {
        throw new FrameworkImportError({
          format,
          line: lineOf(node),
          expected: `at most ${frameworkLimits.maxYamlAliases} YAML aliases (*name)`,
          found: 'more',
        });
      }
    } else if (isMap(node) || isSeq(node)) {
      if (depth > frameworkLimits.maxNestingDepth) throw tooDeep(format, lineOf(node));
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push({ node: item.key, depth: depth + 1 });
          stack.push({ node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: frameworkLimits.maxYamlAliases });
  } catch (e) {
    // An alias that expands to too much ("billion laughs"), or one that refers to nothing.
    throw new FrameworkImportError({
      format,
      line: firstAliasLine,
      expected: 'YAML whose aliases (*name) expand to a small document',
      found: display((e as Error).message),
    });
  }
  return { data, locate };
}

/** Refuses more behaviours than the limit, at the line of the first one too many. */
export function checkBehaviourCount(count: number, format: FrameworkFormat, locateFirstTooMany: () => number | null): void {
  if (count > frameworkLimits.maxBehaviours) throw tooManyBehaviours(format, locateFirstTooMany(), count);
}

// ---------------------------------------------------------------------------------------------
// JSON syntax errors: find the offending offset ourselves (V8 messages do not always carry one)
// ---------------------------------------------------------------------------------------------

function jsonErrorOffset(text: string): { offset: number; expected: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  const fail = (expected: string): never => {
    throw { offset: i, expected };
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a double-quoted property name');
        string();
        ws();
        if (text[i] !== ':') fail("':' after a property name");
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail("',' or '}' after a property value");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail("',' or ']' after an array element");
      }
    } else if (c === '"') {
      string();
    } else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
      if (!m) fail('a JSON value');
      i += m?.[0].length ?? 0;
    }
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') fail('a closing double quote');
      if (c === '\\') {
        const m = /^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(text.slice(i));
        if (!m) fail('a valid escape sequence');
        i += m?.[0].length ?? 0;
        continue;
      }
      i++;
      if (c === '"') return;
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the document');
    return { offset: text.length, expected: 'valid JSON' };
  } catch (e) {
    return e as { offset: number; expected: string };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

export function parseJsonFramework(text: string, options: ParseOptions = {}): FrameworkImportResult {
  const source = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    const { offset, expected } = jsonErrorOffset(source);
    const { line, column } = lineAndColumn(source, offset);
    const rest = source.slice(offset).split('\n')[0] ?? '';
    throw new FrameworkImportError({
      format: 'json',
      line,
      column,
      expected,
      found: rest.trim() ? `'${rest.trim().slice(0, 20)}'` : 'the end of the line',
    });
  }
  // JSON.parse is fast; node positions (a slower parse) are only needed to name the line of a problem.
  let located: Locate | undefined;
  const locate: Locate = (path) => (located ??= parseYamlWithLines(source, 'json').locate)(path);
  return { format: 'json', draft: validateFrameworkData(data, 'json', locate, options), warnings: [] };
}

export function parseYamlFramework(text: string, options: ParseOptions = {}): FrameworkImportResult {
  const { data, locate } = parseYamlWithLines(text.replace(/^\uFEFF/, ''), 'yaml');
  return { format: 'yaml', draft: validateFrameworkData(data, 'yaml', locate, options), warnings: [] };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** Validates data in our own format (already parsed) and turns it into a draft. */
export function validateFrameworkData(
  data: unknown,
  format: FrameworkFormat,
  locate: Locate,
  options: ParseOptions = {},
): FrameworkDraft {
  const fail = (path: readonly PathSegment[], expected: string, found?: string | null): never => {
    throw new FrameworkImportError({ format, line: locate(path), path: formatPath(path), expected, found });
  };

  const withName =
    options.name && data && typeof data === 'object' && !Array.isArray(data) && !('name' in data)
      ? { ...data, name: options.name }
      : data;
  const listed = (withName as { behaviours?: unknown } | null)?.behaviours;
  if (Array.isArray(listed)) checkBehaviourCount(listed.length, format, () => locate(['behaviours', frameworkLimits.maxBehaviours]));
  const parsed = frameworkFileSchema.safeParse(withName);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return fail([], 'a framework');
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return fail([...path, key], 'only known fields', `unknown field '${key}'`);
    }
    const found = issue.code === 'too_small' && issue.origin === 'array' ? 'an empty list' : display(valueAt(withName, path));
    return fail(path, issue.message, found);
  }
  const file = parsed.data;

  // Levels: unique and 1..N without gaps.
  const seenLevels = new Set<number>();
  file.levels.forEach((l, i) => {
    if (seenLevels.has(l.level)) fail(['levels', i, 'level'], 'a level number not declared before', String(l.level));
    seenLevels.add(l.level);
  });
  const n = file.levels.length;
  file.levels.forEach((l, i) => {
    if (l.level > n) fail(['levels', i, 'level'], `levels numbered 1..${n} without gaps`, String(l.level));
  });

  const competencyIds = new Set<string>();
  file.competencies.forEach((c, i) => {
    if (competencyIds.has(c.id)) fail(['competencies', i, 'id'], 'a competency id not used before', `'${c.id}'`);
    competencyIds.add(c.id);
  });

  const behaviourIds = new Set<string>();
  const behaviours: DraftBehaviour[] = file.behaviours.map((b, i) => {
    if (!seenLevels.has(b.level)) fail(['behaviours', i, 'level'], `an integer between 1 and ${n}`, String(b.level));
    if (!competencyIds.has(b.competency)) {
      fail(['behaviours', i, 'competency'], `one of the competency ids (${[...competencyIds].join(', ')})`, `'${b.competency}'`);
    }
    if (b.id !== undefined) {
      if (behaviourIds.has(b.id)) fail(['behaviours', i, 'id'], 'a behaviour id not used before', `'${b.id}'`);
      behaviourIds.add(b.id);
    }
    const out: DraftBehaviour = {
      level: b.level,
      competencyId: b.competency,
      text: b.text,
      notes: b.notes ?? [],
      examples: b.examples ?? [],
    };
    if (b.id !== undefined) out.id = b.id;
    return out;
  });

  const draft: FrameworkDraft = {
    name: normaliseDisplayName(file.name),
    levels: file.levels.map((l) => withoutUndefined({ level: l.level, name: l.name, summary: l.summary })),
    competencies: file.competencies.map((c) => withoutUndefined({ id: c.id, name: normaliseDisplayName(c.name), description: c.description })),
    behaviours,
  };
  if (file.policy) draft.policy = { ...file.policy };
  return draft;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// Serialising
// ---------------------------------------------------------------------------------------------

/** The draft in our own file format, as a plain object (`competencyId` is written as `competency`). */
export function toFrameworkFile(draft: FrameworkDraft): FrameworkFile {
  const file: FrameworkFile = {
    name: draft.name,
    levels: draft.levels.map((l) => withoutUndefined({ level: l.level, name: l.name, summary: l.summary })),
    competencies: draft.competencies.map((c) => withoutUndefined({ id: c.id, name: c.name, description: c.description })),
    behaviours: draft.behaviours.map((b) =>
      withoutUndefined({
        id: b.id,
        level: b.level,
        competency: b.competencyId,
        text: b.text,
        notes: b.notes.length ? [...b.notes] : undefined,
        examples: b.examples.length ? [...b.examples] : undefined,
      }),
    ),
  };
  if (draft.policy) file.policy = { ...draft.policy };
  return file;
}

/** Writes a draft in our own JSON or YAML format; `parseFramework` reads it back to an equal draft. */
export function serializeFramework(draft: FrameworkDraft, format: 'json' | 'yaml' = 'json'): string {
  const file = toFrameworkFile(draft);
  return format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : stringify(file, { lineWidth: 0 });
}
