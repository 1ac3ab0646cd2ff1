import { parseDocument } from 'yaml';
import { splitFrontMatter } from './frontmatter-format.js';
import type { FrameworkFormat } from './types.js';

const ourTopLevelKey = /^(?:name|levels|competencies|behaviours|policy)\s*:/m;

function yamlMapping(text: string): Record<string, unknown> | null {
  try {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) return null;
    const value: unknown = doc.toJS();
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Guesses the layout of a framework text; falls back to `text`. */
export function detectFrameworkFormat(text: string): FrameworkFormat {
  const source = text.replace(/^\uFEFF/, '');
  const trimmed = source.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'json';

  const front = splitFrontMatter(source);
  if (front && (yamlMapping(front.yaml)?.['topics'] !== undefined || /^topics\s*:/m.test(front.yaml))) return 'frontmatter';

  // Parsing a large Markdown or text file as YAML only to find it is not costs more than reading it: try YAML
  // only when a key of ours or of the front-matter layout starts a line.
  const data = ourTopLevelKey.test(source) || /^topics\s*:/m.test(source) ? yamlMapping(source) : null;
  if (data) {
    if ('topics' in data) return 'frontmatter';
    if ('behaviours' in data || 'competencies' in data || 'levels' in data) return 'yaml';
  }
  // Our own keys at the start of a line but unparsable: report it as YAML so the error names the line.
  if (!data && ourTopLevelKey.test(source) && /^(?:levels|behaviours)\s*:/m.test(source)) return 'yaml';

  const lines = source.split(/\r?\n/);
  if (lines.some((l) => /^#{1,3}\s+\S/.test(l)) || lines.some((l) => /^\s*[-*+]\s+\S/.test(l))) return 'markdown';
  return 'text';
}
