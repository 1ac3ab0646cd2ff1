import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { HrisPeopleConsumer } from '@skills-graph/people';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// People without Kafka, on a product started without the demo seed: the README's "Start from empty"
// steps, the recordJoiner/Mover/Leaver mutations, importPeople (CSV and JSON) and the people:import script.

const root = resolve(import.meta.dirname, '../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const run = promisify(execFile);

function block(marker: string, language: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\s*\`\`\`${language}\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!match) throw new Error(`README has no ${language} block after <!-- ${marker} -->`);
  return match[1]!;
}

const instance = new EmbeddedTestInstance({ SEED_DEMO: 'false' });
const hris = { 'x-actor-id': 'hr-bot', 'x-actor-roles': 'hris' };
const owner = { 'x-actor-id': 'fw-owner', 'x-actor-roles': 'framework-owner' };

const engineerFields = 'engineer { id name email title status joinedOn team { id name } manager { id } } changed position';
const recordJoiner = `mutation($input: RecordJoinerInput!) { recordJoiner(input: $input) { ${engineerFields} } }`;
const recordMover = `mutation($input: RecordMoverInput!) { recordMover(input: $input) { ${engineerFields} } }`;
const recordLeaver = `mutation($input: RecordLeaverInput!) { recordLeaver(input: $input) { ${engineerFields} } }`;
const importPeople = `mutation($input: ImportPeopleInput!) { importPeople(input: $input) {
  dryRun applied joiners movers leavers unchanged changed position
  rows { line row employeeId change } errors { line row field code message value } warnings { line field code value } } }`;

const joiner = (id: string, extra: Record<string, unknown> = {}) => ({
  engineerId: id, name: `Person ${id}`, email: `${id}@example.test`, title: 'Engineer', teamId: 'team-core', teamName: 'Core', managerId: null, joinedOn: '2026-01-05', ...extra,
});

/** Every event of the engineer streams: what "nothing stored" is checked against. */
const engineerEvents = async () => (await instance.running.store.readAll()).filter((e) => e.streamName.startsWith('engineer-')).map((e) => e.id);

beforeAll(async () => {
  await instance.start();
}, 180_000);

afterAll(async () => instance.dispose());

describe('Start from empty (the README steps)', () => {
  it('imports a framework and people, records and approves evidence, and answers who is L5', async () => {
    expect((await instance.gql('{ engineers(first: 1) { totalCount } frameworks { id } }')).data).toEqual({ engineers: { totalCount: 0 }, frameworks: [] });

    const framework = readFileSync(join(root, 'docs/examples/framework.yaml'), 'utf8');
    const imported = await instance.gql(block('example:start-from-empty:import-framework', 'graphql'), { content: framework }, owner);
    expect(imported.errors).toBeUndefined();
    expect(imported.data!['importFramework']).toMatchObject({ frameworkId: 'engineering', version: 1, behaviourCount: 5 });
    const skill = await instance.gql(block('example:start-from-empty:register-skill', 'graphql'), {}, owner);
    expect(skill.errors).toBeUndefined();

    // The people file goes in through the command-line importer, as the README shows.
    const command = block('example:start-from-empty:import-people', 'sh').split('\n').find((l) => l.startsWith('npm run people:import'))!;
    const args = command.replace(/^npm run people:import -- /, '').split(/\s+/);
    const cli = await run(process.execPath, [join(root, 'scripts/people-import.mjs'), ...args, '--url', `${instance.running.url}/graphql`], { cwd: root });
    expect(cli.stdout).toContain('Imported.');
    expect(cli.stdout).toContain('rows 3: joiners 3, movers 0, leavers 0, unchanged 0, errors 0, warnings 0');

    const submitted = await instance.gql(block('example:start-from-empty:submit-evidence', 'graphql'), {}, { 'x-actor-id': 'eng-0002' });
    expect(submitted.errors).toBeUndefined();
    const approved = await instance.gql(block('example:start-from-empty:approve-evidence', 'graphql'), {}, { 'x-actor-id': 'eng-0001' });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!['approveEvidence'].evidence.status).toBe('APPROVED');

    const answer = await instance.gql(block('example:start-from-empty:who-is-l5', 'graphql'));
    expect(answer).toEqual(JSON.parse(block('example:start-from-empty:who-is-l5:response', 'json')));
  });
});

describe('recordJoiner, recordMover, recordLeaver', () => {
  it('refuses anonymous callers and roles other than hris and admin, storing nothing', async () => {
    const before = await engineerEvents();
    const anonymous = await instance.gql(recordJoiner, { input: joiner('r-0001') });
    expect(anonymous.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const roles of ['', 'framework-owner', 'panel']) {
      const refused = await instance.gql(recordJoiner, { input: joiner('r-0001') }, { 'x-actor-id': 'eng-0002', 'x-actor-roles': roles });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    const importRefused = await instance.gql(importPeople, { input: { format: 'CSV', content: 'employeeId\n', dryRun: true } }, { 'x-actor-id': 'eng-0002' });
    expect(importRefused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await engineerEvents()).toEqual(before);
  });

  it('refuses bad fields with BAD_USER_INPUT naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [joiner('r-0001', { email: 'not an address' }), 'input.email'],
      [joiner('r-0001', { joinedOn: '2026-02-30' }), 'input.joinedOn'],
      [joiner('r 0001'), 'input.engineerId'],
      [joiner('r-0001', { teamName: '  ' }), 'input.teamName'],
      [joiner('r-0001', { managerId: 'r-0001' }), 'managerId'],
    ];
    for (const [input, field] of cases) {
      const response = await instance.gql(recordJoiner, { input }, hris);
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await instance.gql(`{ engineer(id: "r-0001") { id } }`)).data!['engineer']).toBeNull();
  });

  it('records a joiner, a mover and a leaver, answering the engineer; a replayed idempotencyKey changes nothing', async () => {
    const joined = await instance.gql(recordJoiner, { input: { ...joiner('r-0002'), idempotencyKey: 'workday-evt-1' } }, { 'x-actor-id': 'admin-1', 'x-actor-roles': 'admin' });
    expect(joined.errors).toBeUndefined();
    expect(joined.data!['recordJoiner']).toMatchObject({ changed: true, engineer: { id: 'r-0002', name: 'Person r-0002', status: 'ACTIVE', joinedOn: '2026-01-05', team: { id: 'team-core', name: 'Core' } } });

    expect((await instance.gql(recordJoiner, { input: joiner('r-0010', { title: 'Engineering Manager' }) }, hris)).data!['recordJoiner'].changed).toBe(true);
    const moved = await instance.gql(recordMover, { input: { engineerId: 'r-0002', teamId: 'team-edge', teamName: 'Edge', managerId: 'r-0010', title: 'Senior Engineer', movedOn: '2026-06-01', idempotencyKey: 'workday-evt-2' } }, hris);
    expect(moved.data!['recordMover']).toMatchObject({ changed: true, engineer: { title: 'Senior Engineer', team: { id: 'team-edge' }, manager: { id: 'r-0010' } } });

    // The joiner again with its key, after the move: nothing changes, the same position comes back.
    const events = (await instance.running.store.readStream('engineer-r-0002')).length;
    const replay = await instance.gql(recordJoiner, { input: { ...joiner('r-0002'), idempotencyKey: 'workday-evt-1' } }, hris);
    expect(replay.data!['recordJoiner']).toMatchObject({ changed: false, position: joined.data!['recordJoiner'].position, engineer: { team: { id: 'team-edge' } } });
    const moverReplay = await instance.gql(recordMover, { input: { engineerId: 'r-0002', teamId: 'team-edge', teamName: 'Edge', managerId: 'r-0010', title: 'Senior Engineer', movedOn: '2026-06-01', idempotencyKey: 'workday-evt-2' } }, hris);
    expect(moverReplay.data!['recordMover']).toMatchObject({ changed: false, position: moved.data!['recordMover'].position });
    expect((await instance.running.store.readStream('engineer-r-0002')).length).toBe(events);

    const left = await instance.gql(recordLeaver, { input: { engineerId: 'r-0002', leftOn: '2026-09-30' } }, hris);
    expect(left.data!['recordLeaver']).toMatchObject({ changed: true, engineer: { status: 'LEFT' } });
    const unknown = await instance.gql(recordLeaver, { input: { engineerId: 'r-9999', leftOn: '2026-09-30' } }, hris);
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'engineerId' });
  });

  it('the HRIS feed and the mutation record the same person as one engineer, with the same idempotency key', async () => {
    const messageId = '0b6f2c1e-6b1d-4b7e-9a55-2d7e0c1f9a10';
    const message = {
      messageId, type: 'joiner', source: 'workday', occurredAt: '2026-11-20T09:00:00Z', effectiveDate: '2026-12-01',
      engineer: { id: 'r-0003', name: 'Noor Feed', email: 'noor.feed@example.test', title: 'Engineer', teamId: 'team-core', teamName: 'Core', managerId: null },
    };
    await instance.running.app.get(HrisPeopleConsumer).handle({ topic: 'hris.people.v1', partition: 0, offset: '0', key: 'r-0003', value: JSON.stringify(message), headers: {} });
    const input = { engineerId: 'r-0003', name: 'Noor Feed', email: 'noor.feed@example.test', title: 'Engineer', teamId: 'team-core', teamName: 'Core', managerId: null, joinedOn: '2026-12-01' };
    const sameKey = await instance.gql(recordJoiner, { input: { ...input, idempotencyKey: messageId } }, hris);
    expect(sameKey.data!['recordJoiner']).toMatchObject({ changed: false, engineer: { id: 'r-0003', name: 'Noor Feed' } });
    const noKey = await instance.gql(recordJoiner, { input }, hris);
    expect(noKey.data!['recordJoiner']).toMatchObject({ changed: false });
    const stream = await instance.running.store.readStream('engineer-r-0003');
    expect(stream.map((e) => e.type)).toEqual(['EngineerJoined']);
    const found = await instance.gql(`{ engineers(filter: {team: "team-core"}, first: 50) { nodes { id } } }`, {}, {});
    expect(found.data!['engineers'].nodes.filter((n: { id: string }) => n.id === 'r-0003')).toHaveLength(1);
    // A different person under that id through the API is a conflict, not a second engineer.
    const other = await instance.gql(recordJoiner, { input: { ...input, name: 'Someone Else', email: 'else@example.test' } }, hris);
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'engineerId' });
  });
});

describe('importPeople', () => {
  const header = 'employeeId,name,email,title,teamId,teamName,managerId,startDate,leftOn,movedOn';
  const csv = (...lines: string[]) => [header, ...lines].join('\n') + '\n';
  const people = csv(
    'i-0002,Ines Report,ines@example.test,Engineer,team-imp,Import,i-0001,2025-02-01,,',
    'i-0001,Ivo Lead,ivo@example.test,Engineering Manager,team-imp,Import,,2024-05-01,,',
    '"i-0003","Iris, the Quoted",iris@example.test,Engineer,team-imp,"Import",i-0001,2025-03-01,,',
  );

  it('a dry run reports the joiners and stores nothing', async () => {
    const before = await engineerEvents();
    const response = await instance.gql(importPeople, { input: { format: 'CSV', content: people, dryRun: true } }, hris);
    expect(response.errors).toBeUndefined();
    expect(response.data!['importPeople']).toMatchObject({ dryRun: true, applied: false, changed: false, joiners: 3, movers: 0, leavers: 0, unchanged: 0, errors: [], warnings: [] });
    expect(response.data!['importPeople'].rows).toEqual([
      { line: 2, row: 1, employeeId: 'i-0002', change: 'JOINER' },
      { line: 3, row: 2, employeeId: 'i-0001', change: 'JOINER' },
      { line: 4, row: 3, employeeId: 'i-0003', change: 'JOINER' },
    ]);
    expect(await engineerEvents()).toEqual(before);
  });

  it('refuses a file with bad rows, naming line and field of each, and stores nothing', async () => {
    const before = await engineerEvents();
    const bad = csv(
      'i-0001,Ivo Lead,ivo@example.test,Engineering Manager,team-imp,Import,,2024-05-01,,',
      'i-0002,Ines Report,not-an-email,Engineer,team-imp,Import,i-0001,2025-02-31,,',
      'i-0001,Ivo Again,ivo2@example.test,Engineer,team-imp,Import,,2024-05-01,,',
      'i-0004,Too Few,cells@example.test',
    );
    const refused = await instance.gql(importPeople, { input: { format: 'CSV', content: bad } }, hris);
    const extensions = refused.errors![0]!.extensions;
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content', line: 3, row: 2, path: 'email' });
    expect((extensions['errors'] as { line: number; field: string | null; code: string }[]).map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'email', 'INVALID_VALUE'],
      [3, 'startDate', 'INVALID_VALUE'],
      [4, 'employeeId', 'DUPLICATE_EMPLOYEE'],
      [5, null, 'INVALID_ROW'],
    ]);
    expect(await engineerEvents()).toEqual(before);

    const dry = await instance.gql(importPeople, { input: { format: 'CSV', content: bad, dryRun: true } }, hris);
    expect(dry.data!['importPeople']).toMatchObject({ applied: false, joiners: 1 });
    expect(dry.data!['importPeople'].errors).toHaveLength(4);
    expect(await engineerEvents()).toEqual(before);
  });

  it('refuses what is wrong with the file as a whole before any work', async () => {
    const missing = await instance.gql(importPeople, { input: { format: 'CSV', content: 'employeeId,name\ni-1,A\n' } }, hris);
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content', line: 1, column: 'email' });
    const unclosed = await instance.gql(importPeople, { input: { format: 'CSV', content: `${header}\n"i-1,oops\n` } }, hris);
    expect(unclosed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    const notJson = await instance.gql(importPeople, { input: { format: 'JSON', content: '[{"employeeId": "i-1",\n}' } }, hris);
    expect(notJson.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content', line: 2 });
    const tooMany = await instance.gql(importPeople, { input: { format: 'CSV', content: csv(...Array.from({ length: 5_001 }, (_, i) => `x-${i},N,n${i}@example.test,E,t,T,,2024-01-01,,`)) } }, hris);
    expect(tooMany.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    expect(tooMany.errors![0]!.message).toContain('At most 5000 rows');
  });

  it('imports, managers first; the same file again changes nothing; a changed file records movers and leavers', async () => {
    const first = await instance.gql(importPeople, { input: { format: 'CSV', content: people } }, hris);
    expect(first.errors).toBeUndefined();
    expect(first.data!['importPeople']).toMatchObject({ applied: true, changed: true, joiners: 3 });
    const lead = await instance.gql(`{ engineer(id: "i-0002") { manager { name } } }`);
    expect(lead.data!['engineer'].manager.name).toBe('Ivo Lead');
    const quoted = await instance.gql(`{ engineer(id: "i-0003") { name team { name } } }`);
    expect(quoted.data!['engineer']).toEqual({ name: 'Iris, the Quoted', team: { name: 'Import' } });

    const before = await engineerEvents();
    const again = await instance.gql(importPeople, { input: { format: 'CSV', content: people } }, hris);
    expect(again.data!['importPeople']).toMatchObject({ applied: false, changed: false, joiners: 0, unchanged: 3 });
    expect(await engineerEvents()).toEqual(before);

    const later = [
      { employeeId: 'i-0002', name: 'Ines Report', email: 'ines@example.test', title: 'Senior Engineer', teamId: 'team-imp', teamName: 'Import', managerId: 'i-0001', startDate: '2025-02-01', movedOn: '2026-10-01' },
      { employeeId: 'i-0001', name: 'Ivo Lead', email: 'ivo@example.test', title: 'Engineering Manager', teamId: 'team-imp', teamName: 'Import', managerId: null, startDate: '2024-05-01' },
      { employeeId: 'i-0003', name: 'Iris, the Quoted', email: 'iris@example.test', title: 'Engineer', teamId: 'team-imp', teamName: 'Import', managerId: 'i-0001', startDate: '2025-03-01', leftOn: '2026-10-31' },
    ];
    const json = JSON.stringify(later, null, 2);
    const changed = await instance.gql(importPeople, { input: { format: 'JSON', content: json } }, hris);
    expect(changed.data!['importPeople']).toMatchObject({ applied: true, movers: 1, leavers: 1, unchanged: 1 });
    const after = await instance.gql(`{ a: engineer(id: "i-0002") { title } b: engineer(id: "i-0003") { status } }`);
    expect(after.data).toEqual({ a: { title: 'Senior Engineer' }, b: { status: 'LEFT' } });
    const jsonAgain = await instance.gql(importPeople, { input: { format: 'JSON', content: json } }, hris);
    expect(jsonAgain.data!['importPeople']).toMatchObject({ changed: false, unchanged: 3 });

    const badJson = JSON.stringify([later[1], { ...later[0], email: 'nope' }], null, 2);
    const refused = await instance.gql(importPeople, { input: { format: 'JSON', content: badJson } }, hris);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', row: 2, path: 'email', line: badJson.split('\n').findIndex((l, i) => i > 1 && l.trim() === '{') + 1 });
  });
});

describe('the people:import script', () => {
  const script = join(root, 'scripts/people-import.mjs');
  const cli = (...args: string[]) =>
    run(process.execPath, [script, ...args, '--url', `${instance.running.url}/graphql`], { cwd: root }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const file = (name: string, text: string) => {
    const path = join(tmpdir(), `${process.pid}-${name}`);
    writeFileSync(path, text);
    return path;
  };
  // Reports listed before their managers, and batches of 2: each batch finds its managers recorded.
  const rows = ['employeeId,name,email,title,teamId,teamName,managerId,startDate', 'c-0003,Cy Three,c3@example.test,Engineer,team-cli,CLI,c-0002,2025-01-01',
    'c-0004,Cy Four,c4@example.test,Engineer,team-cli,CLI,c-0002,2025-01-01', 'c-0002,Cy Two,c2@example.test,Lead,team-cli,CLI,c-0001,2025-01-01',
    'c-0001,Cy One,c1@example.test,Director,team-cli,CLI,,2024-01-01', 'c-0005,Cy Five,c5@example.test,Engineer,team-cli,CLI,c-0001,2025-01-01'];

  it('dry-runs, imports in batches, and a second run changes nothing', async () => {
    const path = file('people.csv', rows.join('\n') + '\n');
    const before = await engineerEvents();
    const dry = await cli('--file', path, '--dry-run', '--batch-size', '2', '--actor', 'hr-bot');
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain('Dry run: nothing was recorded.\nrows 5: joiners 5, movers 0, leavers 0, unchanged 0, errors 0, warnings 0');
    expect(await engineerEvents()).toEqual(before);

    const done = await cli('--file', path, '--batch-size', '2', '--actor', 'hr-bot');
    expect(done.stdout).toContain('Imported.\nrows 5: joiners 5, movers 0, leavers 0, unchanged 0, errors 0, warnings 0');
    const managers = await instance.gql(`{ engineers(filter: {team: "team-cli"}, first: 10) { nodes { id manager { id } } } }`);
    expect(managers.data!['engineers'].nodes).toHaveLength(5);
    for (const node of managers.data!['engineers'].nodes as { id: string; manager: { id: string } | null }[]) {
      expect(node.manager?.id ?? null).toBe({ 'c-0001': null, 'c-0002': 'c-0001', 'c-0003': 'c-0002', 'c-0004': 'c-0002', 'c-0005': 'c-0001' }[node.id]);
    }
    const afterImport = await engineerEvents();
    const again = await cli('--file', path, '--batch-size', '2', '--actor', 'hr-bot');
    expect(again.stdout).toContain('rows 5: joiners 0, movers 0, leavers 0, unchanged 5, errors 0');
    expect(await engineerEvents()).toEqual(afterImport);
  });

  it('prints the line and field of bad rows across batches, exits 1 and records nothing', async () => {
    const path = file('bad.csv', [...rows.slice(0, 3), 'c-0009,Bad Mail,not-mail,Engineer,team-cli,CLI,,2025-01-01', 'c-0003,Dup,dup@example.test,Engineer,team-cli,CLI,,2025-01-01'].join('\n') + '\n');
    const before = await engineerEvents();
    const result = await cli('--file', path, '--batch-size', '2', '--actor', 'hr-bot');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Nothing was recorded');
    expect(result.stdout).toContain('error   line 4, email: expected an e-mail address');
    expect(result.stdout).toContain('error   line 5, employeeId: c-0003 is already on line 2');
    expect(await engineerEvents()).toEqual(before);
  });

  it('says who may import when the role is missing', async () => {
    const result = await cli('--file', join(root, 'docs/examples/people.csv'), '--actor', 'eng-0002', '--roles', 'panel');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Only hris or admin may');
  });
});
