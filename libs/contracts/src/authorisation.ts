import { DomainError } from '@skills-graph/domain';
import type { Actor, ActorRole } from './actor.js';

/** Refuses a command unless the actor holds one of the roles. */
export function requireRole(actor: Actor, roles: readonly ActorRole[], action: string): void {
  if (!actor.roles.some((role) => roles.includes(role))) {
    throw new DomainError('FORBIDDEN', `Only ${roles.join(' or ')} may ${action}`, 'actor');
  }
}
