import { detectFrameworkFormat } from './detect-format.js';
import { parseFrontMatterFramework } from './frontmatter-format.js';
import { parseJsonFramework, parseYamlFramework } from './json-yaml-format.js';
import { parseMarkdownFramework } from './markdown-format.js';
import { parsePlainTextFramework } from './plain-text-format.js';
import { checkContentLimits } from './limits.js';
import type { FrameworkFormat, FrameworkImportResult, ParseOptions } from './types.js';

export type { FrameworkFormat, FrameworkImportResult, ImportWarning, ParseOptions } from './types.js';
export { FrameworkImportError } from './import-error.js';
export { detectFrameworkFormat } from './detect-format.js';
export { frameworkLimits } from './limits.js';
export { frameworkJsonSchema, serializeFramework, toFrameworkFile, type FrameworkFile } from './json-yaml-format.js';

/**
 * Reads a framework text into a draft. `auto` picks the format with `detectFrameworkFormat`.
 * Throws `FrameworkImportError` (with line and what was expected) for malformed structured input and for a
 * file beyond `frameworkLimits` (checked before any other work);
 * the plain-text reader is best effort and reports uncertain lines as warnings instead.
 */
export function parseFramework(text: string, format: FrameworkFormat | 'auto', options: ParseOptions = {}): FrameworkImportResult {
  checkContentLimits(text, format);
  const chosen = format === 'auto' ? detectFrameworkFormat(text) : format;
  switch (chosen) {
    case 'json':
      return parseJsonFramework(text, options);
    case 'yaml':
      return parseYamlFramework(text, options);
    case 'frontmatter':
      return parseFrontMatterFramework(text, options);
    case 'markdown':
      return parseMarkdownFramework(text, options);
    case 'text':
      return parsePlainTextFramework(text, options);
  }
}
