import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { PeopleImportIssue, PeopleImportRow } from '@skills-graph/contracts';
import { RemoteInputError } from '../../errors/gateway-error.js';
import { maxPeopleFileRows, optionalColumns, peopleRow, requiredColumns } from './people-inputs.js';

/**
 * Reads an HR export: CSV with a header row, or a JSON array of objects with the same names. Problems
 * with the file as a whole (not CSV or JSON, a missing column, too many rows) refuse it at once with
 * the line; problems in a row are collected, naming the line, the row and the column.
 */
export interface ReadPeopleFile {
  rows: PeopleImportRow[];
  errors: PeopleImportIssue[];
  warnings: PeopleImportIssue[];
}

interface RawRecord {
  line: number;
  row: number;
  values: unknown;
  /** A problem with the row as a whole (a CSV row with too few or too many cells). */
  problem?: string;
}

const knownColumns: readonly string[] = [...requiredColumns, ...optionalColumns];

const fileError = (message: string, line: number | null, extra: Record<string, unknown> = {}) =>
  new RemoteInputError(message, 'input.content', { line, ...extra });

export function readPeopleFile(format: 'CSV' | 'JSON', content: string): ReadPeopleFile {
  const { records, columns } = format === 'CSV' ? csvRecords(content) : jsonRecords(content);
  const warnings: PeopleImportIssue[] = [];
  const missing = requiredColumns.filter((c) => !columns.has(c));
  if (missing.length > 0 && (format === 'CSV' || records.length > 0)) {
    throw fileError(`Missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected ${requiredColumns.join(',')} (and optionally ${optionalColumns.join(', ')})`, 1, { column: missing[0] });
  }
  for (const column of columns) {
    if (!knownColumns.includes(column)) warnings.push({ line: format === 'CSV' ? 1 : null, row: null, field: column, code: 'IGNORED_COLUMN', message: `column ${column} is not used` });
  }
  if (records.length > maxPeopleFileRows) throw fileError(`At most ${maxPeopleFileRows} rows per import (found ${records.length}); split the file`, null);

  const rows: PeopleImportRow[] = [];
  const errors: PeopleImportIssue[] = [];
  for (const record of records) {
    if (record.problem) {
      errors.push({ line: record.line, row: record.row, field: null, code: 'INVALID_ROW', message: record.problem });
      continue;
    }
    const parsed = peopleRow.safeParse(record.values);
    if (parsed.success) {
      rows.push({ line: record.line, row: record.row, ...parsed.data });
      continue;
    }
    // Every bad cell of the row, each naming its column.
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? String(issue.path[0]) : null;
      errors.push({ line: record.line, row: record.row, field, code: 'INVALID_VALUE', message: issue.message });
    }
  }
  return { rows, errors, warnings };
}

function csvRecords(content: string): { records: RawRecord[]; columns: Set<string> } {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parseCsv(content, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) throw fileError(`Not CSV: ${error.message}`, (error as CsvError & { lines?: number }).lines ?? null);
    throw error;
  }
  const [header, ...body] = parsed;
  if (!header) throw fileError('The file has no header row', 1);
  const names = header.record.map((h) => h.trim());
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw fileError(`Column ${duplicate} appears twice in the header`, 1, { column: duplicate });
  const records = body.map(({ record, info }, i): RawRecord => {
    // info.lines is the record's last line; a quoted cell may span lines.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== names.length) return { line, row: i + 1, values: null, problem: `expected ${names.length} cells as in the header, found ${record.length}` };
    return { line, row: i + 1, values: Object.fromEntries(names.map((n, c) => [n, record[c]])) };
  });
  return { records, columns: new Set(names) };
}

function jsonRecords(content: string): { records: RawRecord[]; columns: Set<string> } {
  const errors: ParseError[] = [];
  const root = parseTree(content, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lineAt = lineIndex(content);
  if (errors.length > 0 || !root) {
    const first = errors[0];
    throw fileError(`Not JSON: ${first ? printParseErrorCode(first.error) : 'empty'}`, first ? lineAt(first.offset) : 1);
  }
  if (root.type !== 'array') throw fileError('Expected a JSON array of people', lineAt(root.offset));
  const columns = new Set<string>();
  const records = (root.children ?? []).map((node, i): RawRecord => {
    const values: unknown = getNodeValue(node);
    if (typeof values === 'object' && values !== null && !Array.isArray(values)) for (const key of Object.keys(values)) columns.add(key);
    return { line: lineAt(node.offset), row: i + 1, values };
  });
  return { records, columns };
}

/** Offset → 1-based line. */
function lineIndex(content: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < content.length; i += 1) if (content.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
