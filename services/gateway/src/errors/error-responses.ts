import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { bounded, boundedMessage } from './bounded-text.js';
import { toClientError } from './gateway-error.js';

/** The HTTP status of a response that is only errors, by the first error's code (docs/errors.md). */
export const httpStatusByCode: Record<string, number> = {
  BAD_REQUEST: 400,
  BAD_USER_INPUT: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  QUERY_TOO_COMPLEX: 400,
  PERSISTED_QUERY_NOT_FOUND: 200,
  PERSISTED_QUERY_NOT_SUPPORTED: 200,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** Logs an unexpected error once, with its stack (pino through Nest's logger in the product). */
export type UnexpectedErrorLog = (error: unknown, details: { path: readonly (string | number)[] | undefined }) => void;

/**
 * Apollo's formatError: every error leaves with a code in `extensions`, a message that repeats at most 100
 * characters of any input, and no internals. Known errors (GatewayError, DomainError, ...) keep their
 * message, code and field; anything unexpected becomes INTERNAL_SERVER_ERROR with a fixed message, and is
 * logged once with its stack. Stack traces reach the client only with `debug` (GRAPHQL_DEBUG=true).
 */
export function createErrorFormatter(options: { debug: boolean; logUnexpected: UnexpectedErrorLog }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const client = clientView(formatted, error);
    if (client.extensions['code'] === 'INTERNAL_SERVER_ERROR') {
      options.logUnexpected(unwrapResolverError(error), { path: formatted.path });
    }
    const extensions: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(client.extensions)) {
      if (key === 'http' || key === 'stacktrace') continue;
      extensions[key] = boundedValue(value, 0);
    }
    if (options.debug && formatted.extensions?.['stacktrace']) extensions['stacktrace'] = formatted.extensions['stacktrace'];
    return {
      message: boundedMessage(client.message),
      ...(formatted.locations && { locations: formatted.locations }),
      ...(formatted.path && { path: formatted.path }),
      extensions,
    };
  };
}

function clientView(formatted: GraphQLFormattedError, error: unknown): { message: string; extensions: Record<string, unknown> } {
  const code = formatted.extensions?.['code'];
  // A limit rule's own code (QUERY_TOO_COMPLEX) under Apollo's GRAPHQL_VALIDATION_FAILED wrapper.
  const inner = error instanceof GraphQLError ? error.originalError : undefined;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && inner instanceof GraphQLError && typeof inner.extensions['code'] === 'string') {
    return { message: inner.message, extensions: { ...inner.extensions } };
  }
  // Errors coded on purpose: the request's own (parse, validation, variables, limits, auth) or a resolver's.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return { message: formatted.message, extensions: { ...formatted.extensions } };
  // Otherwise what was thrown, under graphql-js's and Apollo's wrappers: known errors keep their code.
  let source: unknown = error;
  while (source instanceof GraphQLError && source.originalError) source = source.originalError;
  const known = toClientError(source);
  return typeof known.extensions['code'] === 'string' && known.extensions['code'] !== 'INTERNAL_SERVER_ERROR' ? known : internal();
}

/** Strings in extensions (a field name, a row's value) cut like messages, at any depth (lists stay whole). */
function boundedValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return bounded(value);
  if (depth >= 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => boundedValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [bounded(k), boundedValue(v, depth + 1)]));
}

const internal = () => ({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });

/**
 * Sets the HTTP status of a response that carries errors and no data from its first error's code (400
 * for bad input, 401, 403, 404, 409, ...), so a refused request is never answered 200 or 500. A response
 * with data beside errors (a partial result) stays 200, as GraphQL over HTTP has it.
 */
export function errorStatusPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length || data != null) return;
          const status = httpStatusByCode[String(errors[0]!.extensions?.['code'])] ?? 500;
          if (response.http.status === undefined || response.http.status === 200 || (response.http.status === 500 && status !== 500)) response.http.status = status;
          const retryAfter = errors[0]!.extensions?.['retryAfterSeconds'];
          if (status === 503 && typeof retryAfter === 'number' && !response.http.headers.has('retry-after')) response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}
