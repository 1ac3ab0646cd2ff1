import { FrameworkImportError } from './import-error.js';
import type { FrameworkFormat } from './types.js';

/**
 * Limits every framework file is held to, checked before any parsing work. Real frameworks stay far below
 * them (the largest public progression frameworks have a few hundred behaviours in a few dozen kilobytes).
 */
export const frameworkLimits = {
  /** Characters of the whole file. */
  maxContentLength: 1_000_000,
  /** Behaviours in one version. */
  maxBehaviours: 5_000,
  /** YAML aliases (`*name`) in one file; each may expand to a whole subtree ("billion laughs"). */
  maxYamlAliases: 100,
  /** Nesting of lists and objects (JSON, YAML, front matter). */
  maxNestingDepth: 32,
} as const;

const lineAt = (text: string, offset: number) => {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

/** Refuses a file over the size limit, or (JSON, YAML) one nested deeper than the limit, naming the line. */
export function checkContentLimits(text: string, format: FrameworkFormat | 'auto'): void {
  const reportAs: FrameworkFormat = format === 'auto' ? 'text' : format;
  if (text.length > frameworkLimits.maxContentLength) {
    throw new FrameworkImportError({
      format: reportAs,
      line: lineAt(text, frameworkLimits.maxContentLength),
      expected: `a file of at most ${frameworkLimits.maxContentLength.toLocaleString('en')} characters`,
      found: `${text.length.toLocaleString('en')} characters`,
    });
  }
  // Bracket nesting ([ and { outside quotes), the only way to nest deeply in few characters.
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = null;
      continue;
    }
    if (c === '"' || (c === "'" && /[\s,[{:]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > frameworkLimits.maxNestingDepth) throw tooDeep(reportAs, lineAt(text, i));
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
}

export function tooDeep(format: FrameworkFormat, line: number | null): FrameworkImportError {
  return new FrameworkImportError({
    format,
    line,
    expected: `lists and objects nested at most ${frameworkLimits.maxNestingDepth} deep`,
    found: 'deeper nesting',
  });
}

export function tooManyBehaviours(format: FrameworkFormat, line: number | null, count?: number): FrameworkImportError {
  return new FrameworkImportError({
    format,
    line,
    expected: `at most ${frameworkLimits.maxBehaviours.toLocaleString('en')} behaviours`,
    found: count === undefined ? 'more' : `${count.toLocaleString('en')}`,
  });
}
