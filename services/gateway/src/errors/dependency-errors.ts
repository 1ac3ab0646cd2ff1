import { DependencyUnavailableError } from '@skills-graph/config';
import { isNeo4jUnavailable } from '@skills-graph/read-model';

/** PostgreSQL codes that mean the server went away or refuses connections (admin shutdown, cannot connect now, connection failure). */
const postgresUnavailableCodes = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/**
 * What an error thrown by a dependency's client means for the caller: a DependencyUnavailableError naming
 * the dependency when the dependency could not be reached or did not answer in time (UNAVAILABLE, retry
 * later), undefined when it is something else (bad input, a bug).
 */
export function asDependencyUnavailable(error: unknown): DependencyUnavailableError | undefined {
  if (error instanceof DependencyUnavailableError) return error;
  if (!(error instanceof Error)) return undefined;
  const message = error.message;
  if (error.name.startsWith('KafkaJS')) return new DependencyUnavailableError('kafka', `Kafka is unavailable: ${message}`, { cause: error });
  if (error.name === 'Neo4jError' && isNeo4jUnavailable(error)) return new DependencyUnavailableError('neo4j', `Neo4j is unavailable: ${message}`, { cause: error });
  const code = (error as { code?: unknown }).code;
  const fromPg = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|the database system is (shutting down|starting up)/i.test(message);
  if (fromPg || (typeof code === 'string' && postgresUnavailableCodes.has(code) && /postgres|pg|5432|connect/i.test(`${message} ${error.stack ?? ''}`))) {
    return new DependencyUnavailableError('event-store', `The event store is unavailable: ${message}`, { cause: error });
  }
  return undefined;
}
