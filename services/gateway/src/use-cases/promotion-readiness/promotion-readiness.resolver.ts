import { z } from 'zod';
import type { PromotionCandidateView } from '@skills-graph/read-model';
import { GatewayError } from '../../errors/gateway-error.js';
import { parseInput, pastInstant } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import { publishedFrameworkId } from '../gap-to-next-level/level-gap-fields.js';
import type { UseCaseKit } from '../use-case-kit.js';

// promotionReadiness: "who is ready for promotion". It reveals levels, so it obeys the level search policy:
// panel, admin and the demo visitor see everyone, other engineers their own reporting line (a director their
// organisation), service principals without those roles are refused. With asOf (not in the future), readiness
// as it stood then: the evidence approved then, the calibrations recorded by then, the engineers there then.

const id = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');

export const promotionReadinessInput = z.object({
  filter: z.object({ framework: id.nullish(), competency: name.nullish(), team: id.nullish() }).nullish(),
});

export function promotionReadinessResolvers(kit: UseCaseKit) {
  return {
    Query: {
      async promotionReadiness(_: unknown, args: Record<string, unknown>, context: GatewayContext) {
        const scope = await kit.access.levelSearch(context);
        if (scope.kind === 'nobody') throw new GatewayError('FORBIDDEN', 'promotionReadiness reveals levels: it is for engineers (their own reporting line), panel and admin', 'authorization');
        const input = parseInput(promotionReadinessInput, args, 'args');
        const now = kit.now();
        const asOf = args['asOf'] != null ? pastInstant(args['asOf'], 'asOf', now) : undefined;
        const frameworkId = await publishedFrameworkId(kit, input.filter?.framework, 'filter.framework');
        const competencyId = input.filter?.competency != null ? await kit.resolveCompetency(input.filter.competency, 'filter.competency', frameworkId) : undefined;
        return kit.readModel.promotionReadiness({
          frameworkId,
          ...(competencyId !== undefined && { competencyId }),
          ...(input.filter?.team != null && { teamId: input.filter.team }),
          ...(scope.kind === 'line' && { withinLineOf: scope.engineerId }),
          at: now.toISOString(),
          ...(asOf !== undefined && { asOf }),
        });
      },
    },
    PromotionCandidate: {
      engineer: (c: PromotionCandidateView, _: unknown, context: GatewayContext) => context.loaders.engineer.load(c.engineerId),
      competency: (c: PromotionCandidateView) => kit.competencyOf(c.competencyId),
      reasons: (c: PromotionCandidateView) => c.reasons.map((r) => r.toUpperCase().replace(/-/g, '_')),
    },
  };
}
