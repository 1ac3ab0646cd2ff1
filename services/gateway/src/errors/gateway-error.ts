import { GraphQLError } from 'graphql';
import { DomainError } from '@skills-graph/domain';
import { InvalidAppendError, WrongExpectedRevisionError } from '@skills-graph/event-store';
import { asDependencyUnavailable } from './dependency-errors.js';
import { FrameworkImportError } from '@skills-graph/framework-import';
import { InvalidQueryError } from '@skills-graph/read-model';

export type GatewayErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE';

/** An error raised by the gateway itself (input validation, auth). `details` go into the extensions beside the code. */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly field?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** Bad input found by a remote service (a malformed framework file, an invalid append), with its details. */
export class RemoteInputError extends Error {
  constructor(
    message: string,
    readonly field: string | null,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RemoteInputError';
  }
}

/** Retry-After of an UNAVAILABLE caused by a dependency: about one background probe of it (docs/errors.md). */
export const dependencyRetryAfterSeconds = 5;

const domainCodes: Record<DomainError['code'], string> = {
  VALIDATION_FAILED: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_STATE: 'CONFLICT',
  CONFLICT: 'CONFLICT',
};

/**
 * Maps an error thrown while resolving to what the client sees: a code and the field at fault in
 * `extensions`. Anything unexpected becomes INTERNAL_SERVER_ERROR without internals.
 */
export function toClientError(error: unknown): { message: string; extensions: Record<string, unknown> } {
  if (error instanceof GraphQLError && !error.originalError) return { message: error.message, extensions: { ...error.extensions } };
  if (error instanceof GatewayError) return { message: error.message, extensions: { ...error.details, code: error.code, field: error.field ?? null } };
  if (error instanceof DomainError) return { message: error.message, extensions: { code: domainCodes[error.code], reason: error.code, field: error.field ?? null } };
  if (error instanceof FrameworkImportError) {
    return {
      message: error.message,
      extensions: { code: 'BAD_USER_INPUT', field: 'input.content', format: error.format, line: error.line, column: error.column, path: error.path, expected: error.expected },
    };
  }
  if (error instanceof RemoteInputError) return { message: error.message, extensions: { ...error.details, code: 'BAD_USER_INPUT', field: error.field } };
  if (error instanceof InvalidQueryError) return { message: error.message, extensions: { code: 'BAD_USER_INPUT', field: error.field } };
  if (error instanceof InvalidAppendError) return { message: error.message, extensions: { code: 'BAD_USER_INPUT', field: error.field } };
  if (error instanceof WrongExpectedRevisionError) return { message: 'Someone else changed this at the same time; try again', extensions: { code: 'CONFLICT' } };
  // Kafka, Neo4j or the event store down or too slow: UNAVAILABLE naming it (503, Retry-After), never a 500.
  const unavailable = asDependencyUnavailable(error);
  if (unavailable) return { message: unavailable.message, extensions: { code: 'UNAVAILABLE', dependency: unavailable.dependency, retryAfterSeconds: dependencyRetryAfterSeconds } };
  return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
