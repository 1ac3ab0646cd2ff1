#!/usr/bin/env node
// Imports an HR export (CSV with a header row, or a JSON array) into a running Skills Graph through its
// GraphQL API, in batches, with a progress bar on stderr:
//
//   npm run people:import -- --file people.csv [--dry-run] [--url http://localhost:4000/graphql]
//                            [--actor hr-bot [--roles hris]] [--token <JWT>] [--batch-size 500] [--format csv|json]
//
// First every batch is checked (a dry run: nothing is recorded); any bad row stops the import with the
// line and column of each problem. Then the batches are recorded, managers before their reports.
// Importing the same file again changes nothing. Exit code: 0 done, 1 refused rows or a failed batch,
// 2 usage or connection problems.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { parse as parseCsv } from 'csv-parse/sync';
import { getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';

const usage = 'usage: npm run people:import -- --file people.csv [--dry-run] [--url http://localhost:4000/graphql] [--actor ID [--roles hris]] [--token JWT] [--batch-size 500] [--format csv|json]';

class UsageError extends Error {}

const importMutation = /* GraphQL */ `
  mutation ImportPeople($input: ImportPeopleInput!) {
    importPeople(input: $input) {
      dryRun applied joiners movers leavers unchanged changed position
      rows { row employeeId change }
      errors { row field code message value }
      warnings { row field code message value }
    }
  }
`;

async function main() {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      url: { type: 'string', default: 'http://localhost:4000/graphql' },
      actor: { type: 'string' },
      roles: { type: 'string', default: 'hris' },
      token: { type: 'string' },
      'batch-size': { type: 'string', default: '500' },
      format: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!values.file) throw new UsageError('--file is required');
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) throw new UsageError('--batch-size must be a whole number from 1 to 5000');
  const format = (values.format ?? extname(values.file).slice(1)).toLowerCase();
  if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json (or name the file .csv or .json)');

  const content = readFileSync(values.file, 'utf8');
  const records = managersFirst(format === 'csv' ? csvRecords(content) : jsonRecords(content));
  const headers = { 'content-type': 'application/json' };
  if (values.token) headers.authorization = `Bearer ${values.token}`;
  if (values.actor) Object.assign(headers, { 'x-actor-id': values.actor, 'x-actor-roles': values.roles });

  const batches = [];
  for (let i = 0; i < records.length; i += batchSize) batches.push(records.slice(i, i + batchSize));
  const inFile = new Set(records.map((r) => r.values?.employeeId).filter((id) => typeof id === 'string'));

  // 1. Check every batch (nothing is recorded), and duplicates across batches.
  const check = await runBatches('checking ', batches, values.url, headers, true);
  const errors = [...duplicates(records), ...check.errors];
  // A manager further down the file is not yet recorded while checking: not a problem.
  const warnings = check.warnings.filter((w) => !(w.code === 'UNKNOWN_MANAGER' && inFile.has(w.value)));
  if (errors.length > 0 || values['dry-run']) {
    report(values['dry-run'] && errors.length === 0 ? 'Dry run: nothing was recorded.' : 'Nothing was recorded: fix these rows and import again.', check.totals, errors, warnings);
    return errors.length > 0 ? 1 : 0;
  }
  // 2. Record the batches.
  const done = await runBatches('importing', batches, values.url, headers, false);
  report('Imported.', done.totals, done.errors, warnings);
  return done.errors.length > 0 ? 1 : 0;
}

async function runBatches(label, batches, url, headers, dryRun) {
  const totals = { rows: 0, joiners: 0, movers: 0, leavers: 0, unchanged: 0 };
  const errors = [];
  const warnings = [];
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total} rows`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(batches.reduce((n, b) => n + b.length, 0), 0);
  try {
    for (const [index, batch] of batches.entries()) {
      const atLine = (issue) => ({ ...issue, line: issue.row ? batch[issue.row - 1].line : null });
      const content = `[\n${batch.map((r) => JSON.stringify(r.values)).join(',\n')}\n]`;
      const response = await post(url, headers, { query: importMutation, variables: { input: { format: 'JSON', content, dryRun } } });
      const refusal = response.errors?.[0];
      if (refusal) {
        const listed = refusal.extensions?.errors;
        if (Array.isArray(listed)) errors.push(...listed.map(atLine));
        else errors.push({ line: null, field: refusal.extensions?.field ?? null, code: refusal.extensions?.code ?? 'ERROR', message: refusal.message });
        if (!dryRun) {
          errors.push({ line: null, field: null, code: 'BATCH_FAILED', message: `batch ${index + 1} of ${batches.length} was refused; the batches before it were recorded (importing the file again is safe)` });
          break;
        }
      } else {
        const outcome = response.data.importPeople;
        for (const key of ['joiners', 'movers', 'leavers', 'unchanged']) totals[key] += outcome[key];
        errors.push(...outcome.errors.map(atLine));
        warnings.push(...outcome.warnings.filter((w) => w.row !== null).map(atLine));
      }
      totals.rows += batch.length;
      bar.increment(batch.length);
    }
  } finally {
    bar.stop();
  }
  return { totals, errors, warnings };
}

async function post(url, headers, body) {
  let response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (error) {
    throw new UsageError(`cannot reach ${url}: ${error.cause?.message ?? error.message}`);
  }
  const json = await response.json().catch(() => null);
  if (!json) throw new UsageError(`${url} answered HTTP ${response.status} without a GraphQL response`);
  const code = json.errors?.[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') throw new UsageError(`${json.errors[0].message} (pass --actor with a hris or admin role, or --token)`);
  return json;
}

function csvRecords(content) {
  let parsed;
  try {
    parsed = parseCsv(content, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    throw new UsageError(`${error.lines ? `line ${error.lines}: ` : ''}not CSV: ${error.message}`);
  }
  const [header, ...body] = parsed;
  if (!header) throw new UsageError('the file has no header row');
  const names = header.record.map((h) => h.trim());
  return body.map(({ record, info }) => ({
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    // A row with the wrong number of cells goes as it is: the server names the problem.
    values: record.length === names.length ? Object.fromEntries(names.map((n, c) => [n, record[c]])) : Object.fromEntries(record.map((cell, c) => [names[c] ?? `column${c + 1}`, cell])),
  }));
}

function jsonRecords(content) {
  const errors = [];
  const root = parseTree(content, errors, { disallowComments: true, allowTrailingComma: false });
  const lineAt = (offset) => content.slice(0, offset).split('\n').length;
  if (errors.length > 0 || !root) throw new UsageError(`not JSON${errors[0] ? ` (line ${lineAt(errors[0].offset)}: ${printParseErrorCode(errors[0].error)})` : ''}`);
  if (root.type !== 'array') throw new UsageError('expected a JSON array of people');
  return (root.children ?? []).map((node) => ({ line: lineAt(node.offset), values: getNodeValue(node) }));
}

/** Each manager before their reports (file order otherwise), so every batch finds its managers recorded. */
function managersFirst(records) {
  const byId = new Map(records.filter((r) => typeof r.values?.employeeId === 'string').map((r) => [r.values.employeeId.trim(), r]));
  const ordered = [];
  const placed = new Set();
  const place = (record) => {
    if (placed.has(record)) return;
    placed.add(record);
    const managerId = typeof record.values?.managerId === 'string' ? record.values.managerId.trim() : null;
    const manager = managerId ? byId.get(managerId) : undefined;
    if (manager) place(manager);
    ordered.push(record);
  };
  records.forEach(place);
  return ordered;
}

function duplicates(records) {
  const seen = new Map();
  const found = [];
  for (const record of [...records].sort((a, b) => a.line - b.line)) {
    const id = typeof record.values?.employeeId === 'string' ? record.values.employeeId.trim() : null;
    if (!id) continue;
    if (seen.has(id)) found.push({ line: record.line, field: 'employeeId', code: 'DUPLICATE_EMPLOYEE', message: `${id} is already on line ${seen.get(id)}` });
    else seen.set(id, record.line);
  }
  return found;
}

function report(headline, totals, errors, warnings) {
  const unique = (issues) => [...new Map(issues.map((i) => [`${i.line}|${i.field}|${i.code}|${i.message}`, i])).values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const where = (i) => (i.line === null ? '' : `line ${i.line}${i.field ? `, ${i.field}` : ''}: `);
  console.log(headline);
  console.log(`rows ${totals.rows}: joiners ${totals.joiners}, movers ${totals.movers}, leavers ${totals.leavers}, unchanged ${totals.unchanged}, errors ${unique(errors).length}, warnings ${unique(warnings).length}`);
  for (const error of unique(errors)) console.log(`error   ${where(error)}${error.message}`);
  for (const warning of unique(warnings)) console.log(`warning ${where(warning)}${warning.message}`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof UsageError ? `people:import: ${error.message}\n${usage}` : error);
    process.exit(2);
  },
);
