import type { AggregateScope } from '@skills-graph/read-model';
import { z } from 'zod';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayContext } from '../resolvers/resolvers.js';
import type { UseCaseKit } from './use-case-kit.js';

// Directors' aggregates (levelDistribution, skillCoverage, progression) count levels, so they obey the level
// search policy (docs/access-policy.md): panel, admin and the demo visitor count everyone; any other engineer
// (a director, a manager, an engineer) counts themselves and everyone below them in the reporting line; a
// service principal without panel or admin counts nobody and is refused.

/** The part of the organisation the caller may count: everyone, or their own reporting line; FORBIDDEN otherwise. */
export async function countableScope(kit: UseCaseKit, context: GatewayContext, query: string): Promise<Pick<AggregateScope, 'withinLineOf'>> {
  const scope = await kit.access.levelSearch(context);
  if (scope.kind === 'nobody') {
    throw new GatewayError('FORBIDDEN', `${query} counts levels: it is for engineers (their own reporting line), panel and admin`, 'authorization');
  }
  return scope.kind === 'line' ? { withinLineOf: scope.engineerId } : {};
}

export const aggregateId = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
export const aggregateName = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
