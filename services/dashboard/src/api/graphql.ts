import { headersFor, type Identity } from './identity';

/** A refusal or failure from POST /graphql, with the code the gateway gave (docs/errors.md). */
export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GraphqlError';
  }
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: { message?: string; extensions?: { code?: unknown; field?: unknown } }[];
}

/** Reads a GraphQL response: the data, or the first error as a GraphqlError (any error fails the whole answer). */
export function readResponse<T>(status: number, body: unknown): T {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as GraphqlBody<T>;
  const first = answer.errors?.[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    const field = typeof first.extensions?.field === 'string' ? first.extensions.field : undefined;
    throw new GraphqlError(first.message ?? 'The request failed', code, field, status);
  }
  if (status >= 400 || answer.data === undefined || answer.data === null) {
    throw new GraphqlError(`The server answered ${status} without data`, status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', undefined, status);
  }
  return answer.data;
}

/** POST /graphql as the given viewer. */
export async function graphql<T>(query: string, variables: Record<string, unknown>, identity: Identity, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headersFor(identity) },
      body: JSON.stringify({ query, variables }),
      ...(signal && { signal }),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GraphqlError('The Skills Graph API cannot be reached. Is the product running?', 'NETWORK_ERROR');
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return readResponse<T>(response.status, body);
}

/** A GraphQL string literal (for the few documents built with aliases, e.g. one field per competency). */
export function literal(value: string): string {
  return JSON.stringify(value);
}
