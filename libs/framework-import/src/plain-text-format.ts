import {
  competencySlug,
  standardCompetencies,
  type CompetencyDefinition,
  type DraftBehaviour,
  type FrameworkDraft,
} from '@skills-graph/domain';
import { FrameworkImportError } from './import-error.js';
import type { FrameworkImportResult, ImportWarning, ParseOptions } from './types.js';

/**
 * Flat plain text, as a framework looks after copying it out of a web page: a title line, `Level N` lines,
 * category lines, one behaviour per line, and `Examples` followed by example lines. The nesting is lost,
 * so this is best effort: every line whose place is uncertain produces a warning naming the rule that fired.
 * Only a text without any `Level N` line is rejected.
 */

const levelLine = /^level\s+(\d+)\b\s*(?:[:.\u2013\u2014-]\s*)?(.*)$/i;
const examplesLine = /^examples?\s*:?$/i;
const quoteStart = /^["'\u2018\u201C\u00AB\u201E]/;
const lowercaseStart = /^\p{Ll}/u;
/** Second words that show the line has its own subject ("Services can …"), unlike a behaviour. */
const auxiliaries = new Set([
  'can', 'could', 'will', 'would', 'should', 'must', 'may', 'might', 'is', 'are', 'was', 'were', 'has', 'have', 'do', 'does',
]);
const LONG_LINE = 110;

/** "Writes", "Co-ordinates", "Proactively raises": a behaviour usually starts with a verb in the third person. */
export function startsWithVerb(line: string): boolean {
  const words = line.split(/\s+/).map((w) => w.replace(/[^\p{L}-]/gu, ''));
  const verb = (w: string | undefined) => !!w && /^[A-Z]?[a-z]+(?:-[a-z]+)*s$/.test(w) && !/(?:ss|us|is)$/.test(w);
  const first = words[0];
  if (verb(first)) return true;
  return !!first && /^[A-Z][a-z]+ly$/.test(first) && verb(words[1]);
}

function looksLikeHeading(line: string): boolean {
  return line.split(/\s+/).length <= 4 && !/[.,;:!?]$/.test(line) && !line.includes(',') && /^\p{Lu}/u.test(line);
}

export function parsePlainTextFramework(text: string, options: ParseOptions = {}): FrameworkImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!lines.some((l) => levelLine.test(l.trim()))) {
    throw new FrameworkImportError({ format: 'text', line: null, expected: "at least one 'Level N' line", found: 'none' });
  }

  const warnings: ImportWarning[] = [];
  const warn = (line: number, message: string, lineText?: string) =>
    warnings.push(lineText === undefined ? { line, message } : { line, message, text: lineText });

  let title: string | undefined;
  const levelNumbers = new Set<number>();
  const levelNames = new Map<number, string>();
  const competencies: CompetencyDefinition[] = [];
  const categories = new Map<string, CompetencyDefinition>(standardCompetencies.map((c) => [c.id, { ...c }]));
  const behaviours: DraftBehaviour[] = [];

  let level: number | undefined;
  let competency: CompetencyDefinition | undefined;
  let last: { behaviour: DraftBehaviour; line: number } | undefined;
  let inExamples = false;
  let afterLevelLine = false;

  const useCategory = (c: CompetencyDefinition) => {
    if (!competencies.some((x) => x.id === c.id)) competencies.push(c);
    competency = c;
    last = undefined;
    inExamples = false;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim().replace(/\s+/g, ' ');
    if (!line) return;
    const wasAfterLevel = afterLevelLine;
    afterLevelLine = false;

    const lm = levelLine.exec(line);
    if (lm) {
      const n = Number(lm[1]);
      const previous = level ?? 0;
      if (levelNumbers.has(n)) warn(lineNo, `level ${n} appears a second time; its behaviours are merged`, line);
      else if (n !== previous + 1) warn(lineNo, `level ${n} does not follow level ${previous}`, line);
      levelNumbers.add(n);
      const name = lm[2]?.trim();
      if (name) levelNames.set(n, name);
      level = n;
      competency = undefined;
      last = undefined;
      inExamples = false;
      afterLevelLine = true;
      return;
    }
    if (level === undefined) {
      if (title === undefined) title = line.replace(/[\s\p{Extended_Pictographic}\uFE0F\u200D]+$/u, '') || line;
      else warn(lineNo, 'ignored: text before the first Level line', line);
      return;
    }

    const known = categories.get(competencySlug(line));
    if (known) {
      useCategory(known);
      return;
    }
    if (wasAfterLevel && looksLikeHeading(line)) {
      const id = competencySlug(line);
      if (id) {
        const c = { id, name: line };
        categories.set(id, c);
        useCategory(c);
        warn(lineNo, `treated as a category heading (rule: short line right after a Level line)`, line);
        return;
      }
    }
    if (examplesLine.test(line)) {
      if (last) inExamples = true;
      else warn(lineNo, "ignored an 'Examples' line with no behaviour before it", line);
      return;
    }
    if (!competency) {
      warn(lineNo, `skipped: no category line before it in level ${level}`, line);
      return;
    }
    if (inExamples && last) {
      if (!startsWithVerb(line)) {
        last.behaviour.examples.push(line);
        warn(lineNo, `attached as an example of the behaviour on line ${last.line} (rule: follows an 'Examples' line)`, line);
        return;
      }
      inExamples = false;
    }

    const secondWord = line.split(' ')[1]?.toLowerCase().replace(/[^a-z]/g, '');
    const noteRule = quoteStart.test(line)
      ? 'starts with a quote mark'
      : lowercaseStart.test(line)
        ? 'starts in lowercase'
        : secondWord && auxiliaries.has(secondWord)
          ? `has its own subject ('… ${secondWord} …')`
          : undefined;
    if (noteRule && last) {
      last.behaviour.notes.push(line);
      warn(lineNo, `attached as a note of the behaviour on line ${last.line} (rule: ${noteRule})`, line);
      return;
    }

    const behaviour: DraftBehaviour = { level, competencyId: competency.id, text: line, notes: [], examples: [] };
    if (noteRule) {
      warn(lineNo, `kept as a behaviour although it looks like an elaboration (rule: ${noteRule}), as nothing precedes it`, line);
    } else if (last && !startsWithVerb(line)) {
      warn(
        lineNo,
        `kept as a behaviour, but it may elaborate the behaviour on line ${last.line} (rule: does not start with a verb such as 'Writes')`,
        line,
      );
    } else if (last && line.length > LONG_LINE) {
      warn(
        lineNo,
        `kept as a behaviour, but it may elaborate the behaviour on line ${last.line} (rule: a line over ${LONG_LINE} characters after a behaviour)`,
        line,
      );
    }
    behaviours.push(behaviour);
    last = { behaviour, line: lineNo };
  });

  const maxLevel = Math.max(...levelNumbers);
  for (let n = 1; n <= maxLevel; n++) {
    if (!levelNumbers.has(n)) warn(1, `level ${n} has no 'Level ${n}' line; it is kept empty`);
  }
  let name = title ?? options.name?.trim();
  if (!name) {
    name = 'Untitled framework';
    warn(1, 'no title line before the first Level line; named the framework "Untitled framework"');
  }
  const draft: FrameworkDraft = {
    name,
    levels: Array.from({ length: maxLevel }, (_, i) => {
      const levelName = levelNames.get(i + 1);
      return levelName ? { level: i + 1, name: levelName } : { level: i + 1 };
    }),
    competencies,
    behaviours,
  };
  return { format: 'text', draft, warnings };
}
