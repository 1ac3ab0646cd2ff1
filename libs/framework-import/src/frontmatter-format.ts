import {
  competencySlug,
  normaliseDisplayName,
  standardCompetencies,
  type CompetencyDefinition,
  type DraftBehaviour,
  type FrameworkDraft,
} from '@skills-graph/domain';
import { z } from 'zod';
import { display, FrameworkImportError } from './import-error.js';
import { checkBehaviourCount, formatPath, parseYamlWithLines, type PathSegment } from './json-yaml-format.js';
import { frameworkLimits } from './limits.js';
import { undeclaredCompetencyWarning } from './known-competencies.js';
import type { FrameworkImportResult, ImportWarning, ParseOptions } from './types.js';

/**
 * The YAML front-matter layout used by public progression-framework sites:
 * `topics[]` of `{ name, title, content[] of { level, criteria[], exampleCriteria[] of { criteria, examples[] } } }`.
 * The `examples` of an `exampleCriteria` entry become the examples of its behaviour. A topic with an empty
 * `title` is named after its `name` (the standard competency's name for the reference topic names).
 */

/** Reference topic names → our standard competencies. */
const referenceTopics: Record<string, string> = {
  mastery: 'mastery',
  impact: 'impact',
  influence: 'influence',
  communication: 'communication-feedback',
  leadership: 'leadership',
};

const text = z.string({ error: 'a string' });
const topicSchema = z.looseObject(
  {
    name: z.string({ error: 'a string' }).optional(),
    title: z.string({ error: 'a string' }).nullish(),
    content: z
      .array(
        z.looseObject(
          {
            level: z.int({ error: 'a positive integer' }).min(1, { error: 'a positive integer' }),
            criteria: z.array(text, { error: 'a list of strings' }).nullish(),
            exampleCriteria: z
              .array(
                z.looseObject(
                  { criteria: text, examples: z.array(text, { error: 'a list of strings' }).nullish() },
                  { error: 'an object with criteria and examples' },
                ),
                { error: 'a list of {criteria, examples}' },
              )
              .nullish(),
          },
          { error: 'an object with a level' },
        ),
        { error: 'a list of {level, criteria, exampleCriteria}' },
      )
      .nullish(),
  },
  { error: 'an object with name, title and content' },
);
const frontMatterSchema = z.looseObject(
  {
    title: z.string({ error: 'a string' }).nullish(),
    levels: z.int({ error: 'a positive integer' }).min(1, { error: 'a positive integer' }).nullish(),
    topics: z.array(topicSchema, { error: 'a list of topics' }).min(1, { error: 'at least one topic' }),
  },
  { error: 'a YAML mapping with title, levels and topics' },
);

/** Splits `---\n yaml \n---\n body`; text without delimiters is taken as YAML entirely. */
export function splitFrontMatter(text: string): { yaml: string; lineOffset: number } | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return null;
  return { yaml: lines.slice(1, end).join('\n'), lineOffset: 1 };
}

export function parseFrontMatterFramework(source: string, options: ParseOptions = {}): FrameworkImportResult {
  const split = splitFrontMatter(source);
  const { yaml, lineOffset } = split ?? { yaml: source.replace(/^\uFEFF/, ''), lineOffset: 0 };
  const { data, locate } = parseYamlWithLines(yaml, 'frontmatter', lineOffset);
  const fail = (path: readonly PathSegment[], expected: string, found?: string | null): never => {
    throw new FrameworkImportError({ format: 'frontmatter', line: locate(path), path: formatPath(path), expected, found });
  };

  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((p): p is PathSegment => typeof p !== 'symbol');
    let found: unknown = data;
    for (const seg of path) found = (found as Record<PathSegment, unknown> | undefined)?.[seg];
    return fail(path, issue?.message ?? 'a framework front matter', display(found));
  }
  const fm = parsed.data;
  const warnings: ImportWarning[] = [];
  let listed = 0;
  fm.topics.forEach((topic, t) =>
    (topic.content ?? []).forEach((entry, e) => {
      const before = listed;
      listed += (entry.criteria?.length ?? 0) + (entry.exampleCriteria?.length ?? 0);
      if (before <= frameworkLimits.maxBehaviours && listed > frameworkLimits.maxBehaviours) {
        checkBehaviourCount(listed, 'frontmatter', () => locate(['topics', t, 'content', e]));
      }
    }),
  );
  checkBehaviourCount(listed, 'frontmatter', () => null);

  const maxSeen = Math.max(0, ...fm.topics.flatMap((t) => (t.content ?? []).map((c) => c.level)));
  const levelCount = fm.levels ?? maxSeen;
  if (levelCount < 1) fail(['levels'], 'a number of levels, or topics with content', 'no levels');

  const competencies: CompetencyDefinition[] = [];
  const behaviours: DraftBehaviour[] = [];
  fm.topics.forEach((topic, t) => {
    const reference = topic.name ? referenceTopics[topic.name.trim().toLowerCase()] : undefined;
    const standard = standardCompetencies.find((c) => c.id === reference);
    let title = normaliseDisplayName(topic.title ?? '');
    if (!title) {
      // Files in this layout inherit topics with an empty title: the topic's name says which competency it is.
      const fallback = standard?.name ?? normaliseDisplayName(topic.name ?? '');
      if (!fallback) fail(['topics', t, 'title'], 'a topic with a title or a name', 'neither');
      title = fallback.charAt(0).toUpperCase() + fallback.slice(1);
      warnings.push({ line: locate(['topics', t, 'title']) ?? 1, message: `topic '${topic.name}' has an empty title; named it '${title}' after its name` });
    }
    const id = standard?.id ?? competencySlug(title);
    if (!id) fail(['topics', t, 'title'], 'a title with letters or digits', `'${title}'`);
    if (competencies.some((c) => c.id === id)) {
      fail(['topics', t, 'title'], `a topic distinct from the earlier '${id}' topic`, `'${title}'`);
    }
    competencies.push({ id, name: title });
    const undeclared = undeclaredCompetencyWarning({ id, name: title }, options, locate(['topics', t, 'name']) ?? locate(['topics', t]) ?? 1);
    if (undeclared) warnings.push(undeclared);

    (topic.content ?? []).forEach((entry, e) => {
      if (entry.level > levelCount) {
        fail(['topics', t, 'content', e, 'level'], `an integer between 1 and ${levelCount}`, String(entry.level));
      }
      const add = (textValue: string, examples: string[], path: PathSegment[]) => {
        const behaviourText = textValue.trim();
        if (!behaviourText) {
          warnings.push({ line: locate(path) ?? 1, message: `skipped an empty behaviour at ${formatPath(path)}` });
          return;
        }
        behaviours.push({ level: entry.level, competencyId: id, text: behaviourText, notes: [], examples });
      };
      (entry.criteria ?? []).forEach((c, i) => add(c, [], ['topics', t, 'content', e, 'criteria', i]));
      (entry.exampleCriteria ?? []).forEach((ec, i) =>
        add(
          ec.criteria,
          (ec.examples ?? []).map((x) => x.trim()).filter((x) => x.length > 0),
          ['topics', t, 'content', e, 'exampleCriteria', i, 'criteria'],
        ),
      );
    });
  });
  if (competencies.length === 0) fail(['topics'], 'at least one topic with a title', 'none');

  const name = normaliseDisplayName(fm.title ?? '') || options.name?.trim();
  if (!name) fail(['title'], 'a framework title', 'nothing');

  const order = new Map(competencies.map((c, i) => [c.id, i]));
  const sorted = behaviours
    .map((b, i) => ({ b, i }))
    .sort((x, y) => x.b.level - y.b.level || (order.get(x.b.competencyId) ?? 0) - (order.get(y.b.competencyId) ?? 0) || x.i - y.i)
    .map(({ b }) => b);

  const draft: FrameworkDraft = {
    name: name as string,
    levels: Array.from({ length: levelCount }, (_, i) => ({ level: i + 1 })),
    competencies,
    behaviours: sorted,
  };
  return { format: 'frontmatter', draft, warnings };
}
