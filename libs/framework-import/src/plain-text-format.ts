import {
  competencySlug,
  normaliseDisplayName,
  standardCompetencies,
  type CompetencyDefinition,
  type DraftBehaviour,
  type FrameworkDraft,
} from '@skills-graph/domain';
import { FrameworkImportError } from './import-error.js';
import { frameworkLimits, tooManyBehaviours } from './limits.js';
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

const determiners = new Set(['a', 'an', 'the', 'your', 'our', 'some', 'this', 'these', 'those', 'my']);
const stopWords = new Set(
  'a an the and or of in on to for with by at from as is are be their they them it its that this when where which who what into other others about than'.split(' '),
);

/** Content words, lower-cased and with common endings cut ("Follows" and "following" are one word). */
function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || stopWords.has(raw)) continue;
    const cut = raw.replace(/(?:ing|ed|ly|es|s)$/, '');
    out.add(cut.length >= 3 ? cut : raw);
  }
  return out;
}

const sharedWords = (a: string, b: string) => {
  const wb = contentWords(b);
  return [...contentWords(a)].filter((w) => wb.has(w)).length;
};

/** "Implements X, orchestrates Y": one verb phrase after another, each a concrete case of something. */
function isActionList(line: string): boolean {
  return startsWithVerb(line) && [...line.matchAll(/,\s+(?:and\s+)?(\p{Ll}[\p{Ll}-]*)\b/gu)].some((m) => startsWithVerb(m[1] ?? ''));
}

/** Lines sharing at least this many content words with a behaviour, as a list of actions, detail it. */
const DETAIL_SHARED_WORDS = 2;

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

  /** The next non-empty line when it is in the same level and category (not a heading or an Examples line). */
  const nextLineInBlock = (index: number): string | undefined => {
    for (let i = index + 1; i < lines.length; i++) {
      const candidate = (lines[i] ?? '').trim().replace(/\s+/g, ' ');
      if (!candidate) continue;
      if (levelLine.test(candidate) || categories.has(competencySlug(candidate)) || examplesLine.test(candidate)) return undefined;
      return candidate;
    }
    return undefined;
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
      if (name) levelNames.set(n, normaliseDisplayName(name));
      level = n;
      competency = undefined;
      last = undefined;
      inExamples = false;
      afterLevelLine = true;
      return;
    }
    if (level === undefined) {
      if (title === undefined) title = normaliseDisplayName(line);
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
        const c = { id, name: normaliseDisplayName(line) };
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
    const verb = startsWithVerb(line);
    const detailOf = last && [last.behaviour.text, ...last.behaviour.notes].join(' ');
    const next = nextLineInBlock(index);
    const noteRule = quoteStart.test(line)
      ? 'starts with a quote mark'
      : lowercaseStart.test(line)
        ? 'starts in lowercase'
        : secondWord && auxiliaries.has(secondWord)
          ? `has its own subject ('… ${secondWord} …')`
          : !verb && secondWord && determiners.has(secondWord)
            ? `reads as advice to the reader ('${line.split(' ').slice(0, 2).join(' ')} …')`
            : !verb && (line.includes(';') || /^(?:\S+\s){0,2}\S+,\s/u.test(line))
              ? 'a list of cases rather than an action'
              : detailOf && isActionList(line) && sharedWords(line, detailOf) >= DETAIL_SHARED_WORDS
                ? `a list of actions sharing words with the behaviour on line ${last?.line}`
                : detailOf &&
                    verb &&
                    next !== undefined &&
                    isActionList(next) &&
                    sharedWords(next, line) >= DETAIL_SHARED_WORDS &&
                    sharedWords(next, detailOf) === 0 &&
                    next.split(' ')[0] !== line.split(' ')[0]
                  ? `detailed together with the next line, which shares words with it and none with the behaviour on line ${last?.line}`
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
    if (behaviours.length > frameworkLimits.maxBehaviours) throw tooManyBehaviours('text', lineNo);
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
