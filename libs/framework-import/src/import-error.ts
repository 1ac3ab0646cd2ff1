import type { FrameworkFormat } from './types.js';

export interface FrameworkImportErrorDetails {
  format: FrameworkFormat;
  /** 1-based line in the imported text, when known. */
  line: number | null;
  /** 1-based column, when known (JSON syntax errors). */
  column?: number | null;
  /** JSON path of the field at fault, e.g. `behaviours[3].level` (JSON, YAML and front-matter formats). */
  path?: string | null;
  /** What the importer expected at that place, e.g. `a '### Category' heading before a behaviour`. */
  expected: string;
  /** What it found instead, already in display form. */
  found?: string | null;
}

/**
 * A framework text that cannot be imported. The message reads like
 * `markdown line 12: expected a '### Category' heading before a behaviour, found '- foo'`.
 */
export class FrameworkImportError extends Error {
  readonly format: FrameworkFormat;
  readonly line: number | null;
  readonly column: number | null;
  readonly path: string | null;
  readonly expected: string;
  readonly found: string | null;

  constructor(details: FrameworkImportErrorDetails) {
    super(formatMessage(details));
    this.name = 'FrameworkImportError';
    this.format = details.format;
    this.line = details.line;
    this.column = details.column ?? null;
    this.path = details.path ?? null;
    this.expected = details.expected;
    this.found = details.found ?? null;
  }
}

function formatMessage(d: FrameworkImportErrorDetails): string {
  let where: string = d.format;
  if (d.line !== null) where += ` line ${d.line}`;
  if (d.line !== null && d.column != null) where += `, column ${d.column}`;
  const path = d.path ? `${d.path}: ` : '';
  const found = d.found != null ? `, found ${d.found}` : '';
  return `${where}: ${path}expected ${d.expected}${found}`;
}

/** `'text'`, shortened for messages. */
export function quote(text: string, max = 80): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return `'${single.length > max ? `${single.slice(0, max - 1)}…` : single}'`;
}

/** A parsed value in display form for `found …`. */
export function display(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}
