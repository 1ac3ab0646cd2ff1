import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';

/** Sends an error the way GraphQL errors go out: JSON, a code, no internals. */
export function sendHttpError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * What runs before Apollo on /graphql: a POST must be JSON (415 UNSUPPORTED_MEDIA_TYPE otherwise) of at
 * most `maxBodyBytes` (413 PAYLOAD_TOO_LARGE) that parses (400 BAD_REQUEST, the body not repeated).
 */
export function graphqlBodyHandlers(options: { maxBodyBytes: number }): RequestHandler[] {
  const json = express.json({ limit: options.maxBodyBytes, strict: true, type: () => true });
  return [
    (req, res, next) => {
      if (req.method !== 'POST') {
        // GET carries the operation in the query string; Apollo still wants a body property.
        if (!('body' in req) || req.body === undefined) req.body = {};
        return next();
      }
      if (!req.is('application/json')) {
        return sendHttpError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send GraphQL requests as JSON: content-type: application/json');
      }
      return json(req, res, next);
    },
  ];
}

/**
 * The last handler on /graphql: a body that could not be read, or anything thrown outside Apollo, becomes
 * a coded JSON error (never Express's default page with a stack trace). Unexpected ones are logged once.
 */
export function graphqlHttpErrorHandler(options: { maxBodyBytes: number; logUnexpected: (error: unknown) => void }): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
    if (type === 'entity.too.large') {
      return sendHttpError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${options.maxBodyBytes} bytes`);
    }
    if (type === 'entity.parse.failed') return sendHttpError(res, 400, 'BAD_REQUEST', 'The request body is not a JSON object');
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return sendHttpError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8 JSON');
    }
    if (typeof status === 'number' && status >= 400 && status < 500) return sendHttpError(res, status, 'BAD_REQUEST', 'The request body could not be read');
    options.logUnexpected(error);
    return sendHttpError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}
