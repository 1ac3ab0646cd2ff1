import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// Bad requests over HTTP against the embedded product: every refusal is a 4xx with a code, never a 500,
// never a stack trace or a server path, and repeats at most 100 characters of the caller's input.
// FUZZ_RUNS raises the number of generated requests per property (CI keeps it small).
const runs = Number(process.env['FUZZ_RUNS'] ?? 15);
const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '34' });
const asAdmin = { 'x-actor-id': 'eng-0006', 'x-actor-roles': 'admin' };

beforeAll(async () => {
  await instance.start();
}, 180_000);
afterAll(async () => instance.dispose());

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
}

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Answer> {
  const response = await fetch(`${instance.running.url}/graphql`, { method: 'POST', headers: { ...asAdmin, ...headers }, body });
  const text = await response.text();
  let parsed: Answer['body'] = null;
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    parsed = null;
  }
  return { status: response.status, text, body: parsed };
}

const gql = (query: string, variables?: unknown) => post(JSON.stringify({ query, ...(variables !== undefined && { variables }) }));

const serverPath = new RegExp(`${process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|node_modules|\\.(?:js|ts|mjs):\\d+|\\n\\s+at\\s`);

/** The invariants every answer keeps, whatever was sent. `inputs` are long strings the request carried. */
function expectSafe(answer: Answer, inputs: string[] = []): void {
  expect(answer.status).toBeLessThan(500);
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.body).not.toBeNull();
  const errors = answer.body!.errors ?? [];
  if (answer.status >= 400) expect(errors.length).toBeGreaterThan(0);
  const errorText = JSON.stringify(errors);
  expect(errorText).not.toMatch(/stacktrace/i);
  expect(errorText).not.toMatch(serverPath);
  for (const error of errors) {
    expect(typeof error.extensions?.['code']).toBe('string');
    expect(error.extensions?.['code']).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.message.length).toBeLessThanOrEqual(1_001);
  }
  for (const input of inputs.filter((s) => s.length > 101)) {
    expect(errorText).not.toContain(input.slice(0, 101));
    expect(errorText).not.toContain(JSON.stringify(input).slice(1, 102));
  }
}

describe('the bad requests the issue names', () => {
  it('answers each with its 4xx and code', async () => {
    const cases: [string, () => Promise<Answer>, number, string][] = [
      ['a variable of the wrong type', () => gql('query($n: Int) { engineers(first: $n) { totalCount } }', { n: 'ten' }), 400, 'BAD_USER_INPUT'],
      ['an unknown input field', () => gql('query($f: EngineerFilter) { engineers(filter: $f) { totalCount } }', { f: { colour: 'red' } }), 400, 'BAD_USER_INPUT'],
      ['a missing required variable', () => gql('query($id: ID!) { engineer(id: $id) { name } }', {}), 400, 'BAD_USER_INPUT'],
      ['first: 1000000', () => gql('{ engineers(first: 1000000) { totalCount } }'), 400, 'BAD_USER_INPUT'],
      ['a query over the complexity limit', () => gql('{ engineers(first: 200) { nodes { evidence { endorsedBy { evidence { endorsedBy { evidence { title } } } } } } } }'), 400, 'QUERY_TOO_COMPLEX'],
      ['10,000 __typename aliases', () => gql(`{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`), 400, 'GRAPHQL_PARSE_FAILED'],
      ['500 aliases', () => gql(`{ ${Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ')} }`), 400, 'QUERY_TOO_COMPLEX'],
      ['a query 20 levels deep', () => gql(`{ engineer(id: "eng-0001") { ${'manager { '.repeat(20)}id${' }'.repeat(20)} } }`), 400, 'QUERY_TOO_COMPLEX'],
      ['an unknown field', () => gql('{ salaries }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
      ['a syntax error', () => gql('{ engineers(first: 1) { '), 400, 'GRAPHQL_PARSE_FAILED'],
      ['a malformed JSON body', () => post('{"query": '), 400, 'BAD_REQUEST'],
      ['a JSON body that is not an object', () => post('"{ skills { id } }"'), 400, 'BAD_REQUEST'],
      ['no query', () => post('{}'), 400, 'BAD_REQUEST'],
      ['the wrong content type', () => post('{ skills { id } }', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['no content type', () => post('{"query":"{ skills { id } }"}', {}), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['a body over the size limit', () => post(JSON.stringify({ query: '{ skills { id } }', variables: { pad: 'x'.repeat(6_000_000) } })), 413, 'PAYLOAD_TOO_LARGE'],
      ['an unknown skill of 1 MB', () => gql('query($s: String) { engineers(filter: { skill: $s }) { totalCount } }', { s: 's'.repeat(1_000_000) }), 400, 'BAD_USER_INPUT'],
      ['a rejection without a reason', () => gql('mutation { rejectEvidence(id: "nope", reason: "") { evidence { id } } }'), 400, 'BAD_USER_INPUT'],
    ];
    for (const [name, send, status, code] of cases) {
      const answer = await send();
      expect({ name, status: answer.status, code: answer.body?.errors?.[0]?.extensions?.['code'] }).toEqual({ name, status, code });
      expectSafe(answer, ['s'.repeat(1_000_000)]);
    }
  }, 60_000);

  it('answers a GET without a query as a coded 400, and keeps health, readiness and (in demo mode) metrics open', async () => {
    const get = await fetch(`${instance.running.url}/graphql`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect((await fetch(`${instance.running.url}/health`)).status).toBe(200);
    expect((await fetch(`${instance.running.url}/ready`)).status).toBe(200);
    expect((await fetch(`${instance.running.url}/metrics`)).status).toBe(200);
    expect(instance.running.metricsUrl).toBeNull();
  });
});

describe('generated bad requests', () => {
  const longText = fc.oneof(fc.string({ maxLength: 50 }), fc.nat({ max: 200_000 }).map((n) => 'q'.repeat(n) + 'end'));
  const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), longText);

  it('variables of any type for typed operations', async () => {
    const operations = [
      'query($n: Int, $a: String) { engineers(first: $n, after: $a) { totalCount } }',
      'query($f: EngineerFilter) { engineers(filter: $f) { totalCount nodes { id } } }',
      'query($id: ID!) { engineer(id: $id) { name levels { level } } }',
      'query($id: ID!, $asOf: String) { engineer(id: $id) { levels(asOf: $asOf) { level } } }',
      'query($c: String, $s: String) { engineer(id: "eng-0001") { levels(competency: $c, skill: $s) { level } } }',
      'mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }',
      'mutation($input: RegisterSkillInput!) { registerSkill(input: $input) { position } }',
      'mutation($id: ID!, $reason: String!) { rejectEvidence(id: $id, reason: $reason) { evidence { id } } }',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), fc.dictionary(fc.constantFrom('n', 'a', 'f', 'id', 'asOf', 'c', 's', 'input', 'reason', 'x'), anyJson), async (query, variables) => {
        expectSafe(await gql(query, variables), Object.values(variables).filter((v): v is string => typeof v === 'string'));
      }),
      { numRuns: runs * 3 },
    );
  }, 120_000);

  it('input objects with unknown, missing and mistyped fields', async () => {
    const field = fc.constantFrom('engineerId', 'kind', 'title', 'date', 'skills', 'behaviourIds', 'url', 'frameworkId', 'colour', '__proto__', 'constructor');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, anyJson, { maxKeys: 8 }), async (input) => {
        expectSafe(await gql('mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }', { input }));
      }),
      { numRuns: runs * 2 },
    );
  }, 120_000);

  it('page sizes, depths and alias counts around and far beyond the limits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -5, max: 205 })),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 2_500 }),
        async (first, depth, aliases) => {
          const nested = `${'manager { '.repeat(depth)}id${' }'.repeat(depth)}`;
          const aliased = Array.from({ length: aliases }, (_, i) => `t${i}: __typename`).join(' ');
          expectSafe(await gql(`{ engineers(first: ${first}) { nodes { ${nested} } } ${aliased} }`));
        },
      ),
      { numRuns: runs * 2 },
    );
  }, 120_000);

  it('any query text, any body and any content type', async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 300 }).map((query) => JSON.stringify({ query })),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.record({ query: fc.constantFrom('{ skills { id } }', '{ teams { id } }'), variables: fc.jsonValue({ maxDepth: 2 }), operationName: fc.oneof(fc.string(), fc.jsonValue()) }).map((v) => JSON.stringify(v)),
    );
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql');
    await fc.assert(
      fc.asyncProperty(body, contentType, async (text, type) => {
        expectSafe(await post(text, { 'content-type': type }));
      }),
      { numRuns: runs * 3 },
    );
  }, 120_000);
});
