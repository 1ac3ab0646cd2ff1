/** A dependency a mutation cannot do without, currently down, with the reason its last probe gave. */
export interface UnavailableDependency {
  dependency: string;
  detail: string;
}

export const DEPENDENCY_STATUS = Symbol('DependencyStatus');

/**
 * What the host knows of its dependencies from its background probes (docs/reliability.md): the gateway
 * refuses a mutation at once, before sending anything, while one it needs is known to be down.
 */
export interface DependencyStatus {
  unavailableForMutations(): UnavailableDependency[];
}
