import { describe, expect, it } from '@jest/globals';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { DomainError } from '@skills-graph/domain';
import { bounded, boundedMessage } from './bounded-text.js';
import { createErrorFormatter, errorStatusPlugin } from './error-responses.js';
import { GatewayError } from './gateway-error.js';
import { aliasLimitRule, complexityLimitPlugin, depthLimitRule, queryLimits } from './query-limits.js';

describe('boundedMessage', () => {
  it('cuts each quoted input to 100 characters and the whole message to 1,000', () => {
    const long = 'x'.repeat(5_000);
    expect(boundedMessage(`Unknown skill '${long}'`)).toBe(`Unknown skill '${'x'.repeat(100)}…'`);
    expect(boundedMessage(`Variable "$f" got invalid value "${long}"; Int cannot represent it`)).toBe(`Variable "$f" got invalid value "${'x'.repeat(100)}…"; Int cannot represent it`);
    expect(boundedMessage(`Variable "$f" got invalid value { a: "${'y\\"'.repeat(300)}" }`).length).toBeLessThan(200);
    expect(boundedMessage(`no quotes ${long}`)).toHaveLength(1_001);
    expect(boundedMessage(`it's 'short'`)).toBe(`it's 'short'`);
    expect(bounded('abc', 2)).toBe('ab…');
  });
});

type Formatted = { message: string; extensions: Record<string, unknown> };

function testServer(options: { debug?: boolean } = {}) {
  const logged: { error: unknown }[] = [];
  const schema = makeExecutableSchema({
    typeDefs: /* GraphQL */ `
      type Item { id: ID! name: String! child: Item }
      type Page { nodes: [Item!]! }
      type Query {
        items(first: Int!): Page!
        item(id: ID!): Item
        broken: String!
        refused: String!
        maybeRefused: String
        domainRefused: String!
        greet(name: String!): String!
      }
    `,
    resolvers: {
      Query: {
        items: (_: unknown, { first }: { first: number }) => ({ nodes: Array.from({ length: first }, (_v, i) => ({ id: String(i), name: `n${i}` })) }),
        item: (_: unknown, { id }: { id: string }) => ({ id, name: 'x' }),
        broken: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'x') at /srv/app/dist/secret.js:1:1");
        },
        refused: () => {
          throw new GatewayError('FORBIDDEN', 'Only admins may', 'actor');
        },
        maybeRefused: () => {
          throw new GatewayError('FORBIDDEN', 'Not yours', 'actor');
        },
        domainRefused: () => {
          throw new DomainError('NOT_FOUND', 'No such engineer', 'engineerId');
        },
        greet: (_: unknown, { name }: { name: string }) => {
          throw new GatewayError('BAD_USER_INPUT', `Unknown name '${name}'`, 'name', { rows: [{ value: name }] });
        },
      },
      Item: { child: (item: { id: string }) => ({ id: `${item.id}.c`, name: 'c' }) },
    },
  });
  const server = new ApolloServer({
    schema,
    includeStacktraceInErrorResponses: options.debug ?? false,
    parseOptions: { maxTokens: queryLimits.maxTokens },
    validationRules: [depthLimitRule(), aliasLimitRule()],
    plugins: [complexityLimitPlugin(schema), errorStatusPlugin()],
    formatError: createErrorFormatter({ debug: options.debug ?? false, logUnexpected: (error) => logged.push({ error }) }),
  });
  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query, variables } },
      context: async () => ({}),
    });
    const body = JSON.parse(response.body.kind === 'complete' ? response.body.string : '{}') as { data?: unknown; errors?: Formatted[] };
    return { status: response.status ?? 200, body, error: body.errors?.[0] };
  };
  return { server, run, logged };
}

describe('error responses', () => {
  it('answers bad variables, unknown input and missing variables with 400 BAD_USER_INPUT, before any cost estimate', async () => {
    const { server, run } = testServer();
    await server.start();
    try {
      const wrongType = await run('query($n: Int!) { items(first: $n) { nodes { id } } }', { n: 'abc' });
      expect([wrongType.status, wrongType.error?.extensions['code']]).toEqual([400, 'BAD_USER_INPUT']);
      const missing = await run('query($n: Int!) { items(first: $n) { nodes { id } } }');
      expect([missing.status, missing.error?.extensions['code']]).toEqual([400, 'BAD_USER_INPUT']);
      const huge = await run('query($n: String!) { greet(name: $n) }', { n: ['x'.repeat(10_000)] });
      expect([huge.status, huge.error?.extensions['code']]).toEqual([400, 'BAD_USER_INPUT']);
      expect(huge.error!.message.length).toBeLessThan(300);
    } finally {
      await server.stop();
    }
  });

  it('bounds first with a clear BAD_USER_INPUT, and refuses depth, aliases, cost and tokens over the limits before running', async () => {
    const { server, run } = testServer();
    await server.start();
    try {
      for (const first of [1_000_000, 0, -1]) {
        const r = await run(`{ items(first: ${first}) { nodes { id } } }`);
        expect([r.status, r.error?.extensions]).toEqual([400, { code: 'BAD_USER_INPUT', field: 'first' }]);
        expect(r.error?.message).toMatch(/first must be between 1 and 200/);
      }
      const deep = await run(`{ item(id: "1") ${'{ child '.repeat(15)}{ id }${' }'.repeat(15)} }`);
      expect([deep.status, deep.error?.extensions['code']]).toEqual([400, 'QUERY_TOO_COMPLEX']);
      const deepFragments = await run(`{ item(id: "1") { ...A } } fragment A on Item { child { child { child { ...B } } } } fragment B on Item { child { child { child { child { child { child { child { child { id } } } } } } } } }`);
      expect([deepFragments.status, deepFragments.error?.extensions['code']]).toEqual([400, 'QUERY_TOO_COMPLEX']);
      const aliases = await run(`{ ${Array.from({ length: 101 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
      expect([aliases.status, aliases.error?.extensions['code']]).toEqual([400, 'QUERY_TOO_COMPLEX']);
      const ok = await run(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
      expect(ok.status).toBe(200);
      const typenames = await run(`{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
      expect([typenames.status, typenames.error?.extensions['code']]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
      const costly = await run('{ a: items(first: 200) { nodes { child { child { child { child { child { child { child { child { child { id name } } } } } } } } } } } b: items(first: 200) { nodes { id } } }');
      expect([costly.status, costly.error?.extensions['code']]).toEqual([200, undefined]);
      const tooCostly = await run(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: items(first: 200) { nodes { id name child { id name child { id name } } } }`).join(' ')} }`);
      expect([tooCostly.status, tooCostly.error?.extensions['code']]).toEqual([400, 'QUERY_TOO_COMPLEX']);
    } finally {
      await server.stop();
    }
  });

  it('estimates a document once per operation and variables: the same text with other variables is judged again, and a refusal every time', async () => {
    const { server, run } = testServer();
    await server.start();
    try {
      const byVariable = 'query($n: Int!) { items(first: $n) { nodes { id } } }';
      // Given the document estimated and accepted with a small page
      expect((await run(byVariable, { n: 5 })).status).toBe(200);
      expect((await run(byVariable, { n: 5 })).status).toBe(200);
      // When the same text asks for a page beyond the limit, or a variable that does not coerce
      const tooLarge = await run(byVariable, { n: 1_000_000 });
      const again = await run(byVariable, { n: 1_000_000 });
      const wrongType = await run(byVariable, { n: 'abc' });
      // Then each is refused as before the cache
      expect([tooLarge.status, tooLarge.error?.extensions]).toEqual([400, { code: 'BAD_USER_INPUT', field: 'first' }]);
      expect([again.status, again.error?.extensions]).toEqual([400, { code: 'BAD_USER_INPUT', field: 'first' }]);
      expect([wrongType.status, wrongType.error?.extensions['code']]).toEqual([400, 'BAD_USER_INPUT']);
      const tooCostly = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: items(first: 200) { nodes { id name child { id name child { id name } } } }`).join(' ')} }`;
      for (let i = 0; i < 2; i += 1) expect((await run(tooCostly)).error?.extensions['code']).toBe('QUERY_TOO_COMPLEX');
      expect((await run(byVariable, { n: 5 })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('keeps known refusals with their code and field, with the status of the code when no data came back', async () => {
    const { server, run } = testServer();
    await server.start();
    try {
      expect(await run('{ refused }')).toMatchObject({ status: 403, error: { message: 'Only admins may', extensions: { code: 'FORBIDDEN', field: 'actor' } } });
      expect(await run('{ domainRefused }')).toMatchObject({ status: 404, error: { extensions: { code: 'NOT_FOUND', reason: 'NOT_FOUND', field: 'engineerId' } } });
      const echoed = await run('query($n: String!) { greet(name: $n) }', { n: 'y'.repeat(100_000) });
      expect(echoed).toMatchObject({ status: 400, error: { message: `Unknown name '${'y'.repeat(100)}…'`, extensions: { code: 'BAD_USER_INPUT', rows: [{ value: `${'y'.repeat(100)}…` }] } } });
      // A partial result stays 200, the error beside the data.
      expect(await run('{ item(id: "1") { id } maybeRefused }')).toMatchObject({ status: 200, body: { data: { item: { id: '1' }, maybeRefused: null } }, error: { extensions: { code: 'FORBIDDEN' } } });
    } finally {
      await server.stop();
    }
  });

  it('turns an unexpected error into INTERNAL_SERVER_ERROR without internals, logged once with its stack', async () => {
    const { server, run, logged } = testServer();
    await server.start();
    try {
      const r = await run('{ broken }');
      expect(r.status).toBe(500);
      expect(r.error).toEqual({ message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(logged).toHaveLength(1);
      expect((logged[0]!.error as Error).stack).toMatch(/TypeError/);
    } finally {
      await server.stop();
    }
  });

  it('shows stack traces only in debug mode', async () => {
    const quiet = testServer({ debug: false });
    const debug = testServer({ debug: true });
    await quiet.server.start();
    await debug.server.start();
    try {
      expect(JSON.stringify((await quiet.run('{ refused }')).body)).not.toMatch(/stacktrace|\.ts:|\.js:/);
      expect(JSON.stringify((await quiet.run('{ nope }')).body)).not.toMatch(/stacktrace/);
      expect((await debug.run('{ broken }')).error?.extensions['stacktrace']).toEqual(expect.arrayContaining([expect.stringMatching(/TypeError/)]));
    } finally {
      await quiet.server.stop();
      await debug.server.stop();
    }
  });
});
