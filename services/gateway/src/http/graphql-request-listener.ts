import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** A handler for node:http's 'request' event. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** /graphql and anything under it, in any case (what Express's `app.use('/graphql')` matched). */
export const graphqlPath = /^\/graphql(?:[/?]|$)/i;

/** A request the listener refuses before Apollo sees it: the status, the code and what to tell the client. */
class RefusedRequest extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends an error the way GraphQL errors go out: JSON, a code, no internals. */
export function sendNodeError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const decoders: Record<string, () => Transform> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

/**
 * The JSON body of a POST: content-type application/json (415 otherwise), UTF-8 (415), at most `maxBytes`
 * once decompressed (413, read no further), a JSON object or array (400, the body not repeated). An empty
 * body is `{}` (Apollo then names what is missing).
 */
async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const [mediaType = '', ...parameters] = (req.headers['content-type'] ?? '').split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') throw new RefusedRequest(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send GraphQL requests as JSON: content-type: application/json');
  const charset = parameters.map((p) => p.trim().split('=')).find(([name]) => name?.toLowerCase() === 'charset')?.[1];
  if (charset !== undefined && charset.replace(/"/g, '').toLowerCase() !== 'utf-8') throw new RefusedRequest(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8 JSON');
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder = encoding === 'identity' ? undefined : decoders[encoding];
  if (encoding !== 'identity' && !decoder) throw new RefusedRequest(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8 JSON');
  const tooLarge = () => new RefusedRequest(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes`);
  if (!decoder && Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();

  const source: Readable = decoder ? req.pipe(decoder()) : req;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof RefusedRequest) throw error;
    throw new RefusedRequest(400, 'BAD_REQUEST', 'The request body could not be read');
  }
  const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
  if (text.trim() === '') return {};
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') throw new RefusedRequest(400, 'BAD_REQUEST', 'The request body is not a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RefusedRequest(400, 'BAD_REQUEST', 'The request body is not a JSON object');
  }
}

/**
 * GraphQL over node:http, without Express in the request path (Express, its router and body parsing were about
 * 16% of the gateway's CPU under load: docs/benchmarks.md): the body checks above, then Apollo Server; a body
 * that cannot be read, or anything thrown outside Apollo, is a coded JSON error, never a page with a stack
 * trace. Unexpected errors are logged once. GET carries the operation in the query string.
 */
export function graphqlRequestListener<C extends BaseContext>(
  server: ApolloServer<C>,
  options: { maxBodyBytes: number; context: (req: IncomingMessage) => Promise<C>; logUnexpected: (error: unknown) => void },
): NodeRequestListener {
  server.assertStarted('graphqlRequestListener()');
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const body = method === 'POST' ? await readJsonBody(req, options.maxBodyBytes) : {};
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: query < 0 ? '' : url.slice(query), body },
      context: () => options.context(req),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(method === 'HEAD' ? undefined : answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (error instanceof RefusedRequest) {
        // A body left unread (too large, wrong type) is not read on: the connection closes after the answer.
        const unread = !req.complete;
        sendNodeError(res, error.status, error.code, error.message, unread ? { connection: 'close' } : {});
        if (unread) req.resume();
        return;
      }
      options.logUnexpected(error);
      sendNodeError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    });
  };
}

/**
 * Puts `graphql` in front of the server's own request handler (Nest's Express app) for /graphql; every other
 * path (the dashboard, health, readiness, metrics) still goes to Express.
 */
export function serveGraphqlBeside(httpServer: Server, graphql: NodeRequestListener): void {
  const others = httpServer.listeners('request') as NodeRequestListener[];
  httpServer.removeAllListeners('request');
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (graphqlPath.test(req.url ?? '')) return graphql(req, res);
    for (const listener of others) listener(req, res);
  });
}

/**
 * Keeps idle connections open for `keepAliveMs` (HTTP_KEEP_ALIVE_TIMEOUT_MS). Node closes them after 5 s by
 * default, shorter than a load balancer's or a client pool's idle timeout, so a request sent on a connection at
 * the moment Node closes it fails with ECONNRESET (or a 502 from the balancer). Headers may take 1 s longer.
 */
export function keepConnectionsAlive(httpServer: Server, keepAliveMs: number): void {
  httpServer.keepAliveTimeout = keepAliveMs;
  httpServer.headersTimeout = keepAliveMs + 1_000;
}
