import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { typeDefs } from '@skills-graph/gateway';
import { bearer, generateTestKey, jwtTestEnv, signToken, startJwksServer, type JwksServer, type TestKey } from '@skills-graph/gateway/testing';
import { EmbeddedTestInstance, type GraphqlResponse } from '../testing/embedded-test-instance.js';
import { mutationRows, ownRules, payloadTypes, probes, queryRows, readRules, roles, type Outcome, type Role } from './access-matrix.js';

// The access matrix over HTTP: the product in AUTH_MODE=jwt, tokens signed by a key from a local JWKS server,
// a small organisation built through the API. Every cell of access-matrix.ts is one request.

const root = resolve(import.meta.dirname, '../../../..');
const schema = buildSchema(typeDefs);

/** Who plays each role (token sub and roles claim). engineer-self is the subject of every read. */
const cast: Record<Exclude<Role, 'anonymous'>, { sub: string; roles: string[] }> = {
  'engineer-self': { sub: 'self', roles: [] },
  'engineer-other': { sub: 'other', roles: [] },
  'manager-of': { sub: 'lead', roles: [] },
  'manager-up-the-line': { sub: 'upper', roles: [] },
  'manager-of-someone-else': { sub: 'olead', roles: [] },
  'director-of-org': { sub: 'dir', roles: ['director'] },
  'director-of-other-org': { sub: 'odir', roles: ['director'] },
  panel: { sub: 'pan', roles: ['panel'] },
  hris: { sub: 'svc:workday', roles: ['hris'] },
  'framework-owner': { sub: 'fo', roles: ['framework-owner'] },
  admin: { sub: 'adm', roles: ['admin'] },
};
/** The organisation: [id, manager, team]. Org A: dir > upper > lead > self, deputy. Org B: odir > olead > other, pan, fo, adm. */
const people: [string, string | null, string][] = [
  ['dir', null, 'team-a'], ['upper', 'dir', 'team-a'], ['lead', 'upper', 'team-a'], ['self', 'lead', 'team-a'], ['deputy', 'lead', 'team-a'],
  ['odir', null, 'team-b'], ['olead', 'odir', 'team-b'], ['other', 'olead', 'team-b'], ['pan', 'olead', 'team-b'], ['fo', 'olead', 'team-b'], ['adm', 'olead', 'team-b'],
  ['lead2', 'odir', 'team-b'], ['r2', 'lead2', 'team-b'],
];

let jwks: JwksServer;
let key: TestKey;
let instance: EmbeddedTestInstance;
const tokens = new Map<string, string>();
const fixture: Record<string, string> = {};

const headersOf = (role: Role): Record<string, string> => (role === 'anonymous' ? {} : bearer(tokens.get(role)!));
const as = (sub: string, roles: string[] = []) => signToken(sub, { roles }, key).then(bearer);
const gql = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => instance.gql(query, variables, headers);

async function must<T = Record<string, any>>(response: Promise<GraphqlResponse<T>>): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!;
}

const submit = `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } position } }`;
const evidenceInput = (title: string) => ({ engineerId: 'self', kind: 'PULL_REQUEST', title, url: 'https://git.example.test/pr/1', date: '2025-06-01', projectId: 'ledger', skills: ['go'], behaviourIds: ['mastery-1'] });
/** A submitted item of engineer-self's, by engineer-self. */
const submitted = async (title: string): Promise<string> => {
  const data = await must(gql(submit, { input: evidenceInput(title) }, await as('self')));
  return data['submitEvidence'].evidence.id as string;
};

beforeAll(async () => {
  key = await generateTestKey('RS256');
  jwks = await startJwksServer({ keys: [key] });
  instance = new EmbeddedTestInstance(jwtTestEnv(jwks, { SEED_DEMO: 'false' }));
  await instance.start();
  for (const [role, { sub, roles: claims }] of Object.entries(cast)) tokens.set(role, await signToken(sub, { roles: claims }, key));

  const hris = await as('svc:workday', ['hris']);
  for (const [id, managerId, team] of people) {
    const input = { engineerId: id, name: `Person ${id}`, email: `${id}@example.test`, title: 'Engineer', teamId: team, teamName: team.toUpperCase(), managerId, joinedOn: '2025-01-01' };
    await must(gql('mutation($input: RecordJoinerInput!) { recordJoiner(input: $input) { changed } }', { input }, hris));
  }
  const owner = await as('fo', ['framework-owner']);
  const content = readFileSync(join(root, 'docs/examples/framework.yaml'), 'utf8');
  await must(gql('mutation($content: String!) { importFramework(input: {frameworkId: "engineering", content: $content, publish: true}) { version } }', { content }, owner));
  const reworded = content.replace('Shapes the architecture across teams', 'Shapes the architecture across all teams');
  await must(gql('mutation($content: String!) { importFramework(input: {frameworkId: "engineering", content: $content, publish: false}) { version } }', { content: reworded }, owner));
  await must(gql('mutation { registerSkill(input: {id: "go", name: "Go", aliases: ["golang"]}) { changed } }', {}, owner));

  fixture['approved'] = await submitted('Approved work');
  await must(gql('mutation($id: ID!) { endorseEvidence(id: $id, comment: "Saw it land") { changed } }', { id: fixture['approved'] }, await as('other')));
  await must(gql('mutation($id: ID!) { approveEvidence(id: $id) { changed } }', { id: fixture['approved'] }, await as('lead')));
  fixture['rejected'] = await submitted('Rejected work');
  await must(gql('mutation($id: ID!) { rejectEvidence(id: $id, reason: "Not the claimed behaviour yet") { changed } }', { id: fixture['rejected'] }, await as('lead')));
  fixture['submitted'] = await submitted('Pending work');
  await must(gql('mutation { calibrateLevel(input: {engineerId: "self", competency: "Mastery", level: 1, rationale: "Agreed", panel: ["pan"]}) { changed } }', {}, await as('pan', ['panel'])));
  // The level follows the approval through the assessment process manager: wait until it is there.
  const admin = await as('adm', ['admin']);
  for (let i = 0; i < 100; i++) {
    const levels = (await must(gql('{ engineer(id: "self") { levels { level } } }', {}, admin)))['engineer'].levels as unknown[];
    if (levels.length > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);

afterAll(async () => {
  await instance?.dispose();
  await jwks?.close();
});

/** The outcome of a response at a path: an error code, hidden (null, empty), or the value. */
function outcomeAt(response: GraphqlResponse, path: readonly string[]): Outcome {
  if (response.errors) return String(response.errors[0]!.extensions['code']) as Outcome;
  let value: unknown = response.data;
  for (const key of path) {
    if (Array.isArray(value)) value = value[0];
    value = (value as Record<string, unknown> | null | undefined)?.[key];
  }
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0) ? 'hidden' : 'value';
}

/** The object a probe reads (the one holding the field) and the field's own value. */
function probed(response: GraphqlResponse, field: string): { parent: Outcome; field: Outcome } {
  if (response.errors) {
    const code = String(response.errors[0]!.extensions['code']) as Outcome;
    return { parent: code, field: code };
  }
  let value: unknown = response.data;
  for (;;) {
    if (Array.isArray(value)) {
      if (value.length === 0) return { parent: 'hidden', field: 'hidden' };
      value = value[0];
      continue;
    }
    if (value === null || value === undefined) return { parent: 'hidden', field: 'hidden' };
    const object = value as Record<string, unknown>;
    if (field in object) {
      const own = object[field];
      return { parent: 'value', field: own === null || (Array.isArray(own) && own.length === 0) ? 'hidden' : 'value' };
    }
    value = object[Object.keys(object)[0]!];
  }
}

const variablesOf = (query: string) => Object.fromEntries(['self', 'approved', 'submitted', 'rejected'].filter((v) => query.includes(`$${v}`)).map((v) => [v, v === 'self' ? 'self' : fixture[v]]));
const selection = (type: GraphQLObjectType, field: string) => (isObjectType(getNamedType(type.getFields()[field]!.type)) ? `${field} { __typename }` : field);
const objectTypes = () =>
  Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__') && t.name !== 'Query' && t.name !== 'Mutation');

describe('the matrix covers the whole schema', () => {
  it('has a row for every Query field and every Mutation', () => {
    expect(Object.keys(schema.getQueryType()!.getFields()).filter((f) => !(f in queryRows))).toEqual([]);
    expect(Object.keys(schema.getMutationType()!.getFields()).filter((f) => !(f in mutationRows))).toEqual([]);
  });
  it('has a rule for every field of every object type (own rule, inherited through a probe, or a mutation payload)', () => {
    const uncovered = objectTypes().flatMap((type) =>
      Object.keys(type.getFields())
        .map((field) => `${type.name}.${field}`)
        .filter((name) => !(name in ownRules) && !(type.name in probes) && !payloadTypes.includes(name.split('.')[0]!)),
    );
    expect(uncovered).toEqual([]);
  });
});

describe('every Query field × every role', () => {
  const cells = Object.entries(queryRows).flatMap(([field, rows]) => rows.flatMap((row) => roles.map((role) => ({ field, row, role }))));
  it.each(cells.map((c) => [c.field, c.row.query.slice(0, 70), c.role, c] as const))('%s %s as %s', async (_field, _query, role, { row }) => {
    const response = await gql(row.query, variablesOf(row.query), headersOf(role));
    expect(outcomeAt(response, row.path)).toBe(readRules[row.rule][role]);
  });
});

describe('every object field × every role', () => {
  const cells = objectTypes().flatMap((type) =>
    (probes[type.name] ?? []).flatMap((probe) => Object.keys(type.getFields()).flatMap((field) => roles.map((role) => ({ type, probe, field, role })))),
  );
  it.each(cells.map((c) => [`${c.type.name}.${c.field}`, c.probe.name, c.role, c] as const))('%s (on %s) as %s', async (_name, _probe, role, { type, probe, field }) => {
    const query = probe.query.replace('SEL', selection(type, field));
    const response = await gql(query, variablesOf(query), headersOf(role));
    const got = probed(response, field);
    const parent = readRules[probe.rule][role];
    const rule = ownRules[`${type.name}.${field}`];
    if (parent !== 'value' || rule === undefined || rule === 'inherit' || rule === 'payload') expect(got.parent).toBe(parent);
    else expect(got.field).toBe(readRules[rule][role]);
  });
});

describe('every Mutation × every role', () => {
  const until = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
  const invalid: Record<string, string> = {
    importFramework: 'mutation { importFramework(input: {frameworkId: "Not An Id", content: "x"}) { changed } }',
    publishFramework: 'mutation { publishFramework(id: "engineering", version: 0) { changed } }',
    registerSkill: 'mutation { registerSkill(input: {id: "Not An Id", name: "x"}) { changed } }',
    recordJoiner: 'mutation { recordJoiner(input: {engineerId: "bad id", name: "x", email: "no", title: "t", teamId: "t", teamName: "T", joinedOn: "2026-02-30"}) { changed } }',
    recordMover: 'mutation { recordMover(input: {engineerId: "bad id", teamId: "t", teamName: "T", movedOn: "2026-02-30"}) { changed } }',
    recordLeaver: 'mutation { recordLeaver(input: {engineerId: "bad id", leftOn: "2026-02-30"}) { changed } }',
    importPeople: 'mutation { importPeople(input: {format: CSV, content: ""}) { changed } }',
    eraseEngineer: 'mutation { eraseEngineer(id: " ") { changed } }',
    calibrateLevel: 'mutation { calibrateLevel(input: {engineerId: "self", competency: "Mastery", level: 0, rationale: "r", panel: ["pan"]}) { changed } }',
  };
  /** The request for a mutation as a role; evidence mutations act on an item of the role's own. */
  const request = async (mutation: string): Promise<{ query: string; variables: Record<string, unknown> }> => {
    if (mutation in invalid) return { query: invalid[mutation]!, variables: {} };
    switch (mutation) {
      case 'submitEvidence':
        return { query: submit, variables: { input: evidenceInput('Submitted in the matrix') } };
      case 'delegateApprovals':
        return { query: 'mutation($until: String!) { delegateApprovals(input: {delegateId: "deputy", until: $until}) { changed } }', variables: { until: until() } };
      case 'revokeDelegation':
        return { query: 'mutation { revokeDelegation(delegateId: "deputy") { changed } }', variables: {} };
    }
    const id = await submitted(`For ${mutation}`);
    const queries: Record<string, string> = {
      endorseEvidence: 'mutation($id: ID!) { endorseEvidence(id: $id) { changed } }',
      approveEvidence: 'mutation($id: ID!) { approveEvidence(id: $id) { changed } }',
      rejectEvidence: 'mutation($id: ID!) { rejectEvidence(id: $id, reason: "Not yet") { changed } }',
      withdrawEvidence: 'mutation($id: ID!) { withdrawEvidence(id: $id) { changed } }',
      amendEvidence: 'mutation($id: ID!) { amendEvidence(id: $id, input: {title: "Amended"}) { changed } }',
    };
    return { query: queries[mutation]!, variables: { id } };
  };
  const cells = Object.entries(mutationRows).flatMap(([mutation, expected]) => roles.map((role) => [mutation, role, expected[role]] as const));
  it.each(cells)('%s as %s: %s', async (mutation, role, expected) => {
    const { query, variables } = await request(mutation);
    const response = await gql(query, variables, headersOf(role));
    expect(response.errors ? response.errors[0]!.extensions['code'] : 'ok').toBe(expected);
  });
});

describe('approval rights beyond the matrix', () => {
  const approve = 'mutation($id: ID!) { approveEvidence(id: $id) { changed evidence { status reviewedBy { id } } } }';

  it('a delegate approves until the delegation is revoked; the approval names them (the delegate gains no read rights)', async () => {
    const first = await submitted('Approved by the deputy');
    expect((await gql(approve, { id: first }, await as('deputy'))).errors![0]!.extensions['code']).toBe('FORBIDDEN');
    await must(gql('mutation($until: String!) { delegateApprovals(input: {delegateId: "deputy", until: $until, reportIds: ["self"]}) { changed } }', { until: new Date(Date.now() + 3_600_000).toISOString() }, await as('lead')));
    const approved = await must(gql(approve, { id: first }, await as('deputy')));
    expect(approved['approveEvidence']).toEqual({ changed: true, evidence: null });
    const seenBySelf = await must(gql('query($id: ID!) { evidence(id: $id) { status reviewedBy { id } } }', { id: first }, await as('self')));
    expect(seenBySelf['evidence']).toEqual({ status: 'APPROVED', reviewedBy: { id: 'deputy' } });
    await must(gql('mutation { revokeDelegation(delegateId: "deputy") { changed } }', {}, await as('lead')));
    const second = await submitted('Not any more');
    expect((await gql(approve, { id: second }, await as('deputy'))).errors![0]!.extensions['code']).toBe('FORBIDDEN');
  });

  it('refuses a delegation for someone who is not a report, naming the field', async () => {
    const response = await gql('mutation($until: String!) { delegateApprovals(input: {delegateId: "deputy", until: $until, reportIds: ["other"]}) { changed } }', { until: new Date(Date.now() + 3_600_000).toISOString() }, await as('lead'));
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(response.errors![0]!.message).toMatch(/does not report to you/);
  });

  it('a manager who has left approves nothing from their leaving date; a token for no engineer is refused with why', async () => {
    const r2 = await must(gql(submit, { input: { ...evidenceInput('Before the manager left'), engineerId: 'r2' } }, await as('r2')));
    const id = r2['submitEvidence'].evidence.id as string;
    const today = new Date().toISOString().slice(0, 10);
    await must(gql('mutation($day: String!) { recordLeaver(input: {engineerId: "lead2", leftOn: $day}) { changed } }', { day: today }, await as('svc:workday', ['hris'])));
    const refused = await gql(approve, { id }, await as('lead2'));
    expect(refused.errors![0]!.extensions['code']).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toMatch(/neither a current engineer nor a service principal/);
    const stranger = await gql(approve, { id }, await as('nobody-at-all', ['admin']));
    expect(stranger.errors![0]!.message).toMatch(/'nobody-at-all' is neither a current engineer nor a service principal/);
    const system = await gql(approve, { id }, await as('svc:robot', ['system', 'admin']));
    expect(system.errors![0]!.extensions['code']).toBe('FORBIDDEN');
    const still = await must(gql('query($id: ID!) { evidence(id: $id) { status } }', { id }, await as('adm', ['admin'])));
    expect(still['evidence']).toEqual({ status: 'SUBMITTED' });
  });

  it('anonymous reads nothing in jwt mode: every query is UNAUTHENTICATED, health still answers', async () => {
    const response = await gql('{ engineers(first: 1) { totalCount } }', {}, {});
    expect(response.errors![0]!.extensions['code']).toBe('UNAUTHENTICATED');
    expect((await fetch(`${instance.running.url}/health`)).status).toBe(200);
  });
});
