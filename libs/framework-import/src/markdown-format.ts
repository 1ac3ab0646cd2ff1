import {
  competencySlug,
  normaliseDisplayName,
  standardCompetencies,
  type CompetencyDefinition,
  type DraftBehaviour,
  type FrameworkDraft,
  type LevelDefinition,
} from '@skills-graph/domain';
import { FrameworkImportError, quote } from './import-error.js';
import { undeclaredCompetencyWarning } from './known-competencies.js';
import { frameworkLimits, tooManyBehaviours } from './limits.js';
import type { FrameworkImportResult, ImportWarning, ParseOptions } from './types.js';

/**
 * Markdown nested list:
 *
 *     # Framework name
 *     ## Level 1
 *     ### Category
 *     - behaviour
 *       - note elaborating the behaviour
 *       - Examples:
 *         - example
 *     _No behaviours at this level._   (any italic line: nothing here)
 *
 * A paragraph under `## Level N` is the level's summary, one under a category its description.
 */

const listItem = /^( *)[-*+]\s+(.*)$/;
const examplesMarker = /^(?:\*\*|__)?examples?:?(?:\*\*|__)?:?\s*(.*)$/i;
const italicLine = /^(?:_[^_].*_|\*[^*\s].*\*)$/;

export function parseMarkdownFramework(text: string, options: ParseOptions = {}): FrameworkImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const warnings: ImportWarning[] = [];
  let title: string | undefined;
  const levels: LevelDefinition[] = [];
  const competencies: CompetencyDefinition[] = [];
  const behaviours: DraftBehaviour[] = [];

  let level: LevelDefinition | undefined;
  let competency: CompetencyDefinition | undefined;
  let categoryHasContent = false;
  let behaviour: DraftBehaviour | undefined;
  let childIndent: number | null = null;
  let inExamples = false;
  let exampleIndent: number | null = null;
  /** Where a lazy continuation line goes. */
  let lastItem: { list: string[]; index: number } | { behaviour: DraftBehaviour } | undefined;

  let inFence = false;
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const fail = (expected: string): never => {
      throw new FrameworkImportError({ format: 'markdown', line: lineNo, expected, found: quote(raw.trim()) });
    };
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      warnings.push({ line: lineNo, message: 'ignored a code block fence', text: raw.trim() });
      return;
    }
    if (inFence) return;
    if (/^\s*<!--.*-->\s*$/.test(raw)) return;
    if (raw.includes('\t')) {
      if (/^\s*\t/.test(raw)) fail('indentation with spaces, not tabs');
    }
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) return;

    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      const depth = heading[1]?.length ?? 0;
      const content = (heading[2] ?? '').trim();
      behaviour = undefined;
      lastItem = undefined;
      if (depth === 1) {
        if (title !== undefined || levels.length > 0) fail("a '## Level N' or '### Category' heading (only one '# Title')");
        title = normaliseDisplayName(content);
        return;
      }
      if (depth === 2) {
        const m = /^level\s+(\S+?)(?:\s*[:.\u2013\u2014-]\s*(.*))?$/i.exec(content);
        if (!m) fail("a '## Level N' heading");
        const num = m?.[1] ?? '';
        if (!/^\d+$/.test(num)) fail(`a level number after '## Level'`);
        const n = Number(num);
        const want = levels.length + 1;
        if (n !== want) fail(`'## Level ${want}' (levels run 1..N without gaps)`);
        level = { level: n };
        const name = m?.[2]?.trim();
        if (name) level.name = name;
        levels.push(level);
        competency = undefined;
        categoryHasContent = false;
        return;
      }
      if (depth === 3) {
        if (!level) fail("a '## Level N' heading before a category");
        const id = competencySlug(content);
        if (!id) fail('a category name with letters or digits');
        const known = competencies.find((c) => c.id === id);
        competency = known ?? { id, name: standardCompetencies.find((c) => c.id === id)?.name ?? normaliseDisplayName(content) };
        if (!known) {
          competencies.push(competency);
          const undeclared = undeclaredCompetencyWarning(competency, options, lineNo);
          if (undeclared) warnings.push(undeclared);
        }
        categoryHasContent = false;
        return;
      }
      fail("a '## Level N' or '### Category' heading (deeper headings are not part of the layout)");
    }

    const item = listItem.exec(line);
    if (item) {
      const indent = item[1]?.length ?? 0;
      const content = (item[2] ?? '').trim();
      if (indent === 0) {
        if (!level) fail("a '## Level N' heading before a behaviour");
        if (!competency || !level) return fail("a '### Category' heading before a behaviour");
        if (!content) fail('behaviour text after the list marker');
        behaviour = { level: level.level, competencyId: competency.id, text: content, notes: [], examples: [] };
        behaviours.push(behaviour);
        if (behaviours.length > frameworkLimits.maxBehaviours) throw tooManyBehaviours('markdown', lineNo);
        lastItem = { behaviour };
        categoryHasContent = true;
        childIndent = null;
        inExamples = false;
        exampleIndent = null;
        return;
      }
      if (!behaviour) fail("a behaviour ('- text' without indentation) before an indented item");
      const current = behaviour as DraftBehaviour;
      if (childIndent === null) childIndent = indent;
      if (indent === childIndent) {
        const marker = examplesMarker.exec(content);
        if (marker) {
          inExamples = true;
          exampleIndent = null;
          const inline = marker[1]?.trim();
          if (inline) {
            current.examples.push(inline);
            lastItem = { list: current.examples, index: current.examples.length - 1 };
          }
          return;
        }
        inExamples = false;
        current.notes.push(content);
        lastItem = { list: current.notes, index: current.notes.length - 1 };
        return;
      }
      if (indent > childIndent && inExamples) {
        if (exampleIndent === null) exampleIndent = indent;
        if (indent === exampleIndent) {
          current.examples.push(content);
          lastItem = { list: current.examples, index: current.examples.length - 1 };
          return;
        }
      }
      const allowed = [0, childIndent, ...(inExamples ? [exampleIndent ?? childIndent + 2] : [])];
      return fail(
        `a list item indented by ${allowed.join(', ')} spaces (behaviour, note${inExamples ? ' or example' : ' or Examples:'}), not ${indent}`,
      );
    }

    // Not a heading and not a list item.
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const content = line.trim();
    if (indent > 0 && lastItem) {
      // Lazy continuation of the previous list item.
      if ('behaviour' in lastItem) lastItem.behaviour.text += ` ${content}`;
      else lastItem.list[lastItem.index] += ` ${content}`;
      return;
    }
    if (italicLine.test(content)) {
      if (!competency) fail("a '### Category' heading before an italic remark");
      if (categoryHasContent) {
        warnings.push({ line: lineNo, message: 'ignored an italic remark after behaviours', text: content });
      }
      behaviour = undefined;
      lastItem = undefined;
      return;
    }
    if (behaviour) fail("a list item ('- …'), a heading or a blank line after a behaviour");
    if (competency) {
      if (!categoryHasContent && competency.description === undefined) {
        competency.description = content;
      } else if (!categoryHasContent && competency.description !== content) {
        warnings.push({ line: lineNo, message: 'ignored a second description of a category', text: content });
      }
      return;
    }
    if (level) {
      level.summary = level.summary ? `${level.summary} ${content}` : content;
      return;
    }
    warnings.push({ line: lineNo, message: 'ignored text before the first level heading', text: content });
  });

  if (levels.length === 0) {
    throw new FrameworkImportError({
      format: 'markdown',
      line: lines.length,
      expected: "at least one '## Level N' heading",
      found: 'the end of the file',
    });
  }
  const name = title || options.name?.trim();
  if (!name) throw new FrameworkImportError({ format: 'markdown', line: 1, expected: "a '# Title' heading", found: quote(lines[0] ?? '') });

  const draft: FrameworkDraft = { name, levels, competencies, behaviours };
  return { format: 'markdown', draft, warnings };
}
