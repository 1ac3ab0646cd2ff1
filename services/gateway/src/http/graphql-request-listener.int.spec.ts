import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync, gzipSync } from 'node:zlib';
import { ApolloServer } from '@apollo/server';
import { graphqlRequestListener, keepConnectionsAlive, serveGraphqlBeside } from './graphql-request-listener.js';

// GraphQL on node:http without Express: a real Apollo Server on a real HTTP server, asked the way clients ask,
// including the ways they get it wrong. (The product's own refusals over its whole stack: bad-requests.e2e.)

const maxBodyBytes = 2_000;
let server: Server;
let apollo: ApolloServer<{ who: string }>;
let url: string;
const unexpected: unknown[] = [];

beforeAll(async () => {
  apollo = new ApolloServer<{ who: string }>({ typeDefs: 'type Query { hello(name: String): String! who: String! }', resolvers: { Query: { hello: (_: unknown, a: { name?: string }) => `hello ${a.name ?? 'you'}`, who: (_: unknown, __: unknown, c: { who: string }) => c.who } } });
  await apollo.start();
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('the rest of the app'));
  serveGraphqlBeside(server, graphqlRequestListener(apollo, { maxBodyBytes, context: async (req) => ({ who: String(req.headers['x-who'] ?? 'nobody') }), logUnexpected: (e) => unexpected.push(e) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await apollo.stop();
});

/** A raw request (node:http, so a body and its headers go exactly as given). */
function send(path: string, options: { method?: string; headers?: Record<string, string | number>; body?: Buffer | string } = {}): Promise<{ status: number; headers: Record<string, unknown>; text: string; json: () => any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: options.method ?? 'POST', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = { 'content-type': 'application/json' };
const code = (answer: { json: () => any }) => answer.json().errors[0].extensions.code as string;

describe('GraphQL on node:http', () => {
  it('answers a JSON POST, a GET with the operation in the query string, and passes the request to the context', async () => {
    const posted = await send('/graphql', { headers: { ...json, 'x-who': 'ada' }, body: JSON.stringify({ query: '{ hello(name: "Ada") who }' }) });
    expect(posted.status).toBe(200);
    expect(posted.json()).toEqual({ data: { hello: 'hello Ada', who: 'ada' } });
    expect(Number(posted.headers['content-length'])).toBe(Buffer.byteLength(posted.text));
    const got = await send(`/graphql?query=${encodeURIComponent('{ hello }')}`, { method: 'GET', headers: { 'apollo-require-preflight': 'true' } });
    expect([got.status, got.json()]).toEqual([200, { data: { hello: 'hello you' } }]);
    expect((await send('/graphql', { headers: { 'content-type': 'application/json; charset=UTF-8' }, body: '{"query":"{ hello }"}' })).status).toBe(200);
  });

  it('sends /graphql in any case and below it to GraphQL, everything else to the server own handler', async () => {
    expect((await send('/GraphQL', { headers: json, body: '{"query":"{ hello }"}' })).status).toBe(200);
    expect((await send('/graphql/', { headers: json, body: '{"query":"{ hello }"}' })).status).toBe(200);
    for (const path of ['/', '/graphqlx', '/health', '/x/graphql']) expect((await send(path, { method: 'GET' })).text).toBe('the rest of the app');
  });

  it('reads a gzip or deflate body, and refuses one that inflates past the limit (413) however small it came', async () => {
    const body = gzipSync(JSON.stringify({ query: '{ hello(name: "zipped") }' }));
    const zipped = await send('/graphql', { headers: { ...json, 'content-encoding': 'gzip' }, body });
    expect(zipped.json()).toEqual({ data: { hello: 'hello zipped' } });
    const deflated = await send('/graphql', { headers: { ...json, 'content-encoding': 'deflate' }, body: deflateSync(JSON.stringify({ query: '{ hello(name: "deflated") }' })) });
    expect(deflated.json()).toEqual({ data: { hello: 'hello deflated' } });
    const bomb = gzipSync(JSON.stringify({ query: '{ hello }', variables: { pad: ' '.repeat(200_000) } }));
    expect(bomb.length).toBeLessThan(maxBodyBytes);
    const refused = await send('/graphql', { headers: { ...json, 'content-encoding': 'gzip' }, body: bomb });
    expect([refused.status, code(refused)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const broken = await send('/graphql', { headers: { ...json, 'content-encoding': 'gzip' }, body: 'not gzip at all' });
    expect([broken.status, code(broken)]).toEqual([400, 'BAD_REQUEST']);
  });

  it('refuses a body over the limit by its length without reading it, closing the connection after the answer', async () => {
    const large = await send('/graphql', { headers: json, body: JSON.stringify({ query: '{ hello }', variables: { pad: 'x'.repeat(maxBodyBytes) } }) });
    expect([large.status, code(large), large.json().errors[0].message]).toEqual([413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes`]);
    expect(large.headers['connection']).toBe('close');
    expect((await send('/graphql', { headers: json, body: '{"query":"{ hello }"}' })).status).toBe(200);
  });

  it.each([
    ['no content type', {}, '{"query":"{ hello }"}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['text/plain', { 'content-type': 'text/plain' }, '{"query":"{ hello }"}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/graphql', { 'content-type': 'application/graphql' }, '{ hello }', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['latin-1 JSON', { 'content-type': 'application/json; charset=latin1' }, '{"query":"{ hello }"}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an encoding nobody reads', { ...json, 'content-encoding': 'compress' }, '{"query":"{ hello }"}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['text that is not JSON', json, '{ hello }', 400, 'BAD_REQUEST'],
    ['a JSON number', json, '42', 400, 'BAD_REQUEST'],
    ['a JSON string', json, '"{ hello }"', 400, 'BAD_REQUEST'],
    ['a cut-off object', json, '{"query":"{ hello }"', 400, 'BAD_REQUEST'],
    ['an empty body (no query)', json, '', 400, 'BAD_REQUEST'],
    ['a batch (not served)', json, '[{"query":"{ hello }"}]', 400, 'BAD_REQUEST'],
  ])('refuses %s with a coded JSON error', async (_what, headers, body, status, expected) => {
    const answer = await send('/graphql', { headers: headers as Record<string, string>, body });
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(code(answer)).toBe(expected);
    expect(answer.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('logs nothing as unexpected for any of the above', () => {
    expect(unexpected).toEqual([]);
  });
});

describe('kept-alive connections', () => {
  it('stay open past Node\'s 5 s default, so a client or load balancer reusing one after 6 s idle is not reset', async () => {
    const other = createServer((_req, res) => res.end('ok'));
    keepConnectionsAlive(other, 65_000);
    expect([other.keepAliveTimeout, other.headersTimeout]).toEqual([65_000, 66_000]);
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<boolean>((resolve, reject) => {
        const req = httpRequest(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`, { agent }, (res) => res.resume().on('end', () => resolve(req.reusedSocket)));
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await get()).toBe(true); // the same connection, still open
    } finally {
      agent.destroy();
      await new Promise((resolve) => other.close(resolve));
    }
  }, 20_000);
});
