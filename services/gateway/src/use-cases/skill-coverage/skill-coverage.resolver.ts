import { z } from 'zod';
import type { SkillCoverageEntry } from '@skills-graph/read-model';
import { parseInput, pastInstant } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import { aggregateId, aggregateName, countableScope } from '../directors-scope.js';
import type { UseCaseKit } from '../use-case-kit.js';

// skillCoverage: the bus factor per skill. Input checked here, scope from the access policy
// (directors-scope.ts), counting in the read model (directors/level-aggregates.ts).

export const skillCoverageInput = {
  minLevel: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'at most 100'),
  team: aggregateId.nullish(),
  competency: aggregateName.nullish(),
  framework: aggregateId.nullish(),
};

export function skillCoverageResolvers(kit: UseCaseKit) {
  return {
    Query: {
      async skillCoverage(_: unknown, args: Record<string, unknown>, context: GatewayContext) {
        const scope = await countableScope(kit, context, 'skillCoverage');
        const minLevel = parseInput(skillCoverageInput.minLevel, args['minLevel'], 'minLevel');
        const teamId = parseInput(skillCoverageInput.team, args['team'], 'team') ?? undefined;
        const frameworkId = parseInput(skillCoverageInput.framework, args['framework'], 'framework') ?? undefined;
        const competency = parseInput(skillCoverageInput.competency, args['competency'], 'competency');
        const competencyId = competency != null ? await kit.resolveCompetency(competency, 'competency', frameworkId) : undefined;
        const asOf = args['asOf'] != null ? pastInstant(args['asOf'], 'asOf', kit.now()) : undefined;
        const view = await kit.readModel.skillCoverage({
          minLevel,
          ...(competencyId !== undefined && { competencyId }),
          ...(teamId !== undefined && { teamId }),
          ...(frameworkId !== undefined && { frameworkId }),
          ...scope,
          ...(asOf !== undefined && { asOf }),
        });
        return {
          minLevel,
          competency: competencyId === undefined ? null : await kit.competencyOf(competencyId),
          asOf: asOf ?? null,
          organisation: view.organisation,
          teams: view.teams,
        };
      },
    },
    SkillCoverageEntry: {
      skill: (e: SkillCoverageEntry) => kit.skillOf(e.skillId),
      team: (e: SkillCoverageEntry, _: unknown, context: GatewayContext) => (e.teamId === null ? null : context.loaders.team.load(e.teamId)),
      soleHolder: (e: SkillCoverageEntry, _: unknown, context: GatewayContext) => (e.soleHolderId === null ? null : context.loaders.engineer.load(e.soleHolderId)),
    },
  };
}
