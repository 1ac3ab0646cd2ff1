/** The dependencies a process may wait on; each name appears in `extensions.dependency` of UNAVAILABLE. */
export type DependencyName = 'kafka' | 'neo4j' | 'event-store' | 'postgres' | string;

/**
 * A dependency (Kafka, Neo4j, the event store) did not answer, or answered that it cannot serve, within
 * its bound. The gateway answers it as UNAVAILABLE (HTTP 503) naming the dependency; the caller may retry
 * the same request (mutations are idempotent by their id or idempotencyKey).
 */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: DependencyName,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'DependencyUnavailableError';
  }
}

/**
 * Races `work` against `ms`: past the bound it rejects with a DependencyUnavailableError naming the
 * dependency (the work itself may still complete later: callers must be safe to retry).
 */
export function withDeadline<T>(work: Promise<T>, ms: number, dependency: DependencyName, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DependencyUnavailableError(dependency, `${dependency} did not answer ${what} within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
